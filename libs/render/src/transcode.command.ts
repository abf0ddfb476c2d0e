import { InvalidInputError, type ProbeFacts, Quality, TranscodeFormat } from '@reelforge/contracts';
import { FilterGraph } from '@reelforge/filtergraph';
import { inputArgs } from '@reelforge/media';
import { AAC_DEFAULTS, FASTSTART, h264Args, toBt709 } from './encoding.js';

/** Rungs by the picture's short side, so a portrait 1080x1920 source is "1080p" like a landscape one. */
export const QUALITY_LADDER: Readonly<Record<Quality, { shortSidePx: number; crf: number }>> = {
  [Quality.P2160]: { shortSidePx: 2160, crf: 18 },
  [Quality.P1440]: { shortSidePx: 1440, crf: 19 },
  [Quality.P1080]: { shortSidePx: 1080, crf: 20 },
  [Quality.P720]: { shortSidePx: 720, crf: 22 },
  [Quality.P480]: { shortSidePx: 480, crf: 24 },
  [Quality.P360]: { shortSidePx: 360, crf: 26 },
  [Quality.P240]: { shortSidePx: 240, crf: 28 },
};

/** HLS segment length; keyframes are forced every `KEYFRAME_INTERVAL_SEC` so every rendition cuts at the same instants. */
export const HLS_SEGMENT_SEC = 4;
export const KEYFRAME_INTERVAL_SEC = 2;

export interface RenditionPlan {
  quality: Quality;
  widthPx: number;
  heightPx: number;
  crf: number;
}

export interface LadderPlan {
  renditions: RenditionPlan[];
  skipped: Array<{ quality: Quality; reason: string }>;
}

/** Picture size as players show it: ffmpeg rotates while decoding, so 90/270 swap the sides. */
export function displaySize(source: Pick<ProbeFacts, 'width' | 'height' | 'rotation'>): {
  widthPx: number;
  heightPx: number;
} {
  const widthPx = source.width ?? 0;
  const heightPx = source.height ?? 0;
  return source.rotation === 90 || source.rotation === 270
    ? { widthPx: heightPx, heightPx: widthPx }
    : { widthPx, heightPx };
}

const even = (value: number): number => Math.max(2, Math.round(value / 2) * 2);

/**
 * Which requested rungs to make. A rung above the source's short side is skipped and reported, never
 * upscaled; sizes keep the aspect ratio and are even, as yuv420p requires.
 */
export function planLadder(source: { widthPx: number; heightPx: number }, qualities: readonly Quality[]): LadderPlan {
  const shortSidePx = Math.min(source.widthPx, source.heightPx);
  const landscape = source.widthPx >= source.heightPx;
  const renditions: RenditionPlan[] = [];
  const skipped: LadderPlan['skipped'] = [];
  const ordered = [...new Set(qualities)].sort((a, b) => QUALITY_LADDER[b].shortSidePx - QUALITY_LADDER[a].shortSidePx);
  for (const quality of ordered) {
    const rung = QUALITY_LADDER[quality];
    if (rung.shortSidePx > shortSidePx) {
      skipped.push({
        quality,
        reason: `the source is ${source.widthPx}x${source.heightPx}; ${quality} would upscale it`,
      });
      continue;
    }
    const scale = rung.shortSidePx / shortSidePx;
    const longSidePx = even(Math.max(source.widthPx, source.heightPx) * scale);
    const shortPx = even(shortSidePx * scale);
    renditions.push({
      quality,
      widthPx: landscape ? longSidePx : shortPx,
      heightPx: landscape ? shortPx : longSidePx,
      crf: rung.crf,
    });
  }
  return { renditions, skipped };
}

export interface TranscodeCommandInput {
  sourcePath: string;
  /** `width` and `rotation` tell a top rung at the source's own size, which then needs no resize. */
  source: Pick<ProbeFacts, 'colorSpace' | 'pixelFormat' | 'height' | 'hasAudio' | 'colorRange'> &
    Partial<Pick<ProbeFacts, 'width' | 'rotation'>>;
  renditions: readonly RenditionPlan[];
  format: TranscodeFormat;
  /** A fresh directory; outputs are `<quality>.mp4`, or `<quality>.m3u8` + `<quality>_NNNNN.ts` for HLS. */
  outputDir: string;
}

export interface TranscodeOutputFile {
  quality: Quality;
  /** Relative to outputDir. */
  fileName: string;
}

/**
 * The source is converted to BT.709 once, at its own size; then each rung is scaled from the rung
 * above it (1080p -> 720p -> 480p), so every resize works on the smallest picture it can and no colour
 * conversion is repeated. A single rung is converted and resized in one step.
 */
