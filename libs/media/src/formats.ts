/**
 * Demuxers ffmpeg may use on ingested files: real containers and image/audio formats only.
 * ffmpeg picks a demuxer by sniffing content, not by extension, so an HLS playlist or a concat list
 * uploaded as `clip.mp4` would otherwise make ffmpeg open other files or URLs named inside it.
 * Names are ffmpeg's (`ffmpeg -demuxers`, 5.1); an entry matches any alias of a demuxer, so `mov`
 * covers `mov,mp4,m4a,3gp,3g2,mj2` and `matroska` covers `matroska,webm`.
 * Never add hls, dash, concat, subfile, lavfi, tty, ffmetadata or any playlist/text format.
 */
export const INGEST_FORMATS = [
  'mov',
  'matroska',
  'avi',
  'mpegts',
  'flv',
  'ogg',
  'mp3',
  'wav',
  'flac',
  'aac',
  'png_pipe',
  'jpeg_pipe',
  'webp_pipe',
  'gif',
  'image2',
] as const;

/** Local files and pipes only: no http, tcp, data: or other protocols a crafted file could name. */
export const PROTOCOL_WHITELIST = 'file,pipe';

/** The arguments that open one untrusted input under the protocol and demuxer allow-lists. */
export function inputArgs(path: string, opts: { formats?: readonly string[] } = {}): string[] {
  const formats = opts.formats ?? INGEST_FORMATS;
  return ['-protocol_whitelist', PROTOCOL_WHITELIST, '-format_whitelist', formats.join(','), '-i', path];
}
