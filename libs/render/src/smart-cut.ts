/**
 * Smart-cut accurate trim (issue 12): re-encode only the frames before the first keyframe inside the range (the
 * head) and after the last one (the tail), stream-copy the GOPs between, and join the three with the concat
 * demuxer. The join is only valid when the re-encoded parts carry the very same parameter sets (SPS/PPS) as the
 * copied part, because an MP4 track has one `avcC` for all its samples: the head and tail are encoded with the
 * settings x264 recorded in the source's SEI, and the worker compares the codec configuration records before it
 * joins. Anything it cannot prove falls back to the full re-encode, with the reason as a job warning.
 */
import { type CutFacts, inputArgs, INGEST_FORMATS, PROTOCOL_WHITELIST, type VideoPacket } from '@reelforge/media';

import { AAC_DEFAULTS, type ColourFacts, FASTSTART, isWebYuv } from './encoding.js';
import { formatSeconds } from './trim.command.js';

/** Copying less than this is not worth two extra processes; such a trim is simply re-encoded. */
export const MIN_COPIED_SEC = 1;

export interface SmartCutPlan {
  /** Ticks per frame in the stream time base. */
  frameTicks: number;
  timeBase: [number, number];
  /** The first output frame (the first frame at or after the requested start) and the exclusive end, in ticks. */
  startPts: number;
  endPts: number;
  frameCount: number;
  /** Frames re-encoded before the first copied keyframe; 0 when the start is a keyframe. */
  headFrames: number;
  /** First and exclusive last presentation timestamp copied, and the decode timestamp the copy stops at. */
  copyFromPts: number;
  copyToPts: number;
  copyStopDts: number;
  /** Frames re-encoded from the last copied keyframe to the end; 0 when the end is a keyframe. */
  tailFrames: number;
  /** The x264 settings for the head and tail, as one `-x264-params` value. */
  x264Params: string;
  /** The source's own colour tags, repeated on the head and tail so their SPS VUI matches. */
  colourArgs: string[];
}

export type SmartCutDecision = { plan: SmartCutPlan } | { plan: null; reason: string; warn: boolean };

/** x264 SEI names that x264_param_parse spells differently, or whose values need rewriting. */
const RENAMED: Readonly<Record<string, string>> = {
  psy_rd: 'psy-rd',
  mixed_ref: 'mixed-refs',
  me_range: 'merange',
  chroma_me: 'chroma-me',
  fast_pskip: 'fast-pskip',
  bluray_compat: 'bluray-compat',
  constrained_intra: 'constrained-intra',
  b_pyramid: 'b-pyramid',
  b_adapt: 'b-adapt',
  b_bias: 'b-bias',
  keyint_min: 'min-keyint',
  rc_lookahead: 'rc-lookahead',
  ip_ratio: 'ipratio',
  pb_ratio: 'pbratio',
  vbv_maxrate: 'vbv-maxrate',
  vbv_bufsize: 'vbv-bufsize',
  crf_max: 'crf-max',
};
/** Settings copied as they are (same name in the SEI and in x264_param_parse). */
const KEPT = new Set(['cabac', 'ref', 'me', 'subme', 'psy', 'trellis', '8x8dct', 'nr', 'bframes', 'weightb', 'weightp', 'keyint', 'scenecut', 'mbtree', 'crf', 'qp', 'qcomp', 'qpmin', 'qpmax', 'qpstep']); // prettier-ignore
const DIRECT_MODES = ['none', 'spatial', 'temporal', 'auto'];
const SAFE_VALUE = /^[0-9a-z.,-]+$/;

/**
 * The x264 SEI settings (`cabac=1 ref=2 deblock=1:0:0 ...`) as an `-x264-params` value, or the reason they cannot
 * be reproduced. Only known keys with plain values pass (the string comes from an uploaded file). x264 lowers the
 * chroma QP offset it records by 1-2 for psy-RD and psy-trellis, so the recorded value is raised back first.
 */
