import { execFile } from 'node:child_process';

import { INGEST_FORMATS, PROTOCOL_WHITELIST } from './formats.js';
import { readMp4VideoTrack, x264OptionsFrom } from './mp4-track.js';

/** One video packet in decode order; timestamps in the stream's time base ticks. */
export interface VideoPacket {
  pts: number;
  dts: number;
  keyframe: boolean;
}

/** What a smart cut needs to know about a source's first video stream beyond the upload probe. */
export interface CutFacts {
  codec: string | null;
  /** `[numerator, denominator]` of the stream time base. */
  timeBase: [number, number];
  /** `[numerator, denominator]` of r_frame_rate and avg_frame_rate; they differ for variable frame rates. */
  frameRate: [number, number] | null;
  averageFrameRate: [number, number] | null;
  startTimeSec: number | null;
  /** Colour tags as ffprobe names them (`bt709`, `tv`); null where the stream has none. */
  colour: { space: string | null; primaries: string | null; transfer: string | null; range: string | null };
  /** The codec configuration record (avcC) as hex; equal records mean interchangeable parameter sets. */
  extradataHex: string;
  /** The x264 settings string from the first packet's SEI (`cabac=1 ref=3 ...`), or null when not x264. */
  x264Options: string | null;
  /** Packets from the keyframe at or before `fromSec` up to `toSec`, decode order. */
  packets: VideoPacket[];
}

/** Packet listings are small (a few dozen bytes a packet); this bounds a hostile file's answer. */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

function run(binary: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'buffer', killSignal: 'SIGKILL' },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

const whitelist = (): string[] => [
  '-protocol_whitelist',
  PROTOCOL_WHITELIST,
  '-format_whitelist',
  INGEST_FORMATS.join(','),
];

function rational(value: unknown): [number, number] | null {
  const match = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value) : null;
  if (!match || match[2] === '0' || match[1] === '0') return null;
  return [Number(match[1]), Number(match[2])];
}

/** ffprobe's hex dump (`00000000: 0164 0028 ...  .d.(`) to plain lowercase hex. */
export function hexFromDump(dump: string): string {
  return dump
    .split('\n')
    .map((line) => /^[0-9a-f]{8}: ((?:[0-9a-f]{2,4} ?)+)/.exec(line)?.[1] ?? '')
    .join('')
    .replace(/\s/g, '');
}

/** The codec configuration record of the first video stream, as hex. */
export async function readExtradataHex(ffprobePath: string, path: string, timeoutMs: number): Promise<string> {
  const out = await run(
    ffprobePath,
    ['-v', 'error', ...whitelist(), '-select_streams', 'v:0', '-show_data', '-show_entries', 'stream=extradata', '-of', 'json', path], // prettier-ignore
    timeoutMs,
  );
  const parsed = JSON.parse(out.toString('utf8')) as { streams?: Array<{ extradata?: string }> };
  return hexFromDump(parsed.streams?.[0]?.extradata ?? '');
}

/**
 * Reads the facts a smart cut needs: stream time base, frame rates, start time and colour tags with the packets
 * around [fromSec, toSec] from one ffprobe run (nothing is decoded), and the codec configuration record and the
 * x264 SEI of the first frame from the file's own sample table (no process: a smart cut only copies MP4/MOV).
 */
export async function readCutFacts(
  binaries: { ffmpegPath: string; ffprobePath: string },
  path: string,
  range: { fromSec: number; toSec: number },
  timeoutMs: number,
): Promise<CutFacts> {
  const [probed, track] = await Promise.all([
    run(
      binaries.ffprobePath,
      ['-v', 'error', ...whitelist(), '-select_streams', 'v:0', '-read_intervals', `${range.fromSec}%${range.toSec}`, '-show_entries', 'stream=codec_name,time_base,start_time,r_frame_rate,avg_frame_rate,color_space,color_primaries,color_transfer,color_range:packet=pts,dts,flags', '-of', 'json', path], // prettier-ignore
      timeoutMs,
    ),
    // Another container (or a broken table) has no record or SEI to read: the plan then refuses the smart cut.
    readMp4VideoTrack(path, { firstSample: true }).catch(() => null),
  ]);
  const parsed = JSON.parse(probed.toString('utf8')) as {
    streams?: Array<Record<string, unknown>>;
    packets?: Array<Record<string, unknown>>;
  };
  const stream = parsed.streams?.[0] ?? {};
  const packets: VideoPacket[] = [];
  for (const packet of parsed.packets ?? []) {
    const { pts, dts, flags } = packet;
    if (typeof flags !== 'string') continue;
    // A packet without a timestamp stays in the list as NaN, and the plan refuses such a source.
    packets.push({ pts: typeof pts === 'number' ? pts : NaN, dts: typeof dts === 'number' ? dts : NaN, keyframe: flags.startsWith('K') }); // prettier-ignore
  }
  const startTime = typeof stream.start_time === 'string' ? Number(stream.start_time) : null;
  const tag = (key: string): string | null => {
    const value = stream[key];
    return typeof value === 'string' && value !== 'unknown' && /^[a-z0-9-]+$/.test(value) ? value : null;
  };
  return {
    colour: {
      space: tag('color_space'),
      primaries: tag('color_primaries'),
      transfer: tag('color_transfer'),
      range: tag('color_range'),
    },
    codec: typeof stream.codec_name === 'string' ? stream.codec_name : null,
    timeBase: rational(stream.time_base) ?? [0, 1],
    frameRate: rational(stream.r_frame_rate),
    averageFrameRate: rational(stream.avg_frame_rate),
    startTimeSec: startTime !== null && Number.isFinite(startTime) ? startTime : null,
    extradataHex: track?.avcC?.toString('hex') ?? '',
    x264Options: x264OptionsFrom(track?.firstSample ?? null),
    packets,
  };
}

/** Frames in the first video stream as the container counts them (an MP4 sample table: nothing is decoded). */
export async function readFrameCount(ffprobePath: string, path: string, timeoutMs: number): Promise<number | null> {
  const out = await run(
    ffprobePath,
    ['-v', 'error', ...whitelist(), '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames', '-of', 'csv=p=0', path], // prettier-ignore
    timeoutMs,
  );
  const count = Number(out.toString('utf8').trim());
  return Number.isInteger(count) ? count : null;
}
