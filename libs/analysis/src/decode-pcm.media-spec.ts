import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBeats } from './beats.js';
import { ANALYSIS_SAMPLE_RATE, decodePcm } from './decode-pcm.js';

describe(decodePcm.name, () => {
  it('decodes a compressed click track that analyses at its tempo', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'reelforge-pcm-')), 'clicks-120.m4a');
    // A 1.5 kHz click every 0.5 s (120 BPM), encoded to AAC like a real audio bed.
    execFileSync('ffmpeg', [
      '-v', 'error', '-f', 'lavfi', '-i',
      "aevalsrc='0.9*sin(2*PI*1500*t)*exp(-mod(t,0.5)*300)':s=44100:d=12",
      '-c:a', 'aac', '-b:a', '128k', path,
    ]); // prettier-ignore
    const samples = await decodePcm('ffmpeg', path, { timeoutMs: 30_000 });
    expect(samples.length / ANALYSIS_SAMPLE_RATE).toBeCloseTo(12, 0);
    const analysis = analyseBeats(samples, { sampleRate: ANALYSIS_SAMPLE_RATE });
    expect(Math.abs((analysis.tempoBpm ?? 0) - 120) / 120).toBeLessThan(0.02);
    for (const beat of analysis.beats.filter((t) => t > 1 && t < 11)) {
      expect(Math.abs(beat - Math.round(beat * 2) / 2)).toBeLessThanOrEqual(0.05);
    }
  });

  it('rejects a file without audio', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'reelforge-pcm-')), 'silent-video.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=black:s=64x64:d=1', '-c:v', 'libx264', path]);
    await expect(decodePcm('ffmpeg', path, { timeoutMs: 10_000 })).rejects.toThrow('could not decode audio');
  });
});
