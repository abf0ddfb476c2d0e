/**
 * Output encoding defaults shared by every operation that re-encodes, so a trim and a generated video
 * from the same source look and play the same.
 */

/**
 * H.264 for web delivery. veryfast trades a little size for ~3x the speed of `medium`, and workers are
 * CPU-bound; CRF 20 is visually transparent for typical sources. yuv420p because browsers and most
 * phones cannot play 4:2:2/4:4:4 H.264, which libx264 would otherwise keep from such sources.
 */
export const H264_WEB_DEFAULTS: readonly string[] = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-crf',
  '20',
  '-pix_fmt',
  'yuv420p',
];

/** ffmpeg's native AAC encoder; 160 kb/s stereo is transparent for speech and music beds at that encoder's quality. */
export const AAC_DEFAULTS: readonly string[] = ['-c:a', 'aac', '-b:a', '160k'];

/** Moves the mp4 index (moov) to the front so browsers can start playing before the download ends. */
export const FASTSTART: readonly string[] = ['-movflags', '+faststart'];
