import { type ProbeFacts } from '@reelforge/contracts';
import { type MediaTools } from '@reelforge/media/nest';
import { FfmpegError, readCutFacts, readMp4VideoTrack } from '@reelforge/media';
import {
  buildSmartCutJoinCommand,
  buildSmartCutPartsCommand,
  planSmartCut,
  smartCutConcatList,
  smartCutPartsDurationSec,
} from '@reelforge/render';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SmartCutRequest {
  sourcePath: string;
  outputPath: string;
  startSec: number;
  endSec: number;
  probe: ProbeFacts;
  /** A fresh directory for the head, the tail and the concat list; the caller removes it. */
  workDir: string;
  timeoutMs: number;
  signal: AbortSignal;
  onProgress: (percent: number) => void;
}

/**
 * `done`: the output is written, and its duration read from its own movie header (the picture is the source's, so its
 * size is too: no probe needed). Otherwise the caller re-encodes; `warning` says why when the source was the cause.
 */
export type SmartCutOutcome = { done: true; durationSec: number | null } | { done: false; warning: string | null };

/** The share of the job's progress bar that the head and tail encode fills. */
const PARTS_SHARE = 0.9;

const fallback = (reason: string): SmartCutOutcome => ({
  done: false,
  warning: `Accurate trim re-encoded the whole range instead of a smart cut: ${reason}`,
});

/**
 * Accurate trim by smart cut (libs/render/src/smart-cut.ts): plan from the packets, encode head and tail in one
 * ffmpeg run, check their parameter sets equal the source's, join, and check the frame count. Two ffmpeg runs and
 * one ffprobe: the parameter sets and frame counts are read from the MP4 sample tables, since on a 15 s cut each
 * extra process start costs about as much CPU as re-encoding a few frames. Any doubt returns
 * `done: false` so the caller runs the full re-encode, which is always correct.
 */
export async function smartCutTrim(media: MediaTools, request: SmartCutRequest): Promise<SmartCutOutcome> {
  try {
    return await attempt(media, request);
  } catch (error) {
    // A cancel or timeout ends the job; anything else (a file ffprobe cannot list) is left to the full re-encode,
    // which fails with the usual error when the source really is unreadable.
    if (request.signal.aborted || (error instanceof FfmpegError && error.reason !== 'exit')) throw error;
    return { done: false, warning: null };
  }
}

async function attempt(media: MediaTools, request: SmartCutRequest): Promise<SmartCutOutcome> {
  const { probe } = request;
  const binaries = media.binaries;
  const facts = await readCutFacts(
    binaries,
    request.sourcePath,
    { fromSec: request.startSec, toSec: request.endSec + 1 },
    request.timeoutMs,
  );
  const decision = planSmartCut({
    startSec: request.startSec,
    endSec: request.endSec,
    facts,
    source: {
      ...probe,
      formatName: probe.formatName,
      videoCodec: probe.videoCodec,
      rotation: probe.rotation,
    },
  });
  if (!decision.plan) return decision.warn ? fallback(decision.reason) : { done: false, warning: null };
  const plan = decision.plan;

  const headPath = join(request.workDir, 'head.mp4');
  const tailPath = join(request.workDir, 'tail.mp4');
  const parts = buildSmartCutPartsCommand({ sourcePath: request.sourcePath, plan, headPath, tailPath });
  if (parts) {
    await media.runner.run(parts, {
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      expectedDurationSec: smartCutPartsDurationSec(plan),
      // The encode is nearly all of the work; the join (a copy, and the audio) is the rest.
      onProgress: (progress) => {
        if (progress.percent !== null) request.onProgress(progress.percent * PARTS_SHARE);
      },
    });
    for (const [frames, path] of [
      [plan.headFrames, headPath],
      [plan.tailFrames, tailPath],
    ] as const) {
      if (frames === 0) continue;
      // Read from the part's own sample table: no process per check.
      const part = await readMp4VideoTrack(path);
      if (!part?.avcC || part.avcC.toString('hex') !== facts.extradataHex) {
        return fallback("the re-encoded frames' parameter sets (SPS/PPS) differ from the source's");
      }
    }
  }
  request.onProgress(PARTS_SHARE * 100);

  const listPath = join(request.workDir, 'parts.ffconcat');
  await writeFile(listPath, smartCutConcatList({ sourcePath: request.sourcePath, plan, headPath, tailPath }));
  await media.runner.run(
    buildSmartCutJoinCommand({
      sourcePath: request.sourcePath,
      listPath,
      plan,
      hasAudio: probe.hasAudio,
      outputPath: request.outputPath,
    }),
    { timeoutMs: request.timeoutMs, signal: request.signal },
  );
  const joined = await readMp4VideoTrack(request.outputPath);
  const frames = joined?.sampleCount ?? null;
  if (frames !== plan.frameCount) {
    return fallback(`the joined video has ${frames} frames where ${plan.frameCount} were planned`);
  }
  return { done: true, durationSec: joined?.movieDurationSec ?? null };
}
