import { spawn } from 'node:child_process';

import { AssetKind, DomainError, InvalidMediaError, type ProbeFacts } from '@reelforge/contracts';

import { INGEST_FORMATS, PROTOCOL_WHITELIST } from './formats.js';

/** Limits an ingested file must meet. Dimensions are coded (before rotation). */
export interface ProbeLimits {
  maxDurationSec: number;
  /** width x height of any picture stream. */
  maxPixels: number;
  /** Default 16384. */
  maxWidthPx?: number;
  /** Default 16384. */
  maxHeightPx?: number;
  /** Default 16. */
  maxStreams?: number;
  /** Default 240. */
  maxFps?: number;
}

export interface ProbeOptions {
  timeoutMs: number;
  limits: ProbeLimits;
}

const DEFAULT_MAX_DIMENSION_PX = 16_384;
const DEFAULT_MAX_STREAMS = 16;
const DEFAULT_MAX_FPS = 240;
/** ffprobe's JSON for a sane file is a few KiB; anything near this is a hostile or broken file. */
const MAX_PROBE_OUTPUT_BYTES = 4 * 1024 * 1024;
const STDERR_LIMIT_BYTES = 8 * 1024;

/** Single-picture formats: their one "video" stream is an image, not a video. */
const IMAGE_FORMATS = new Set(['png_pipe', 'jpeg_pipe', 'webp_pipe', 'gif', 'image2']);

interface RawProbe {
  stdout: string;
  stderr: string;
}

/**
 * ffprobe's arguments. `-max_pixels` is a decoder option: avformat_find_stream_info decodes a frame of
 * codecs whose headers the demuxer does not parse (PNG), so without it a 151-byte PNG declaring
 * 16000x16000 makes ffprobe allocate ~800 MB before the dimension check below ever runs. With it the
 * decoder refuses the frame and says so on stderr, which `pixelLimitFailure` turns into a refusal.
 * One frame is read (`-read_intervals %+#1`) for the frame side data: a JPEG's EXIF orientation reaches
 * ffprobe 5.1 only as a display matrix on the decoded frame, never on the stream.
 */
export function ffprobeArgs(filePath: string, maxPixels: number): string[] {
  return [
    '-v',
    'error',
    '-protocol_whitelist',
    PROTOCOL_WHITELIST,
    '-format_whitelist',
    INGEST_FORMATS.join(','),
    '-max_pixels',
    String(maxPixels),
    '-show_format',
    '-show_streams',
    '-show_frames',
    '-read_intervals',
    '%+#1',
    '-show_entries',
    'frame=stream_index,side_data_list',
    '-of',
    'json',
    filePath,
  ];
}

function runFfprobe(ffprobePath: string, filePath: string, timeoutMs: number, maxPixels: number): Promise<RawProbe> {
  const args = ffprobeArgs(filePath, maxPixels);
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobePath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let killedFor: 'timeout' | 'oversize' | null = null;
    const kill = (reason: 'timeout' | 'oversize'): void => {
      if (killedFor !== null) return;
      killedFor = reason;
      // SIGKILL: ffprobe blocked in open() on a FIFO or a slow device does not react to SIGTERM.
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_PROBE_OUTPUT_BYTES) kill('oversize');
      else stdoutChunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT_BYTES) stderr += chunk;
    });
    child.on('error', (error) => {
      if (child.pid !== undefined) return;
      clearTimeout(timer);
      reject(new Error(`Cannot start ffprobe at ${ffprobePath}: ${error.message}`));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      if (killedFor === 'timeout') {
        reject(
          new DomainError('probe_timeout', `Probing the file took longer than ${timeoutMs / 1000}s`, { timeoutMs }),
        );
      } else if (killedFor === 'oversize') {
        reject(
          new InvalidMediaError('The file has too much metadata to inspect', { maxBytes: MAX_PROBE_OUTPUT_BYTES }),
        );
      } else if (pixelLimitFailure(stderr, maxPixels) !== null) {
        // Checked before the exit code: ffprobe exits 0 after the decoder refused the frame.
        reject(pixelLimitFailure(stderr, maxPixels));
      } else if (exitCode !== 0) {
        reject(probeFailure(stderr));
      } else {
        resolve({ stdout: Buffer.concat(stdoutChunks).toString('utf8'), stderr });
      }
    });
  });
}