export function x264ParamsFromSei(options: string): { params: string } | { reason: string } {
  const settings = new Map<string, string>();
  for (const token of options.trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq <= 0) continue;
    settings.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const num = (key: string): number => Number(settings.get(key) ?? 'NaN');
  if (settings.get('interlaced') !== '0') return { reason: 'the source is interlaced' };
  // x264 records open_gop only with B-frames: without them no frame can show before the keyframe it follows.
  const openGop = settings.get('open_gop') ?? (settings.get('bframes') === '0' ? '0' : undefined);
  if (openGop !== '0') return { reason: 'the source uses open GOPs' };
  if (settings.get('cqm') !== '0') return { reason: 'the source uses custom quantizer matrices' };
  const rc = settings.get('rc');
  if (rc !== 'crf' && rc !== 'cqp') return { reason: `the source was encoded with rate control ${rc ?? 'unknown'}` };

  const params: string[] = [];
  const push = (key: string, value: string): void => {
    if (SAFE_VALUE.test(value)) params.push(`${key}=${value}`);
  };
  for (const [key, value] of settings) {
    if (KEPT.has(key)) push(key, value);
    else if (RENAMED[key]) push(RENAMED[key], value.replace(/:/g, ','));
  }
  const deblock = settings.get('deblock')?.split(':');
  if (deblock?.length === 3) {
    if (deblock[0] === '0') push('no-deblock', '1');
    else push('deblock', `${deblock[1]},${deblock[2]}`);
  }
  const deadzone = settings.get('deadzone')?.split(',');
  if (deadzone?.length === 2) {
    push('deadzone-inter', deadzone[0]);
    push('deadzone-intra', deadzone[1]);
  }
  const aq = settings.get('aq')?.split(':');
  if (aq?.length === 2) {
    push('aq-mode', aq[0]);
    push('aq-strength', aq[1]);
  }
  const direct = DIRECT_MODES[num('direct')];
  if (direct) push('direct', direct);
  if (settings.has('decimate')) push('no-dct-decimate', settings.get('decimate') === '0' ? '1' : '0');
  if (settings.has('intra_refresh') && settings.get('intra_refresh') !== '0') {
    return { reason: 'the source uses periodic intra refresh' };
  }
  // x264 (encoder.c, validate_parameters) lowers the offset for psy-RD (subme >= 6) and psy-trellis (trellis > 0).
  const [psyRd, psyTrellis] = (settings.get('psy_rd') ?? '0:0').split(':').map(Number);
  const psy = settings.get('psy') === '1';
  let chromaOffset = num('chroma_qp_offset');
  if (!Number.isFinite(chromaOffset)) return { reason: 'the source does not record its chroma QP offset' };
  if (psy && num('subme') >= 6 && psyRd > 0) chromaOffset += psyRd < 0.25 ? 1 : 2;
  if (psy && num('trellis') > 0 && psyTrellis > 0) chromaOffset += psyTrellis < 0.25 ? 1 : 2;
  push('chroma-qp-offset', String(chromaOffset));
  return { params: params.join(':') };
}

/**
 * Plans a smart cut of [startSec, endSec) from the source's packets, or says why not. `warn` is false when the
 * source is fine but the range is too short to be worth copying.
 */
