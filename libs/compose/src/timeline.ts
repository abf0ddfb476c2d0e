import { InvalidInputError } from '@reelforge/contracts';
import { type AudioLayer, type Composition, type Layer, type VideoLayer, type VisualLayer } from './spec.js';

/** What the planner knows about one media input; the worker builds it from the probe of the resolved file. */
export interface MediaFacts {
  path: string;
  kind: 'image' | 'video' | 'audio';
  durationSec: number | null;
  widthPx: number | null;
  heightPx: number | null;
  fps: number | null;
  hasAudio: boolean;
  hasVideo: boolean;
  colorSpace: string | null;
  pixelFormat: string | null;
  /** `tv`, `pc`, null when untagged; undefined when not known (then no conversion is skipped). */
  colorRange?: string | null;
  /** Display rotation in degrees (90, 180, 270). ffmpeg auto-rotates on decode, so only the size swaps. */
  rotation?: number;
}

/** A layer's window on the output timeline. */
export interface LayerWindow {
  startSec: number;
  /** Null until the output duration is known. */
  endSec: number | null;
}

/** Seconds of source a trimmed, sped-up clip plays for; null when unknown or endless (looping). */
export function mediaPlaySec(layer: VideoLayer | AudioLayer, facts: MediaFacts | null): number | null {
  if (layer.loop) return null;
  const sourceEndSec = layer.trimEndSec ?? facts?.durationSec ?? null;
  if (sourceEndSec === null) return null;
  const speed = layer.type === 'video' ? layer.speed : 1;
  return Math.max(0, sourceEndSec - layer.trimStartSec) / speed;
}

/** Where a layer ends when that does not depend on the output: an explicit duration or finite media. */
export function knownEndSec(layer: Layer, facts: MediaFacts | null): number | null {
  if (layer.durationSec !== undefined) return layer.startSec + layer.durationSec;
  if (layer.type === 'video' || layer.type === 'audio') {
    const playSec = mediaPlaySec(layer, facts);
    return playSec === null ? null : layer.startSec + playSec;
  }
  return null;
}

/** The output duration: explicit, or the end of the last layer whose end is known. */
export function outputDurationSec(composition: Composition, media: ReadonlyMap<number, MediaFacts | null>): number {
  if (composition.output.durationSec !== undefined) return composition.output.durationSec;
  const ends = composition.layers
    .map((layer, i) => knownEndSec(layer, media.get(i) ?? null))
    .filter((end): end is number => end !== null);
  if (ends.length === 0) {
    throw new InvalidInputError(
      'composition.output.durationSec: required, because no layer has a known end (give a layer durationSec, or use finite, non-looping media)',
      { field: 'composition.output.durationSec' },
    );
  }
  return Math.max(...ends);
}

/**
 * Consecutive layers of one track joined by transitions; rendered as one full-frame stream and overlaid at the
 * z-position of its first (lowest) layer. A track's layers without a transition between them are plain layers.
 */
export interface TransitionChain {
  track: string;
  /** Layer indexes in play order. */
  members: number[];
}

/**
 * Transition timing: the incoming layer's `startSec` is where the transition starts, and it lasts the transition's
 * `durationSec`. The previous layer on the track must have started before and still show at that instant; if it
 * ends inside the transition its last frame is held until the transition ends.
 */
export function transitionChains(
  layers: readonly Layer[],
  windows: readonly LayerWindow[],
  outputSec: number,
): TransitionChain[] {
  const byTrack = new Map<string, number[]>();
  layers.forEach((layer, i) => {
    if (layer.type === 'audio' || layer.track === undefined) return;
    byTrack.set(layer.track, [...(byTrack.get(layer.track) ?? []), i]);
  });
  const chains: TransitionChain[] = [];
  for (const [track, indexes] of byTrack) {
    const ordered = [...indexes].sort((a, b) => layers[a].startSec - layers[b].startSec || a - b);
    let current: number[] = [];
    ordered.forEach((index, position) => {
      const layer = layers[index] as VisualLayer;
      if (layer.transition === undefined || position === 0) {
        if (layer.transition !== undefined) {
          throw new InvalidInputError(
            `composition.layers.${index}.transition: no earlier layer on track "${track}" to transition from`,
            { field: `composition.layers.${index}.transition` },
          );
        }
        if (current.length > 1) chains.push({ track, members: current });
        current = [index];
        return;
      }
      const previous = ordered[position - 1];
      const previousStartSec = layers[previous].startSec;
      const previousEndSec = windows[previous].endSec ?? outputSec;
      if (layer.startSec <= previousStartSec || layer.startSec >= previousEndSec) {
        throw new InvalidInputError(
          `composition.layers.${index}.startSec: the transition starts at this layer's startSec (${layer.startSec}s), ` +
            `which must fall inside the previous layer on track "${track}" (layer ${previous}, ${previousStartSec}s-${previousEndSec}s)`,
          { field: `composition.layers.${index}.startSec` },
        );
      }
      current.push(index);
    });
    if (current.length > 1) chains.push({ track, members: current });
  }
  return chains;
}