/** libavutil's refusal under `-max_pixels`: "Picture size 16000x16000 exceeds specified max pixel count 1000". */
function pixelLimitFailure(stderr: string, maxPixels: number): InvalidMediaError | null {
  const match = /Picture size (\d+)x(\d+) exceeds specified max pixel count/.exec(stderr);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return new InvalidMediaError(`The picture has ${width * height} pixels; the limit is ${maxPixels}`, {
    width,
    height,
    maxPixels,
  });
}

function probeFailure(stderr: string): InvalidMediaError {
  const refused = /\[([\w,]+) @ [^\]]*\] Format not on whitelist/.exec(stderr);
  if (refused || stderr.includes('Format not on whitelist')) {
    const format = refused?.[1] ?? 'unknown';
    return new InvalidMediaError(`The file's format ${format} is not allowed (format not on whitelist)`, { format });
  }
  const lastLine = stderr.trim().split('\n').pop()?.slice(0, 300) ?? '';
  return new InvalidMediaError('The file is not a media file ffmpeg can read', { ffprobe: lastLine });
}

/**
 * Runs ffprobe under the ingest allow-lists and returns facts checked against the limits.
 * Throws InvalidMediaError for anything unreadable or out of bounds, DomainError('probe_timeout') on timeout.
 */
export async function probeFile(ffprobePath: string, filePath: string, opts: ProbeOptions): Promise<ProbeFacts> {
  const { stdout } = await runFfprobe(ffprobePath, filePath, opts.timeoutMs, opts.limits.maxPixels);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new InvalidMediaError('The file is not a media file ffmpeg can read', {
      reason: 'unparseable ffprobe output',
    });
  }
  return parseProbeOutput(parsed, opts.limits);
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringField = (object: JsonObject, key: string): string | null => {
  const value = object[key];
  return typeof value === 'string' ? value : null;
};