export function planSmartCut(input: {
  startSec: number;
  endSec: number;
  facts: CutFacts;
  source: ColourFacts & { videoCodec: string | null; formatName: string; rotation: number };
}): SmartCutDecision {
  const { facts, source } = input;
  const no = (reason: string, warn = true): SmartCutDecision => ({ plan: null, reason, warn });
  if (source.videoCodec !== 'h264' || facts.codec !== 'h264') {
    return no(`smart cut handles H.264 sources; this one is ${source.videoCodec ?? 'unknown'}`);
  }
  if (!source.formatName.split(',').includes('mp4')) return no('smart cut handles MP4/MOV sources');
  if (source.rotation !== 0) return no('the source is rotated; the output is written upright');
  if (!isWebYuv(source)) return no('the source is not BT.709 limited-range yuv420p, so every frame is converted');
  if (!facts.x264Options) return no('the source was not encoded by x264, so its parameter sets cannot be matched');
  const x264 = x264ParamsFromSei(facts.x264Options);
  if ('reason' in x264) return no(x264.reason);

  const [tbNum, tbDen] = facts.timeBase;
  const rate = facts.frameRate;
  const average = facts.averageFrameRate;
  if (!rate || !average || rate[0] * average[1] !== average[0] * rate[1] || tbNum === 0) {
    return no('the source has a variable frame rate');
  }
  // Ticks per frame = (1 / fps) / timeBase; it must be a whole number for every frame to sit on the grid.
  const ticksNum = rate[1] * tbDen;
  const ticksDen = rate[0] * tbNum;
  if (ticksNum % ticksDen !== 0) return no(`the time base ${tbNum}/${tbDen} does not hold whole frames`);
  const frameTicks = ticksNum / ticksDen;
  if (facts.startTimeSec === null || Math.abs(facts.startTimeSec) > (frameTicks * tbNum) / tbDen / 2) {
    return no('the source has an edit list that does not start at 0');
  }

  const packets = facts.packets;
  const presentation = packets.map((packet) => packet.pts).sort((a, b) => a - b);
  if (presentation.some((pts, i) => pts % frameTicks !== 0 || (i > 0 && pts - presentation[i - 1] !== frameTicks))) {
    return no('the source has frames off its frame-rate grid (dropped or duplicated frames)');
  }
  const toTicks = (sec: number): number => (sec * tbDen) / tbNum;
  const startPts = presentation.find((pts) => pts >= toTicks(input.startSec) - 1e-6);
  const endPts = presentation.find((pts) => pts >= toTicks(input.endSec) - 1e-6) ?? presentation.at(-1)! + frameTicks;
  if (startPts === undefined || endPts <= startPts) return no('the range holds no frame', false);

  const keyframes = packets.filter((packet) => packet.keyframe).map((packet) => packet.pts);
  const copyFromPts = keyframes.filter((pts) => pts >= startPts).sort((a, b) => a - b)[0];
  const copyToPts = keyframes.filter((pts) => pts <= endPts).sort((a, b) => b - a)[0];
  if (copyFromPts === undefined || copyToPts === undefined || copyToPts <= copyFromPts) {
    return no('no whole GOP lies inside the range', false);
  }
  if (((copyToPts - copyFromPts) * tbNum) / tbDen < MIN_COPIED_SEC) return no('too little to copy', false);
  for (const keyPts of [copyFromPts, copyToPts]) {
    if (!closedAt(packets, keyPts)) return no('a GOP in the range is open (frames before a keyframe follow it)');
  }
  const stop = packets.find((packet) => packet.keyframe && packet.pts === copyToPts);
  return {
    plan: {
      frameTicks,
      timeBase: facts.timeBase,
      startPts,
      endPts,
      frameCount: (endPts - startPts) / frameTicks,
      headFrames: (copyFromPts - startPts) / frameTicks,
      copyFromPts,
      copyToPts,
      copyStopDts: stop!.dts,
      tailFrames: (endPts - copyToPts) / frameTicks,
      x264Params: x264.params,
      colourArgs: [
        ...(facts.colour.space ? ['-colorspace', facts.colour.space] : []),
        ...(facts.colour.primaries ? ['-color_primaries', facts.colour.primaries] : []),
        ...(facts.colour.transfer ? ['-color_trc', facts.colour.transfer] : []),
        ...(facts.colour.range ? ['-color_range', facts.colour.range] : []),
      ],
    },
  };
}

/** No frame decoded after the keyframe shows before it, and none decoded before it shows after it. */
function closedAt(packets: readonly VideoPacket[], keyPts: number): boolean {
  const at = packets.findIndex((packet) => packet.keyframe && packet.pts === keyPts);
  if (at < 0) return false;
  const nextKey = packets.findIndex((packet, i) => i > at && packet.keyframe);
  const after = packets.slice(at + 1, nextKey < 0 ? undefined : nextKey);
  return after.every((packet) => packet.pts > keyPts) && packets.slice(0, at).every((packet) => packet.pts < keyPts);
}

const seconds = (plan: SmartCutPlan, ticks: number): number => (ticks * plan.timeBase[0]) / plan.timeBase[1];

/** The re-encoded parts' encoder: the source's own x264 settings and colour tags, so the SPS/PPS match. */
function partEncoder(plan: SmartCutPlan): string[] {
  return ['-an', '-sn', '-dn', '-c:v', 'libx264', '-x264-params', plan.x264Params, '-pix_fmt', 'yuv420p', ...plan.colourArgs]; // prettier-ignore
}

/**
 * One ffmpeg run that encodes the head and the tail (two inputs, each seeked; two outputs), or null when both are
 * empty. Frame counts, not durations, bound each part, so each holds exactly the planned frames.
 */
