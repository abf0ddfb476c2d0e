/**
 * Output encoding shared by every operation that re-encodes, so a trim, a transcode rung and a
 * generated video from the same source look and play the same. Change it here, nowhere else.
 */
import { type ProbeFacts } from '@reelforge/contracts';

/** A filter with its options, as the filter-graph builder takes it. */
export interface EncodeFilterStep {
  filter: string;
  args: Readonly<Record<string, string | number>>;
}

/**
 * Tags written into the H.264 VUI and the container. Untagged output is shown with whatever matrix
 * the player guesses (often BT.601 for anything drawn from RGB), which visibly shifts colours:
 * a #D4AF37 gold turns greenish. We convert to BT.709 (see `toBt709`) and say so.
 */
export const BT709_TAGS: readonly string[] = [
  '-colorspace',
  'bt709',
  '-color_primaries',
  'bt709',
  '-color_trc',
  'bt709',
  '-color_range',
  'tv',
];

/**
 * libx264 for web delivery. veryfast trades a little size for about 3x the speed of `medium`, and
 * workers are CPU-bound. yuv420p because browsers and most phones cannot play 4:2:2/4:4:4 H.264,
 * which libx264 would otherwise keep from such sources.
 */
export function h264Args(crf = 20): string[] {
  return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), '-pix_fmt', 'yuv420p', ...BT709_TAGS];
}

/** `h264Args()` at the default quality. */
export const H264_WEB_DEFAULTS: readonly string[] = h264Args(20);

/** ffmpeg's native AAC encoder; 160 kb/s stereo is transparent for speech and music beds at that encoder's quality. */
export const AAC_DEFAULTS: readonly string[] = ['-c:a', 'aac', '-b:a', '160k'];

/** Moves the mp4 index (moov) to the front so browsers can start playing before the download ends. */
export const FASTSTART: readonly string[] = ['-movflags', '+faststart'];

const SWSCALE_MATRIX: Readonly<Record<string, string>> = {
  bt709: 'bt709',
  smpte170m: 'bt601',
  bt470bg: 'bt601',
  fcc: 'fcc',
  smpte240m: 'smpte240m',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
};

/**
 * The matrix the source's YUV was made with. A tag wins; an untagged source gets what players
 * assume: BT.709 from 720 lines up, BT.601 below (SD). RGB sources have no matrix.
 */
export function sourceMatrix(source: Pick<ProbeFacts, 'colorSpace' | 'pixelFormat' | 'height'>): string | null {
  const pixelFormat = source.pixelFormat ?? '';
  if (/^(rgb|bgr|argb|abgr|rgba|bgra|gbr|pal8|gray|ya8|monob|monow)/.test(pixelFormat)) return null;
  const tagged = source.colorSpace ? SWSCALE_MATRIX[source.colorSpace] : undefined;
  if (tagged) return tagged;
  return (source.height ?? 0) >= 720 ? 'bt709' : 'bt601';
}

/** The colour facts a conversion decision needs. */
export type ColourFacts = Pick<ProbeFacts, 'colorSpace' | 'pixelFormat' | 'height' | 'colorRange'>;

/**
 * True when decoded frames already are what every output is made of: yuv420p, BT.709 matrix, limited range.
 * An untagged range (null) on a `yuv420p` stream is limited (the H.264/HEVC default; full-range sources either
 * say `pc` or decode as `yuvj420p`). A row probed before the range was recorded (undefined) is not trusted.
 */
export function isWebYuv(source: ColourFacts): boolean {
  return (
    source.pixelFormat === 'yuv420p' &&
    sourceMatrix(source) === 'bt709' &&
    source.colorRange !== undefined &&
    source.colorRange !== 'pc'
  );
}

export interface PixelSize {
  widthPx: number;
  heightPx: number;
}

/**
 * swscale options that (optionally) resize and convert to limited-range BT.709 yuv420p in one pass.
 * `size.widthPx`/`heightPx` may be -2 (keep aspect, even size). `sourceSize` is the decoded (display) size, so a
 * resize to the same size is recognised as none.
 *
 * When the source already is BT.709 limited yuv420p no conversion is asked for: `scale` with
 * `out_color_matrix` set builds a swscale context and converts every frame even when in and out match, a
 * full-frame pass that changes nothing (issue 12). Only the resize remains, or a `format` that ffmpeg
 * resolves without touching a frame.
 */
export function toBt709(source: ColourFacts, size?: PixelSize, sourceSize?: PixelSize): EncodeFilterStep[] {
  const resize =
    size !== undefined && !(sourceSize && size.widthPx === sourceSize.widthPx && size.heightPx === sourceSize.heightPx);
  const format: EncodeFilterStep = { filter: 'format', args: { pix_fmts: 'yuv420p' } };
  if (isWebYuv(source)) {
    return resize
      ? [{ filter: 'scale', args: { w: size.widthPx, h: size.heightPx, flags: 'bicubic' } }, format]
      : [format];
  }
  const inMatrix = sourceMatrix(source);
  return [
    {
      filter: 'scale',
      args: {
        ...(resize ? { w: size.widthPx, h: size.heightPx } : {}),
        ...(inMatrix ? { in_color_matrix: inMatrix } : {}),
        out_color_matrix: 'bt709',
        out_range: 'tv',
        flags: 'bicubic+accurate_rnd+full_chroma_int',
      },
    },
    format,
  ];
}

/** A picture size in pixels as displayed (after rotation). */
export interface FrameSize {
  widthPx: number;
  heightPx: number;
}

/**
 * yuv420p stores one chroma sample per 2x2 block, so libx264 refuses odd sides ("width not divisible
 * by 2") and a valid 101x57 source failed every re-encode. The last column/row is cropped instead of
 * rescaling, so no pixel is resampled; the size given is the decoded (display) one, after autorotation.
 */
export function cropToEven(frame: FrameSize | undefined): EncodeFilterStep[] {
  if (!frame || !isOdd(frame)) return [];
  return [{ filter: 'crop', args: { w: evenDown(frame.widthPx), h: evenDown(frame.heightPx), x: 0, y: 0 } }];
}

/** The warning a job stores when its output was cropped to even sides; null when nothing changed. */
export function oddFrameWarning(frame: FrameSize | undefined): string | null {
  if (!frame || !isOdd(frame)) return null;
  return `The source is ${frame.widthPx}x${frame.heightPx}; H.264 in 4:2:0 needs even sides, so the output was cropped to ${evenDown(frame.widthPx)}x${evenDown(frame.heightPx)}`;
}

const isOdd = (frame: FrameSize): boolean => frame.widthPx % 2 === 1 || frame.heightPx % 2 === 1;
const evenDown = (sidePx: number): number => Math.max(2, sidePx - (sidePx % 2));
