import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TrimMode } from '@reelforge/contracts';
import {
  FfmpegRunner,
  probeFile,
  readCutFacts,
  readExtradataHex,
  readFrameCount,
  readMp4VideoTrack,
  resolveMediaBinaries,
  x264OptionsFrom,
} from '@reelforge/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  buildSmartCutJoinCommand,
  buildSmartCutPartsCommand,
  planSmartCut,
  type SmartCutPlan,
  smartCutConcatList,
} from './smart-cut.js';
import { buildTrimCommand } from './trim.command.js';

const binaries = resolveMediaBinaries({});
const runner = new FfmpegRunner(binaries.ffmpegPath);
const limits = { maxDurationSec: 600, maxPixels: 1920 * 1080 };
let dir: string;
const file = (name: string): string => join(dir, name);
const ffmpeg = (...args: string[]): void => {
  execFileSync(binaries.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
};

/** Presentation timestamps of every decoded frame, in seconds. */
function framePts(path: string): number[] {
  const csv = execFileSync(
    binaries.ffprobePath,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path],
    { encoding: 'utf8' },
  );
  return csv
    .split('\n')
    .map((line) => line.split(',')[0]?.trim())
    .filter((value): value is string => Boolean(value))
    .map(Number);
}

/** PSNR (dB, Infinity when identical) of `a` against `b` over [fromSec, toSec) of each, frames paired in order. */
function psnr(a: { path: string; fromSec: number }, b: { path: string; fromSec: number }, durationSec: number): number {
  const trim = (sec: number): string => `trim=start=${sec}:duration=${durationSec},setpts=PTS-STARTPTS`;
  const { stderr } = spawnSync(
    binaries.ffmpegPath,
    ['-hide_banner', '-i', a.path, '-i', b.path, '-lavfi', `[0:v]${trim(a.fromSec)}[a];[1:v]${trim(b.fromSec)}[b];[a][b]psnr`, '-f', 'null', '-'], // prettier-ignore
    { encoding: 'utf8' },
  );
  const average = /PSNR .*average:(inf|[\d.]+)/.exec(stderr)?.[1];
  if (average === undefined) throw new Error(`no PSNR in ${stderr.slice(-500)}`);
  return average === 'inf' ? Infinity : Number(average);
}

