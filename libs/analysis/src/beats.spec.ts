import { describe, expect, it } from 'vitest';
import { analyseBeats, estimateTempo, onsetEnvelope } from './beats.js';
import { fft } from './fft.js';

const SAMPLE_RATE = 22_050;

/** Deterministic noise, so a failing case reproduces. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** A click track: a loud click on every beat, a softer one on every off-beat, a little noise. */
function clickTrack(
  bpm: number,
  durationSec: number,
  firstBeatSec = 0.5,
): { samples: Float32Array; beatsSec: number[] } {
  const samples = new Float32Array(Math.round(durationSec * SAMPLE_RATE));
  const noise = rng(bpm);
  for (let i = 0; i < samples.length; i += 1) samples[i] = 0.01 * noise();
  const periodSec = 60 / bpm;
  const beatsSec: number[] = [];
  const click = (atSec: number, gain: number): void => {
    const start = Math.round(atSec * SAMPLE_RATE);
    for (let i = 0; i < 0.02 * SAMPLE_RATE && start + i < samples.length; i += 1) {
      samples[start + i] +=
        gain * Math.exp(-i / (0.003 * SAMPLE_RATE)) * Math.sin((2 * Math.PI * 1500 * i) / SAMPLE_RATE);
    }
  };
  for (let t = firstBeatSec; t < durationSec - 0.05; t += periodSec) {
    beatsSec.push(t);
    click(t, 0.9);
    if (t + periodSec / 2 < durationSec) click(t + periodSec / 2, 0.3);
  }
  return { samples, beatsSec };
}

describe(fft.name, () => {
  it('puts a pure tone in its bin', () => {
    const n = 64;
    const re = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 5 * i) / n));
    const im = new Float64Array(n);
    fft(re, im);
    const magnitudes = Array.from(re, (r, i) => Math.hypot(r, im[i]));
    expect(magnitudes[5]).toBeCloseTo(n / 2, 6);
    expect(magnitudes[6]).toBeCloseTo(0, 6);
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => fft(new Float64Array(3), new Float64Array(3))).toThrow();
  });
});

describe(analyseBeats.name, () => {
  it.each([90, 120, 128, 100, 140])('finds %i BPM within 2%% and beats within 50 ms', (bpm) => {
    const { samples, beatsSec } = clickTrack(bpm, 20);
    const analysis = analyseBeats(samples, { sampleRate: SAMPLE_RATE });
    expect(analysis.tempoBpm).not.toBeNull();
    expect(Math.abs((analysis.tempoBpm as number) - bpm) / bpm).toBeLessThan(0.02);
    const inner = analysis.beats.filter((t) => t > 1 && t < 19);
    expect(inner.length).toBeGreaterThan(((19 - 1) * bpm) / 60 - 3);
    for (const beat of inner) {
      const nearestSec = Math.min(...beatsSec.map((truth) => Math.abs(truth - beat)));
      expect(nearestSec).toBeLessThanOrEqual(0.05);
    }
  });

  it('finds the onsets, off-beats included', () => {
    const { samples, beatsSec } = clickTrack(120, 6);
    const { onsets } = analyseBeats(samples, { sampleRate: SAMPLE_RATE });
    const expected = beatsSec.flatMap((t) => [t, t + 0.25]).filter((t) => t < 5.9);
    for (const truth of expected) expect(Math.min(...onsets.map((o) => Math.abs(o - truth)))).toBeLessThanOrEqual(0.03);
  });

  it('reports no tempo for silence or noise, so callers fall back to fixed durations', () => {
    expect(analyseBeats(new Float32Array(SAMPLE_RATE * 5), { sampleRate: SAMPLE_RATE })).toMatchObject({
      tempoBpm: null,
      beats: [],
    });
    const noise = rng(3);
    const hiss = Float32Array.from({ length: SAMPLE_RATE * 8 }, () => 0.5 * noise());
    expect(analyseBeats(hiss, { sampleRate: SAMPLE_RATE }).tempoBpm).toBeNull();
  });

  it('reports no tempo and no onsets for a steady tone, whose flux is only window noise', () => {
    const tone = Float32Array.from(
      { length: SAMPLE_RATE * 3 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 330 * i) / SAMPLE_RATE),
    );
    expect(analyseBeats(tone, { sampleRate: SAMPLE_RATE })).toMatchObject({ tempoBpm: null, beats: [], onsets: [] });
  });
});

describe(estimateTempo.name, () => {
  it('prefers the beat over its half-time when both repeat', () => {
    const { samples } = clickTrack(128, 15);
    const { envelope, hopSec } = onsetEnvelope(samples, SAMPLE_RATE);
    expect(Math.round(estimateTempo(envelope, hopSec)?.tempoBpm ?? 0)).toBeGreaterThan(120);
  });
});
