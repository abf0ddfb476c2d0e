import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TrimMode } from '@reelforge/contracts';
import { FfmpegRunner, probeFile, resolveMediaBinaries, type ProbeLimits } from '@reelforge/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTrimCommand, expectedTrimDurationSec, type TrimCommandInput } from './trim.command.js';

const { ffmpegPath, ffprobePath } = resolveMediaBinaries({});
const runner = new FfmpegRunner(ffmpegPath);
const limits: ProbeLimits = { maxDurationSec: 600, maxPixels: 1920 * 1080 };
const FRAME_SEC = 1 / 25;
let dir: string;
const file = (name: string): string => join(dir, name);
const ffmpeg = (...args: string[]): Buffer =>
  execFileSync(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

interface StreamInfo {
  codec_type: string;
  codec_name: string;
  pix_fmt?: string;
  duration?: string;
  width?: number;
  height?: number;
}
const streamsOf = (path: string): StreamInfo[] =>
  (
    JSON.parse(
      execFileSync(ffprobePath, ['-v', 'error', '-show_streams', '-of', 'json', path], { encoding: 'utf8' }),
    ) as { streams: StreamInfo[] }
  ).streams;

/** Video packets as `[ptsSec, sizeBytes, isKeyframe]`, in decode order. */
function videoPackets(path: string): Array<[number, number, boolean]> {
  const csv = execFileSync(
    ffprobePath,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,size,flags', '-of', 'csv=p=0', path],
    { encoding: 'utf8' },
  );
  return csv
    .trim()
    .split('\n')
    .map((line) => {
      const [pts, size, flags] = line.split(',');
      return [Number(pts), Number(size), (flags ?? '').startsWith('K')];
    });
}

/** Mean luma (0-255) of the first decoded frame. */
function firstFrameMeanLuma(path: string): number {
  const gray = ffmpeg('-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-');
  return gray.reduce((sum, value) => sum + value, 0) / gray.length;
}

async function trim(input: Omit<TrimCommandInput, 'hasVideo' | 'hasAudio'> & Partial<TrimCommandInput>): Promise<void> {
  await runner.run(buildTrimCommand({ hasVideo: true, hasAudio: true, ...input }), {
    timeoutMs: 30_000,
    expectedDurationSec: expectedTrimDurationSec(input),
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelforge-trim-'));
  // A keyframe every 50 frames (2 s) and none at scene cuts, so fast-mode cuts are predictable.
  ffmpeg(
    '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=10',
    '-f', 'lavfi', '-i', 'sine=f=440:d=10',
    '-c:v', 'libx264', '-g', '50', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
    file('ten-seconds.mp4'),
  ); // prettier-ignore
  // 2 s black then 2 s white with a single keyframe at 0, so an accurate cut at 2.0 must decode and drop frames.
  ffmpeg(
    '-f', 'lavfi', '-i', 'color=black:s=64x64:r=25:d=2',
    '-f', 'lavfi', '-i', 'color=white:s=64x64:r=25:d=2',
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]', '-map', '[v]',
    '-c:v', 'libx264', '-g', '250', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    file('black-white.mp4'),
  ); // prettier-ignore
  ffmpeg('-f', 'lavfi', '-i', 'sine=f=220:d=6', file('tone.wav'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(buildTrimCommand.name, () => {
  it('cuts an accurate trim to the requested duration within one frame', async () => {
    const output = file('accurate.mp4');
    await trim({
      sourcePath: file('ten-seconds.mp4'),
      outputPath: output,
      startSec: 2,
      endSec: 5.5,
      mode: TrimMode.Accurate,
    });
    const [video, audio] = streamsOf(output);
    expect(video).toMatchObject({ codec_type: 'video', codec_name: 'h264', pix_fmt: 'yuv420p' });
    expect(audio).toMatchObject({ codec_type: 'audio', codec_name: 'aac' });
    expect(Math.abs(Number(video?.duration) - 3.5)).toBeLessThanOrEqual(FRAME_SEC);
    const facts = await probeFile(ffprobePath, output, { timeoutMs: 10_000, limits });
    expect(Math.abs((facts.durationSec ?? 0) - 3.5)).toBeLessThanOrEqual(FRAME_SEC);
  });

  it('starts an accurate trim on the exact frame, between keyframes', async () => {
    await trim({
      sourcePath: file('black-white.mp4'),
      outputPath: file('from-2.0.mp4'),
      startSec: 2,
      endSec: 3,
      mode: TrimMode.Accurate,
      hasAudio: false,
    });
    await trim({
      sourcePath: file('black-white.mp4'),
      outputPath: file('from-1.9.mp4'),
      startSec: 1.9,
      endSec: 3,
      mode: TrimMode.Accurate,
      hasAudio: false,
    });
    expect(firstFrameMeanLuma(file('from-2.0.mp4'))).toBeGreaterThan(200);
    expect(firstFrameMeanLuma(file('from-1.9.mp4'))).toBeLessThan(50);
  });

  it('copies a fast trim from the keyframe at or before the start', async () => {
    const source = file('ten-seconds.mp4');
    const output = file('fast.mp4');
    await trim({ sourcePath: source, outputPath: output, startSec: 2.3, endSec: 5.5, mode: TrimMode.Fast });
    const [video] = streamsOf(output);
    const durationSec = Number(video?.duration);
    expect(durationSec).toBeGreaterThanOrEqual(3.2);
    expect(durationSec).toBeLessThanOrEqual(5.5);
    // Stream copy: the first packet is the source's keyframe at 2.0 s, byte for byte the same size.
    const keyframeAt2 = videoPackets(source).find(([pts, , key]) => key && Math.abs(pts - 2) < 0.001);
    const [first] = videoPackets(output);
    expect(first?.[2]).toBe(true);
    expect(first?.[1]).toBe(keyframeAt2?.[1]);
  });

  it('trims an audio-only wav into an m4a', async () => {
    const output = file('tone.m4a');
    await trim({
      sourcePath: file('tone.wav'),
      outputPath: output,
      startSec: 1,
      endSec: 3.5,
      mode: TrimMode.Accurate,
      hasVideo: false,
    });
    const facts = await probeFile(ffprobePath, output, { timeoutMs: 10_000, limits });
    expect(facts).toMatchObject({ hasVideo: false, hasAudio: true, audioCodec: 'aac' });
    expect(Math.abs((facts.durationSec ?? 0) - 2.5)).toBeLessThan(0.05);
  });

  describe('with a portrait phone video (90 degree display matrix)', () => {
    beforeAll(() => {
      const data = Buffer.from(readFileSync(file('ten-seconds.mp4')));
      // First track header's matrix, 44 bytes after its type: iPhone's "rotate 90 clockwise".
      const matrixOffset = data.indexOf('tkhd') + 44;
      [0, 0x10000, 0, -0x10000, 0, 0, 240 << 16, 0, 0x40000000].forEach((value, i) =>
        data.writeInt32BE(value, matrixOffset + 4 * i),
      );
      writeFileSync(file('portrait.mp4'), data);
    });

    it('keeps the rotation in a fast trim', async () => {
      const output = file('portrait-fast.mp4');
      await trim({ sourcePath: file('portrait.mp4'), outputPath: output, startSec: 2, endSec: 4, mode: TrimMode.Fast });
      await expect(probeFile(ffprobePath, output, { timeoutMs: 10_000, limits })).resolves.toMatchObject({
        width: 320,
        height: 240,
        rotation: 90,
      });
    });

    it('writes an accurate trim upright', async () => {
      const output = file('portrait-accurate.mp4');
      await trim({
        sourcePath: file('portrait.mp4'),
        outputPath: output,
        startSec: 2,
        endSec: 4,
        mode: TrimMode.Accurate,
      });
      await expect(probeFile(ffprobePath, output, { timeoutMs: 10_000, limits })).resolves.toMatchObject({
        width: 240,
        height: 320,
        rotation: 0,
      });
    });
  });
});
