import { InvalidInputError, type ProbeFacts } from '@reelforge/contracts';
import { FilterGraph } from '@reelforge/filtergraph';
import { inputArgs } from '@reelforge/media';
import { sourceMatrix } from './encoding.js';
import { formatSeconds } from './trim.command.js';

export const MAX_THUMBNAILS = 50;

export interface ThumbnailCommandInput {
  sourcePath: string;
  source: Pick<ProbeFacts, 'colorSpace' | 'pixelFormat' | 'height'>;
  timesSec: readonly number[];
  /** Output width; height keeps the aspect ratio. Null keeps the source size. */
  widthPx: number | null;
  outputDir: string;
  /** With the frame rate, lets instants past the last frame be pulled back onto it (see lastFrameSec). */
  durationSec?: number | null;
  fps?: number | null;
}

/**
 * The latest instant that still has a frame to show: one frame before the end. A one-frame video lasts
 * one frame (0.04 s at 25 fps), so "the middle" (0.02 s) lies after its only frame and a seek there
 * decodes nothing. `-ss` on the input is relative to the stream's start, whatever its timestamps.
 */
export function lastFrameSec(durationSec: number, fps: number | null | undefined): number {
  const frameSec = fps && fps > 0 ? 1 / fps : 0.04;
  return Math.max(0, Math.floor((durationSec - frameSec) * 1000) / 1000);
}

/** `count` instants spread evenly, each in the middle of its share, so none is the (often black) first frame. */
export function evenlySpacedTimes(durationSec: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round(((durationSec * (i + 0.5)) / count) * 1000) / 1000);
}

/**
 * One ffmpeg process for every still: each instant is its own input with `-ss` before `-i`, so the
 * demuxer jumps to the keyframe before it and decodes only from there, instead of decoding the whole
 * video up to the last instant. JPEGs are full-range BT.601, which is what JFIF decoders assume.
 */
export function buildThumbnailCommand(input: ThumbnailCommandInput): { args: string[]; fileNames: string[] } {
  if (input.timesSec.length === 0 || input.timesSec.length > MAX_THUMBNAILS) {
    throw new InvalidInputError(`Between 1 and ${MAX_THUMBNAILS} thumbnails per job`);
  }
  const graph = new FilterGraph();
  const inMatrix = sourceMatrix(input.source);
  const args: string[] = [];
  const latestSec =
    input.durationSec !== undefined && input.durationSec !== null
      ? lastFrameSec(input.durationSec, input.fps)
      : Number.POSITIVE_INFINITY;
  input.timesSec.forEach((timeSec) =>
    args.push('-ss', formatSeconds(Math.min(timeSec, latestSec)), ...inputArgs(input.sourcePath)),
  );
  const pads = input.timesSec.map((_, i) =>
    graph.chain(
      `${i}:v:0`,
      [
        {
          filter: 'scale',
          args: {
            w: input.widthPx ?? 'iw',
            h: -2,
            ...(inMatrix ? { in_color_matrix: inMatrix } : {}),
            out_color_matrix: 'bt601',
            out_range: 'pc',
          },
        },
        { filter: 'format', args: { pix_fmts: 'yuvj420p' } },
      ],
      `still${i}`,
    ),
  );
  args.push('-filter_complex', graph.toString());
  const fileNames = pads.map((_, i) => `thumb_${String(i).padStart(3, '0')}.jpg`);
  pads.forEach((pad, i) => {
    args.push('-map', `[${pad}]`, '-frames:v', '1', '-q:v', '3', '-update', '1', `${input.outputDir}/${fileNames[i]}`);
  });
  return { args, fileNames };
}
