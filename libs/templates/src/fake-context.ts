import type { BeatAnalysis } from '@reelforge/analysis';
import type { MediaSource } from '@reelforge/compose';
import type { StyleClip, StyleSkips, TemplateContext } from './context.js';

/** Test double: fixed answers, and a log of what a template asked for. */
export interface FakeContextOptions {
  analysis?: BeatAnalysis | null;
  mediaDurationSec?: number | null;
  clips?: StyleClip[];
  skips?: StyleSkips;
  seed?: number;
}

export const STYLE_CLIPS: StyleClip[] = [
  { name: 'aurora', ref: 'styles/aurora.mp4', durationSec: 30 },
  { name: 'ember', ref: 'styles/ember.mp4', durationSec: 30 },
  { name: 'silk', ref: 'styles/silk.mp4', durationSec: 30 },
];
export const STYLE_SKIPS: StyleSkips = { aurora: [[0, 3.2]], silk: [[13.8, 16.2]], ember: [[27.8, 30]] };

/** A steady pulse: beats every 60/bpm s from `firstSec` up to `untilSec`. */
export function steadyBeats(bpm: number, untilSec: number, firstSec = 0): BeatAnalysis {
  const periodSec = 60 / bpm;
  const beats: number[] = [];
  for (let t = firstSec; t <= untilSec + 1e-9; t += periodSec) beats.push(Math.round(t * 1000) / 1000);
  return { tempoBpm: bpm, beats, onsets: beats, confidence: 0.6 };
}

export const NO_BEAT: BeatAnalysis = { tempoBpm: null, beats: [], onsets: [0.4, 2.9], confidence: 0.03 };

export function fakeContext(options: FakeContextOptions = {}): TemplateContext & { asked: MediaSource[] } {
  const asked: MediaSource[] = [];
  return {
    asked,
    analyseAudio: (source) => {
      asked.push(source);
      return Promise.resolve(options.analysis === undefined ? steadyBeats(120, 30) : options.analysis);
    },
    mediaDurationSec: () => Promise.resolve(options.mediaDurationSec === undefined ? 30 : options.mediaDurationSec),
    styleClips: () => Promise.resolve(options.clips ?? STYLE_CLIPS),
    styleSkips: () => Promise.resolve(options.skips ?? STYLE_SKIPS),
    randomSeed: () => options.seed ?? 1234,
  };
}