function ladderGraph(graph: FilterGraph, input: TranscodeCommandInput): string[] {
  const [first, ...rest] = input.renditions;
  const { width, height } = input.source;
  const sourceSize = width && height ? displaySize({ width, height, rotation: input.source.rotation ?? 0 }) : undefined;
  if (rest.length === 0) {
    return [
      graph.chain(
        '0:v:0',
        toBt709(input.source, { widthPx: first.widthPx, heightPx: first.heightPx }, sourceSize),
        `v${first.quality}`,
      ),
    ];
  }
  let current = graph.chain(
    '0:v:0',
    toBt709(input.source, { widthPx: first.widthPx, heightPx: first.heightPx }, sourceSize),
    'top',
  );
  const pads: string[] = [];
  input.renditions.forEach((rendition, i) => {
    const last = i === input.renditions.length - 1;
    const scaled =
      i === 0
        ? current
        : graph.chain(
            current,
            [{ filter: 'scale', args: { w: rendition.widthPx, h: rendition.heightPx } }],
            `scaled${rendition.quality}`,
          );
    if (last) {
      pads.push(scaled);
      return;
    }
    const [out, next] = graph.add({
      inputs: [scaled],
      filter: 'split',
      args: [2],
      outputs: [`v${rendition.quality}`, `from${rendition.quality}`],
    });
    pads.push(out);
    current = next;
  });
  return pads;
}

/**
 * One ffmpeg process for the whole ladder: the source is decoded once, `split` feeds one scaler per
 * rung, and each rung is encoded to its own output. Running one process per rung would decode the
 * source once per rung.
 */
export function buildTranscodeCommand(input: TranscodeCommandInput): {
  args: string[];
  outputs: TranscodeOutputFile[];
} {
  if (input.renditions.length === 0) throw new InvalidInputError('No rendition to make');
  const graph = new FilterGraph();
  const videoPads = ladderGraph(graph, input);
  const args = [...inputArgs(input.sourcePath), '-filter_complex', graph.toString()];
  const outputs: TranscodeOutputFile[] = [];
  input.renditions.forEach((rendition, i) => {
    const audio = input.source.hasAudio ? ['-map', '0:a:0', ...AAC_DEFAULTS] : [];
    // Keyframes on a fixed clock, identical for every rung, so HLS renditions switch cleanly.
    const keyframes = ['-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_INTERVAL_SEC})`];
    const common = ['-map', `[${videoPads[i]}]`, ...audio, ...h264Args(rendition.crf), ...keyframes, '-sn', '-dn'];
    if (input.format === TranscodeFormat.Mp4) {
      const fileName = `${rendition.quality}.mp4`;
      args.push(...common, ...FASTSTART, `${input.outputDir}/${fileName}`);
      outputs.push({ quality: rendition.quality, fileName });
    } else {
      const fileName = `${rendition.quality}.m3u8`;
      args.push(
        ...common,
        // Scene-cut keyframes would make segment boundaries differ between rungs.
        '-sc_threshold',
        '0',
        '-f',
        'hls',
        '-hls_time',
        String(HLS_SEGMENT_SEC),
        '-hls_playlist_type',
        'vod',
        '-hls_list_size',
        '0',
        '-hls_flags',
        'independent_segments',
        '-hls_segment_type',
        'mpegts',
        '-hls_segment_filename',
        `${input.outputDir}/${rendition.quality}_%05d.ts`,
        `${input.outputDir}/${fileName}`,
      );
      outputs.push({ quality: rendition.quality, fileName });
    }
  });
  return { args, outputs };
}

export interface RenditionStream {
  quality: Quality;
  playlistFileName: string;
  widthPx: number;
  heightPx: number;
  /** Peak and mean bits per second over the segments, as the HLS spec defines BANDWIDTH and AVERAGE-BANDWIDTH. */
  peakBitrateBps: number;
  averageBitrateBps: number;
  /** RFC 6381 codecs, e.g. `avc1.640028,mp4a.40.2`. */
  codecs: string;
  frameRate: number | null;
  /** Playlist plus segments, in bytes. */
  sizeBytes: number;
}

/** The master playlist, highest rung first (players start with the first entry). */
export function buildMasterPlaylist(streams: readonly RenditionStream[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const sorted = [...streams].sort((a, b) => b.heightPx * b.widthPx - a.heightPx * a.widthPx);
  for (const stream of sorted) {
    const attributes = [
      `BANDWIDTH=${Math.ceil(stream.peakBitrateBps)}`,
      `AVERAGE-BANDWIDTH=${Math.ceil(stream.averageBitrateBps)}`,
      `RESOLUTION=${stream.widthPx}x${stream.heightPx}`,
      `CODECS="${stream.codecs}"`,
      ...(stream.frameRate ? [`FRAME-RATE=${stream.frameRate.toFixed(3)}`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, stream.playlistFileName);
  }
  return `${lines.join('\n')}\n`;
}

/** Segment durations from a media playlist, in order, paired with their URIs. */
export function parseMediaPlaylist(text: string): Array<{ uri: string; durationSec: number }> {
  const segments: Array<{ uri: string; durationSec: number }> = [];
  let pendingSec: number | null = null;
  for (const line of text.split(/\r?\n/)) {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) pendingSec = Number(extinf[1]);
    else if (line && !line.startsWith('#') && pendingSec !== null) {
      segments.push({ uri: line.trim(), durationSec: pendingSec });
      pendingSec = null;
    }
  }
  return segments;
}

/** `avc1.PPCCLL` from ffprobe's profile name and level number. */
export function avcCodecString(profile: string | null, level: number | null): string {
  const profileIdc: Record<string, string> = {
    'Constrained Baseline': '42e0',
    Baseline: '4200',
    Main: '4d40',
    High: '6400',
  };
  const pc = profileIdc[profile ?? 'High'] ?? '6400';
  const ll = (level ?? 40).toString(16).padStart(2, '0');
  return `avc1.${pc}${ll}`;
}