/** ffprobe writes most numbers as strings ("12.5"), some as numbers; "N/A" and garbage become NaN. */
const numberField = (object: JsonObject, key: string): number | null => {
  const value = object[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return null;
};

/** "30000/1001" -> 29.97; "0/0" (unknown) and anything malformed -> null. */
export function parseFrameRate(value: string | null): number | null {
  if (value === null) return null;
  const match = /^(\d+)(?:\/(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const numerator = Number(match[1]);
  const denominator = match[2] === undefined ? 1 : Number(match[2]);
  if (numerator === 0 || denominator === 0) return null;
  return numerator / denominator;
}

/** Rounds to the nearest quarter turn and folds into 0, 90, 180, 270. */
function normaliseQuarterTurns(degrees: number): number {
  const quarter = Math.round(degrees / 90) * 90;
  return ((quarter % 360) + 360) % 360;
}

/**
 * Clockwise degrees a player turns the picture. ffprobe >= 5 reports the display matrix angle, which is
 * counter-clockwise (an upright phone video says -90 and plays turned 90 clockwise); older ffprobe wrote
 * a `rotate` tag that is already clockwise.
 */
export function rotationOf(stream: Record<string, unknown>): number {
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list : [];
  for (const entry of sideData) {
    if (!isObject(entry)) continue;
    const rotation = numberField(entry, 'rotation');
    if (rotation !== null && Number.isFinite(rotation)) return normaliseQuarterTurns(-rotation);
  }
  const tags = isObject(stream.tags) ? stream.tags : {};
  const rotate = numberField(tags, 'rotate');
  if (rotate !== null && Number.isFinite(rotate)) return normaliseQuarterTurns(rotate);
  return 0;
}

/**
 * The rotation of the first decoded frame of `streamIndex`. ffmpeg 5.1 turns a JPEG's EXIF Orientation
 * into a display matrix on the frame (and its autorotation then turns the picture upright), so for stills
 * this is where orientation is found. Mirrored orientations (2, 4, 5, 7) keep only their quarter turns.
 */
export function frameRotationOf(frames: unknown, streamIndex: number | null): number {
  if (!Array.isArray(frames)) return 0;
  const frame = frames.find(
    (f): f is JsonObject => isObject(f) && (streamIndex === null || f.stream_index === streamIndex),
  );
  return frame ? rotationOf(frame) : 0;
}

const isAttachedPicture = (stream: JsonObject): boolean =>
  isObject(stream.disposition) && stream.disposition.attached_pic === 1;

function checkPictureSize(stream: JsonObject, limits: ProbeLimits): { width: number; height: number } {
  const index = numberField(stream, 'index');
  const width = numberField(stream, 'width');
  const height = numberField(stream, 'height');
  if (
    width === null ||
    height === null ||
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width <= 0 ||
    height <= 0
  ) {
    throw new InvalidMediaError('The picture has no valid size (width or height is missing or zero)', {
      stream: index,
      width,
      height,
    });
  }
  const maxWidthPx = limits.maxWidthPx ?? DEFAULT_MAX_DIMENSION_PX;
  const maxHeightPx = limits.maxHeightPx ?? DEFAULT_MAX_DIMENSION_PX;
  if (width > maxWidthPx || height > maxHeightPx) {
    throw new InvalidMediaError(`The picture is ${width}x${height}; the limit is ${maxWidthPx}x${maxHeightPx}`, {
      stream: index,
      width,
      height,
      maxWidthPx,
      maxHeightPx,
    });
  }
  if (width * height > limits.maxPixels) {
    throw new InvalidMediaError(`The picture has ${width * height} pixels; the limit is ${limits.maxPixels}`, {
      stream: index,
      width,
      height,
      maxPixels: limits.maxPixels,
    });
  }
  return { width, height };
}

/** Duration of the whole file, falling back to the longest stream when the container has none. */
/** Past this start time, mp4 and Matroska report the format's *end* timestamp as its duration. */
const LATE_START_SEC = 1;

function durationOf(format: JsonObject, streams: JsonObject[]): number | null {
  const formatDuration = numberField(format, 'duration');
  const streamDurations = streams
    .map((stream) => numberField(stream, 'duration'))
    .filter((d): d is number => d !== null);
  const longestStream = streamDurations.length > 0 ? Math.max(...streamDurations) : null;
  const startSec = numberField(format, 'start_time') ?? 0;
  // A recording whose timestamps start at 1 h (a camera's clock, a cut from a stream) probed as 3604 s
  // for 4 s of content, so a poster at "the middle" sought past the end. The streams know the length;
  // without them, the end minus the start is it.
  if (startSec > LATE_START_SEC && formatDuration !== null) {
    if (longestStream !== null) return longestStream;
    if (formatDuration > startSec) return formatDuration - startSec;
  }
  return formatDuration ?? longestStream;
}

/** ffprobe says `unknown` for an untagged range; only the two real values are kept. */
const rangeOf = (value: string | null): string | null => (value === 'tv' || value === 'pc' ? value : null);

/** Turns ffprobe's (untrusted) JSON into checked facts. Exported for tests on fixtures. */
export function parseProbeOutput(output: unknown, limits: ProbeLimits): ProbeFacts {
  const notMedia = (reason: string): InvalidMediaError =>
    new InvalidMediaError('The file is not a media file ffmpeg can read', { reason });
  if (!isObject(output) || !isObject(output.format) || !Array.isArray(output.streams)) {
    throw notMedia('no format or streams');
  }
  const format = output.format;
  const streams = output.streams.filter(isObject);
  if (streams.length === 0) throw notMedia('no streams');

  const formatName = stringField(format, 'format_name');
  if (formatName === null) throw notMedia('no format name');
  const allowed: readonly string[] = INGEST_FORMATS;
  if (!formatName.split(',').some((alias) => allowed.includes(alias))) {
    throw new InvalidMediaError(`The file's format ${formatName} is not allowed`, { format: formatName });
  }
  const maxStreams = limits.maxStreams ?? DEFAULT_MAX_STREAMS;
  if (streams.length > maxStreams) {
    throw new InvalidMediaError(`The file has ${streams.length} streams; the limit is ${maxStreams}`, {
      streams: streams.length,
      maxStreams,
    });
  }

  const isImage = formatName.split(',').some((alias) => IMAGE_FORMATS.has(alias));
  const pictureStreams = streams.filter((s) => s.codec_type === 'video' && !isAttachedPicture(s));
  const audioStreams = streams.filter((s) => s.codec_type === 'audio');
  // Every decodable picture stream is checked, not only the first: a later one could be mapped by an operation.
  const sizes = pictureStreams.map((stream) => checkPictureSize(stream, limits));
  const picture = pictureStreams[0];
  const audio = audioStreams[0];

  let fps: number | null = null;
  if (picture && !isImage) {
    fps =
      parseFrameRate(stringField(picture, 'avg_frame_rate')) ?? parseFrameRate(stringField(picture, 'r_frame_rate'));
    const maxFps = limits.maxFps ?? DEFAULT_MAX_FPS;
    if (fps !== null && fps > maxFps) {
      throw new InvalidMediaError(`The video runs at ${fps.toFixed(2)} fps; the limit is ${maxFps}`, { fps, maxFps });
    }
  }

  let durationSec: number | null = null;
  if (isImage) {
    if (!picture) throw notMedia('image without a picture');
  } else {
    if (!picture && !audio) throw notMedia('no audio or video streams');
    durationSec = durationOf(format, streams);
    if (durationSec === null || !Number.isFinite(durationSec) || durationSec <= 0) {
      throw new InvalidMediaError('The file has no valid duration', { durationSec: String(durationSec) });
    }
    if (durationSec > limits.maxDurationSec) {
      throw new InvalidMediaError(`The file lasts ${durationSec.toFixed(3)}s; the limit is ${limits.maxDurationSec}s`, {
        durationSec,
        maxDurationSec: limits.maxDurationSec,
      });
    }
  }

  let rotation = picture ? rotationOf(picture) : 0;
  if (picture && isImage && rotation === 0) rotation = frameRotationOf(output.frames, numberField(picture, 'index'));

  return {
    formatName,
    durationSec,
    width: sizes[0]?.width ?? null,
    height: sizes[0]?.height ?? null,
    fps,
    videoCodec: picture ? stringField(picture, 'codec_name') : null,
    audioCodec: audio ? stringField(audio, 'codec_name') : null,
    hasVideo: picture !== undefined && !isImage,
    hasAudio: audio !== undefined,
    rotation,
    colorSpace: picture ? stringField(picture, 'color_space') : null,
    colorRange: picture ? rangeOf(stringField(picture, 'color_range')) : null,
    pixelFormat: picture ? stringField(picture, 'pix_fmt') : null,
    videoProfile: picture ? stringField(picture, 'profile') : null,
    videoLevel: picture ? numberField(picture, 'level') : null,
    streams: streams.map((stream, position) => ({
      index: numberField(stream, 'index') ?? position,
      type: stringField(stream, 'codec_type') ?? 'unknown',
      codec: stringField(stream, 'codec_name'),
    })),
  };
}

export interface MediaClassification {
  kind: AssetKind;
  mime: string;
  /** Without the dot. */
  extension: string;
}

const IMAGE_TYPES: Record<string, { mime: string; extension: string }> = {
  png: { mime: 'image/png', extension: 'png' },
  mjpeg: { mime: 'image/jpeg', extension: 'jpg' },
  webp: { mime: 'image/webp', extension: 'webp' },
  gif: { mime: 'image/gif', extension: 'gif' },
};

const WEBM_VIDEO_CODECS = new Set(['vp8', 'vp9', 'av1']);
const WEBM_AUDIO_CODECS = new Set(['opus', 'vorbis']);
/** Codecs browsers play from an .mp4; a QuickTime file with others (ProRes, PCM) stays video/quicktime. */
const MP4_VIDEO_CODECS = new Set(['h264', 'hevc', 'av1', 'mpeg4', 'vp9']);
const MP4_AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'alac', 'ac3', 'eac3', 'flac']);

/** The container family ffprobe named, by its first alias: `mov,mp4,m4a,...` -> `mov`. */
const containerOf = (facts: ProbeFacts): string => facts.formatName.split(',')[0] ?? '';

/**
 * Asset kind, MIME type and file extension for probed facts. ffprobe reports the mov family as one
 * demuxer, so mp4 vs QuickTime is decided by codecs: what matters downstream is whether browsers play it.
 */
export function classifyMedia(facts: ProbeFacts): MediaClassification {
  const container = containerOf(facts);
  const unsupported = (what: string): InvalidMediaError =>
    new InvalidMediaError(`Unsupported media: ${what}`, {
      format: facts.formatName,
      videoCodec: facts.videoCodec,
      audioCodec: facts.audioCodec,
    });

  if (IMAGE_FORMATS.has(container)) {
    const type = facts.videoCodec !== null ? IMAGE_TYPES[facts.videoCodec] : undefined;
    if (!type) throw unsupported(`image codec ${facts.videoCodec ?? 'unknown'}`);
    return { kind: AssetKind.Image, ...type };
  }

  const audioCodec = facts.audioCodec;
  if (facts.hasVideo) {
    const videoCodec = facts.videoCodec ?? '';
    switch (container) {
      case 'mov': {
        const mp4Friendly =
          MP4_VIDEO_CODECS.has(videoCodec) && (audioCodec === null || MP4_AUDIO_CODECS.has(audioCodec));
        return mp4Friendly
          ? { kind: AssetKind.Video, mime: 'video/mp4', extension: 'mp4' }
          : { kind: AssetKind.Video, mime: 'video/quicktime', extension: 'mov' };
      }
      case 'matroska': {
        const webm = WEBM_VIDEO_CODECS.has(videoCodec) && (audioCodec === null || WEBM_AUDIO_CODECS.has(audioCodec));
        return webm
          ? { kind: AssetKind.Video, mime: 'video/webm', extension: 'webm' }
          : { kind: AssetKind.Video, mime: 'video/x-matroska', extension: 'mkv' };
      }
      case 'avi':
        return { kind: AssetKind.Video, mime: 'video/x-msvideo', extension: 'avi' };
      case 'mpegts':
        return { kind: AssetKind.Video, mime: 'video/mp2t', extension: 'ts' };
      case 'flv':
        return { kind: AssetKind.Video, mime: 'video/x-flv', extension: 'flv' };
      case 'ogg':
        return { kind: AssetKind.Video, mime: 'video/ogg', extension: 'ogv' };
      default:
        throw unsupported(`video in ${facts.formatName}`);
    }
  }

  if (facts.hasAudio) {
    switch (container) {
      case 'mp3':
        return { kind: AssetKind.Audio, mime: 'audio/mpeg', extension: 'mp3' };
      case 'wav':
        return { kind: AssetKind.Audio, mime: 'audio/wav', extension: 'wav' };
      case 'flac':
        return { kind: AssetKind.Audio, mime: 'audio/flac', extension: 'flac' };
      case 'aac':
        return { kind: AssetKind.Audio, mime: 'audio/aac', extension: 'aac' };
      case 'mov':
        return { kind: AssetKind.Audio, mime: 'audio/mp4', extension: 'm4a' };
      case 'ogg':
        return { kind: AssetKind.Audio, mime: 'audio/ogg', extension: 'ogg' };
      case 'matroska':
        return audioCodec !== null && WEBM_AUDIO_CODECS.has(audioCodec)
          ? { kind: AssetKind.Audio, mime: 'audio/webm', extension: 'webm' }
          : { kind: AssetKind.Audio, mime: 'audio/x-matroska', extension: 'mka' };
      default:
        throw unsupported(`audio in ${facts.formatName}`);
    }
  }
  throw unsupported('no audio, video or image stream');
}