async function smartCut(source: string, startSec: number, endSec: number, output: string): Promise<SmartCutPlan> {
  const probe = await probeFile(binaries.ffprobePath, source, { timeoutMs: 10_000, limits });
  const facts = await readCutFacts(binaries, source, { fromSec: startSec, toSec: endSec + 1 }, 10_000);
  const decision = planSmartCut({ startSec, endSec, facts, source: probe });
  if (!decision.plan) throw new Error(decision.reason);
  const plan = decision.plan;
  const parts = { sourcePath: source, plan, headPath: `${output}.head.mp4`, tailPath: `${output}.tail.mp4` };
  const encode = buildSmartCutPartsCommand(parts);
  if (encode) await runner.run(encode, { timeoutMs: 60_000 });
  for (const path of [plan.headFrames > 0 ? parts.headPath : null, plan.tailFrames > 0 ? parts.tailPath : null]) {
    if (path) expect(await readExtradataHex(binaries.ffprobePath, path, 10_000)).toBe(facts.extradataHex);
  }
  writeFileSync(`${output}.ffconcat`, smartCutConcatList(parts));
  await runner.run(
    buildSmartCutJoinCommand({ sourcePath: source, listPath: `${output}.ffconcat`, plan, hasAudio: true, outputPath: output }), // prettier-ignore
    { timeoutMs: 60_000 },
  );
  return plan;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelforge-smartcut-'));
  // x264 at its defaults (B-frames, pyramid, weighted prediction), tagged BT.709, a keyframe every 0.8 s. A white bar
  // moves 8 px a frame, so each frame is told from its neighbours.
  ffmpeg(
    '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=8', '-f', 'lavfi', '-i', 'sine=f=440:d=8',
    '-vf', 'drawbox=x=mod(t*200\\,280):y=0:w=40:h=240:c=white:t=fill,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'faster', '-crf', '18', '-g', '20', '-colorspace', 'bt709', '-color_primaries', 'bt709',
    '-color_trc', 'bt709', '-color_range', 'tv', '-c:a', 'aac', '-shortest', file('x264.mp4'),
  ); // prettier-ignore
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(readMp4VideoTrack.name, () => {
  it('reads the codec record, frame count and x264 settings as ffprobe and ffmpeg see them, without a process', async () => {
    // The upload (moov at the end) and a faststart output (moov first, as every job writes).
    ffmpeg('-i', file('x264.mp4'), '-c', 'copy', '-movflags', '+faststart', file('faststart.mp4'));
    for (const path of [file('x264.mp4'), file('faststart.mp4')]) {
      const track = await readMp4VideoTrack(path, { firstSample: true });
      expect(track?.avcC?.toString('hex')).toBe(await readExtradataHex(binaries.ffprobePath, path, 10_000));
      expect(track?.sampleCount).toBe(await readFrameCount(binaries.ffprobePath, path, 10_000));
      const probed = await probeFile(binaries.ffprobePath, path, { timeoutMs: 10_000, limits });
      expect(track?.movieDurationSec).toBeCloseTo(probed.durationSec ?? -1, 5);
      expect([track?.widthPx, track?.heightPx]).toEqual([probed.width, probed.height]);
      const sei = execFileSync(binaries.ffmpegPath, ['-v', 'error', '-i', path, '-map', '0:v:0', '-c', 'copy', '-bsf:v', 'filter_units=pass_types=6', '-frames:v', '1', '-f', 'data', '-']).toString('latin1'); // prettier-ignore
      const options = x264OptionsFrom(track?.firstSample ?? null);
      expect(options).toMatch(/^cabac=1 ref=\d+ /);
      expect(sei).toContain(`options: ${options}`);
    }
  });

  it('answers null for what is not an MP4 video track, and for a cut-off file, without reading out of bounds', async () => {
    const source = readFileSync(file('x264.mp4'));
    writeFileSync(file('truncated.mp4'), source.subarray(0, source.length - 5000));
    writeFileSync(file('garbage.mp4'), Buffer.from('\0\0\0\x08ftyp\xff\xff\xff\xffmoov', 'latin1'));
    ffmpeg('-f', 'lavfi', '-i', 'sine=d=1', file('audio-only.m4a'));
    for (const name of ['truncated.mp4', 'garbage.mp4', 'audio-only.m4a']) {
      expect(await readMp4VideoTrack(file(name), { firstSample: true })).toBeNull();
    }
  });
});

describe(planSmartCut.name, () => {
  const start = 1.32;
  const end = 6.6;
  let plan: SmartCutPlan;

  beforeAll(async () => {
    plan = await smartCut(file('x264.mp4'), start, end, file('smart.mp4'));
    await runner.run(
      buildTrimCommand({ sourcePath: file('x264.mp4'), outputPath: file('full.mp4'), startSec: start, endSec: end, mode: TrimMode.Accurate, hasVideo: true, hasAudio: true, colour: { colorSpace: 'bt709', colorRange: 'tv', pixelFormat: 'yuv420p', height: 240 } }), // prettier-ignore
      { timeoutMs: 60_000 },
    );
  });

  it('re-encodes a head and a tail around copied GOPs', () => {
    expect(plan).toMatchObject({ headFrames: 7, tailFrames: 5, frameCount: 132 });
  });

  it("gives the full re-encode's frame list: count and timestamps", async () => {
    const smart = framePts(file('smart.mp4'));
    expect(smart).toEqual(framePts(file('full.mp4')));
    expect(smart).toHaveLength(132);
    expect(await readFrameCount(binaries.ffprobePath, file('smart.mp4'), 10_000)).toBe(132);
  });

  it('copies the middle GOPs losslessly and starts and ends on the requested frames', () => {
    const copiedSec = (plan.copyToPts - plan.copyFromPts) * (plan.timeBase[0] / plan.timeBase[1]);
    const headSec = plan.headFrames / 25;
    expect(psnr({ path: file('smart.mp4'), fromSec: headSec }, { path: file('x264.mp4'), fromSec: 1.6 }, copiedSec)).toBe(Infinity); // prettier-ignore
    // The re-encoded first and last frames are the source's frames at 1.32 s and 6.56 s, not their neighbours.
    const first = psnr({ path: file('smart.mp4'), fromSec: 0 }, { path: file('x264.mp4'), fromSec: 1.32 }, 0.04);
    const neighbour = psnr({ path: file('smart.mp4'), fromSec: 0 }, { path: file('x264.mp4'), fromSec: 1.36 }, 0.04);
    expect(first).toBeGreaterThan(35);
    expect(first).toBeGreaterThan(neighbour + 5);
    expect(psnr({ path: file('smart.mp4'), fromSec: 5.24 }, { path: file('x264.mp4'), fromSec: 6.56 }, 0.04)).toBeGreaterThan(35); // prettier-ignore
  });

  it('tags the output BT.709 limited range and keeps the audio for the whole range', async () => {
    const tags = execFileSync(binaries.ffprobePath, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_range,color_space,color_transfer,color_primaries', '-of', 'csv=p=0', file('smart.mp4')], { encoding: 'utf8' }); // prettier-ignore
    expect(tags.trim()).toBe('tv,bt709,bt709,bt709');
    const facts = await probeFile(binaries.ffprobePath, file('smart.mp4'), { timeoutMs: 10_000, limits });
    expect(facts).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
    expect(Math.abs((facts.durationSec ?? 0) - 5.28)).toBeLessThanOrEqual(0.04);
  });

  it('cuts an x264 source without B-frames (ultrafast, which records no open_gop) with matching parameter sets', async () => {
    ffmpeg(
      '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=6', '-f', 'lavfi', '-i', 'sine=f=440:d=6',
      '-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast',
      '-g', '25', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
      '-c:a', 'aac', '-shortest', file('ultrafast.mp4'),
    ); // prettier-ignore
    // smartCut() also checks the head's and tail's codec records equal the source's.
    const cut = await smartCut(file('ultrafast.mp4'), 0.6, 4.4, file('ultrafast-smart.mp4'));
    expect(cut).toMatchObject({ headFrames: 10, tailFrames: 10, frameCount: 95 });
    expect(framePts(file('ultrafast-smart.mp4'))).toHaveLength(95);
    const copiedSec = (cut.copyToPts - cut.copyFromPts) * (cut.timeBase[0] / cut.timeBase[1]);
    expect(psnr({ path: file('ultrafast-smart.mp4'), fromSec: 0.4 }, { path: file('ultrafast.mp4'), fromSec: 1 }, copiedSec)).toBe(Infinity); // prettier-ignore
  });

  it('refuses a source not made by x264, naming why', async () => {
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=3', '-c:v', 'mpeg4', file('mpeg4.mp4'));
    const probe = await probeFile(binaries.ffprobePath, file('mpeg4.mp4'), { timeoutMs: 10_000, limits });
    const facts = await readCutFacts(binaries, file('mpeg4.mp4'), { fromSec: 0.5, toSec: 3 }, 10_000);
    expect(planSmartCut({ startSec: 0.5, endSec: 2.5, facts, source: probe })).toMatchObject({
      plan: null,
      warn: true,
      reason: expect.stringContaining('H.264') as unknown,
    });
  });
});
