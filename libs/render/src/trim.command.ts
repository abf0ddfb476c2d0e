import { InvalidInputError, TrimMode } from '@reelforge/contracts';
import { FilterGraph } from '@reelforge/filtergraph';
import { inputArgs } from '@reelforge/media';

import {
  AAC_DEFAULTS,
  type ColourFacts,
  cropToEven,
  FASTSTART,
  type FrameSize,
  H264_WEB_DEFAULTS,
  toBt709,
} from './encoding.js';

export interface TrimCommandInput {
  sourcePath: string;
  /** An .mp4 for video sources, an .m4a for audio-only ones; the caller picks. */
  outputPath: string;
  startSec: number;
  /** Already clamped to the source duration by the caller. */
  endSec: number;
  mode: TrimMode;
  hasVideo: boolean;
  hasAudio: boolean;
  /** The source's colour facts, so an accurate trim can convert to BT.709 from the right matrix. */
  colour?: ColourFacts;
  /** The decoded picture size; odd sides are cropped to even when re-encoding (see cropToEven). */
  frame?: FrameSize;
}

/** Far beyond any media limit, and well below 1e21, where toFixed switches to exponent notation. */
const MAX_TIME_SEC = 1e9;

/** Seconds for an ffmpeg time option: up to 6 decimals (ffmpeg's microsecond precision), never an exponent. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_TIME_SEC) {
    throw new InvalidInputError(`Invalid time ${seconds}s`, { seconds });
  }
  return seconds.toFixed(6).replace(/\.?0+$/, '');
}

/** The output duration a trim should produce, for progress reporting. */
export function expectedTrimDurationSec(input: Pick<TrimCommandInput, 'startSec' | 'endSec'>): number {
  return input.endSec - input.startSec;
}

/**
 * ffmpeg arguments for a trim (the runner adds -hide_banner, -nostdin, -y and -progress).
 *
 * Both modes seek with `-ss` before `-i` (input seeking: the demuxer jumps to the nearest keyframe, so
 * cost does not grow with the start time).
 * - Accurate: ffmpeg (>= 2.1) decodes from that keyframe and drops frames before `start`, so with a
 *   re-encode the cut lands on the exact frame. Source metadata is kept (ffmpeg's default); the picture
 *   is auto-rotated while decoding, so a rotated phone video comes out upright with no display matrix.
 * - Fast: stream copy from the keyframe at or before `start`, so the output can start early; the
 *   display matrix is copied. `-avoid_negative_ts make_zero` shifts timestamps to start at 0, which
 *   players and later concat steps expect.
 * `-t` is an output option: the duration of what is written, whatever the seek did.
 */
export function buildTrimCommand(input: TrimCommandInput): string[] {
  const durationSec = expectedTrimDurationSec(input);
  if (!(durationSec > 0)) {
    throw new InvalidInputError('Trim end must be after start', { startSec: input.startSec, endSec: input.endSec });
  }
  if (!input.hasVideo && !input.hasAudio) throw new InvalidInputError('The source has neither video nor audio');

  const reencodeVideo = input.mode === TrimMode.Accurate && input.hasVideo;
  const maps: string[] = [];
  const filters: string[] = [];
  if (reencodeVideo) {
    // Re-encoding anyway, so convert to the BT.709 every output is tagged with (see encoding.ts).
    const graph = new FilterGraph();
    const pad = graph.chain(
      '0:v:0',
      [...cropToEven(input.frame), ...toBt709(input.colour ?? { colorSpace: null, pixelFormat: null, height: null })],
      'video',
    );
    filters.push('-filter_complex', graph.toString());
    maps.push('-map', `[${pad}]`);
  } else if (input.hasVideo) {
    maps.push('-map', '0:v:0?');
  }
  if (input.hasAudio) maps.push('-map', '0:a:0?');

  const codecs =
    input.mode === TrimMode.Fast
      ? ['-c', 'copy', '-avoid_negative_ts', 'make_zero']
      : [...(input.hasVideo ? H264_WEB_DEFAULTS : []), ...(input.hasAudio ? AAC_DEFAULTS : [])];

  return [
    '-ss',
    formatSeconds(input.startSec),
    ...inputArgs(input.sourcePath),
    '-t',
    formatSeconds(durationSec),
    ...filters,
    ...maps,
    ...codecs,
    '-sn',
    '-dn',
    ...FASTSTART,
    input.outputPath,
  ];
}