export function buildSmartCutPartsCommand(input: {
  sourcePath: string;
  plan: SmartCutPlan;
  headPath: string;
  tailPath: string;
}): string[] | null {
  const { plan } = input;
  const args: string[] = [];
  const outputs: string[] = [];
  let index = 0;
  for (const part of [
    { frames: plan.headFrames, fromPts: plan.startPts, path: input.headPath },
    { frames: plan.tailFrames, fromPts: plan.copyToPts, path: input.tailPath },
  ]) {
    if (part.frames === 0) continue;
    // Input -t as well as -frames:v: with two outputs, ffmpeg would otherwise decode each input to its end after
    // its output has all its frames (here 40 s of 1080x1920 decoded for nothing, 3x the CPU of the cut).
    const readSec = seconds(plan, (part.frames + 0.5) * plan.frameTicks);
    args.push('-ss', formatSeconds(seconds(plan, part.fromPts)), '-t', formatSeconds(readSec), ...inputArgs(input.sourcePath)); // prettier-ignore
    outputs.push('-map', `${index}:v:0`, ...partEncoder(plan), '-frames:v', String(part.frames), part.path);
    index += 1;
  }
  return index === 0 ? null : [...args, ...outputs];
}

/**
 * How far ffmpeg's progress clock runs in the parts command: head and tail are encoded side by side, each output from
 * 0, and ffmpeg reports the furthest output, so the longer part.
 */
export function smartCutPartsDurationSec(plan: SmartCutPlan): number {
  return seconds(plan, Math.max(plan.headFrames, plan.tailFrames) * plan.frameTicks);
}

/** ffconcat quoting: the path inside single quotes, a quote as '\''. */
const quote = (path: string): string => `'${path.replace(/'/g, "'\\''")}'`;

/** The concat list: head, the copied GOPs of the source (inpoint/outpoint), tail. */
export function smartCutConcatList(input: {
  sourcePath: string;
  plan: SmartCutPlan;
  headPath: string;
  tailPath: string;
}): string {
  const { plan } = input;
  const frameSec = seconds(plan, plan.frameTicks);
  const lines = ['ffconcat version 1.0'];
  if (plan.headFrames > 0) lines.push(`file ${quote(input.headPath)}`, `duration ${formatSeconds(plan.headFrames * frameSec)}`); // prettier-ignore
  lines.push(
    `file ${quote(input.sourcePath)}`,
    `inpoint ${formatSeconds(seconds(plan, plan.copyFromPts))}`,
    // The demuxer ends a file at the first packet whose *decode* time reaches outpoint: the last keyframe's dts.
    `outpoint ${formatSeconds(seconds(plan, plan.copyStopDts))}`,
    `duration ${formatSeconds(seconds(plan, plan.copyToPts - plan.copyFromPts))}`,
  );
  if (plan.tailFrames > 0) lines.push(`file ${quote(input.tailPath)}`, `duration ${formatSeconds(plan.tailFrames * frameSec)}`); // prettier-ignore
  return `${lines.join('\n')}\n`;
}

/**
 * The join: the concat list copied (its SPS rewritten to carry the BT.709 tags every output has, the same bytes for
 * every part), and the audio of the whole range encoded once from the source, as the full re-encode does.
 */
export function buildSmartCutJoinCommand(input: {
  sourcePath: string;
  listPath: string;
  plan: SmartCutPlan;
  hasAudio: boolean;
  outputPath: string;
}): string[] {
  const { plan } = input;
  const durationSec = seconds(plan, plan.endPts - plan.startPts);
  return [
    '-f', 'concat', '-safe', '0',
    '-protocol_whitelist', PROTOCOL_WHITELIST, '-format_whitelist', ['concat', ...INGEST_FORMATS].join(','),
    '-i', input.listPath,
    ...(input.hasAudio ? ['-ss', formatSeconds(seconds(plan, plan.startPts)), ...inputArgs(input.sourcePath)] : []),
    '-map', '0:v:0',
    ...(input.hasAudio ? ['-map', '1:a:0?', ...AAC_DEFAULTS] : []),
    '-c:v', 'copy',
    '-bsf:v', 'h264_metadata=colour_primaries=1:transfer_characteristics=1:matrix_coefficients=1:video_full_range_flag=0',
    '-t', formatSeconds(durationSec),
    '-sn', '-dn',
    ...FASTSTART,
    input.outputPath,
  ]; // prettier-ignore
}

/** Seconds of the plan's first frame and exclusive end, for the job's record. */
export function smartCutRangeSec(plan: SmartCutPlan): { startSec: number; endSec: number } {
  return { startSec: seconds(plan, plan.startPts), endSec: seconds(plan, plan.endPts) };
}
