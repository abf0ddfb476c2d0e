import type { BeatAnalysis } from '@reelforge/analysis';

/** The analysis's own threshold: below it the autocorrelation peak is noise, not a pulse. */
export const MIN_BEAT_CONFIDENCE = 0.1;

/** Cuts closer together than this feel like flicker rather than rhythm. */
export const PREFERRED_MIN_SHOT_SEC = 1.5;

const EPSILON_SEC = 1e-6;

/** Beat times to cut on, or null when the audio has no pulse worth following. */
export function usableBeats(analysis: BeatAnalysis | null): number[] | null {
  if (!analysis || analysis.tempoBpm === null || analysis.confidence < MIN_BEAT_CONFIDENCE) return null;
  const beats = analysis.beats.filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);
  return beats.length >= 2 ? beats : null;
}

/**
 * Continues a beat grid past the end of the analysed audio (a looped bed keeps its pulse): when the audio
 * length is known the beats repeat with it, otherwise they go on at the median beat period.
 */
export function extendBeats(beats: readonly number[], untilSec: number, audioDurationSec: number | null): number[] {
  if (beats.length === 0) return [];
  const extended = [...beats];
  if (audioDurationSec !== null && audioDurationSec > 1) {
    for (let lap = 1; beats[0] + lap * audioDurationSec <= untilSec; lap += 1) {
      for (const beat of beats) {
        const t = beat + lap * audioDurationSec;
        if (t > untilSec) break;
        extended.push(t);
      }
    }
    return dropCrowdedBeats(extended);
  }
  const gaps = beats
    .slice(1)
    .map((t, i) => t - beats[i])
    .sort((a, b) => a - b);
  const periodSec = gaps[Math.floor(gaps.length / 2)];
  if (!(periodSec > 0)) return extended;
  for (let t = beats[beats.length - 1] + periodSec; t <= untilSec; t += periodSec) extended.push(t);
  return extended;
}

/** Where a loop's last beat and the next lap's first nearly coincide, keep one: cuts 40 ms apart are a glitch. */
function dropCrowdedBeats(beats: number[]): number[] {
  const sorted = [...beats].sort((a, b) => a - b);
  const gaps = sorted
    .slice(1)
    .map((t, i) => t - sorted[i])
    .sort((a, b) => a - b);
  const minGapSec = 0.5 * (gaps[Math.floor(gaps.length / 2)] ?? 0);
  return sorted.filter((t, i) => i === 0 || t - sorted[i - 1] >= minGapSec);
}

/** Cut times (exclusive of 0 and the end) that split `totalSec` into `shotCount` equal shots. */
export function equalCuts(totalSec: number, shotCount: number): number[] {
  return Array.from({ length: shotCount - 1 }, (_, i) => ((i + 1) * totalSec) / shotCount);
}

/**
 * Cut times on beats: for each equal split, the beat nearest to it that still leaves every shot at least
 * `minShotSec` (so later shots are never squeezed); where no beat qualifies, the equal split itself.
 * Greedy left to right, which keeps each cut near its split without a global search.
 */
export function beatAlignedCuts(
  totalSec: number,
  shotCount: number,
  beats: readonly number[],
  minShotSec: number,
): number[] {
  const cuts: number[] = [];
  let previousSec = 0;
  for (let k = 1; k < shotCount; k += 1) {
    const targetSec = (k * totalSec) / shotCount;
    const earliestSec = previousSec + minShotSec;
    const latestSec = totalSec - (shotCount - k) * minShotSec;
    let best: number | null = null;
    for (const beat of beats) {
      if (beat < earliestSec - EPSILON_SEC || beat > latestSec + EPSILON_SEC) continue;
      if (best === null || Math.abs(beat - targetSec) < Math.abs(best - targetSec)) best = beat;
    }
    const cut = best ?? Math.min(latestSec, Math.max(earliestSec, targetSec));
    cuts.push(cut);
    previousSec = cut;
  }
  return cuts;
}

/** The shortest shot `beatAlignedCuts` may make: 1.5 s, or less when the shots cannot all be that long. */
export function minShotSecFor(totalSec: number, shotCount: number): number {
  return Math.min(PREFERRED_MIN_SHOT_SEC, (0.75 * totalSec) / shotCount);
}

export interface Shot {
  startSec: number;
  durationSec: number;
}

/**
 * Layer timings for shots on one track that change at `cuts`, with transitions of `transitionSec`
 * centred on each cut: a layer starts half a transition before its cut and ends half a transition after
 * the next, so the start of each layer is also where the sequence puts it (previous end minus the overlap).
 */
export function shotsForCuts(totalSec: number, cuts: readonly number[], transitionSec: number): Shot[] {
  const bounds = [0, ...cuts, totalSec];
  const half = transitionSec / 2;
  return bounds.slice(0, -1).map((from, i) => {
    const startSec = i === 0 ? 0 : from - half;
    const endSec = i === bounds.length - 2 ? totalSec : bounds[i + 1] + half;
    return { startSec: round3(startSec), durationSec: round3(endSec - startSec) };
  });
}

/** Transitions must fit inside the shortest shot with room to see it: at most 40% of it. */
export function fitTransitionSec(requestedSec: number, cuts: readonly number[], totalSec: number): number {
  const bounds = [0, ...cuts, totalSec];
  const shortestSec = Math.min(...bounds.slice(1).map((t, i) => t - bounds[i]));
  return round3(Math.min(requestedSec, 0.4 * shortestSec));
}

export const round3 = (value: number): number => Math.round(value * 1000) / 1000;
