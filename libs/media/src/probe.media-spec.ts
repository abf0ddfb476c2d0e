import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AssetKind, DomainError } from '@reelforge/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveMediaBinaries } from './binaries.js';
import { classifyMedia, probeFile, type ProbeLimits } from './probe.js';

const { ffmpegPath, ffprobePath } = resolveMediaBinaries({});
const limits: ProbeLimits = { maxDurationSec: 600, maxPixels: 1920 * 1080 };
const opts = { timeoutMs: 10_000, limits };
let dir: string;
const file = (name: string): string => join(dir, name);
const ffmpeg = (...args: string[]): void => {
  execFileSync(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
};

/**
 * Writes an iPhone-style 90-degree display matrix into the first track header of an mp4. ffmpeg 5.1
 * can neither set `rotate` metadata (ignored since 5.0) nor `-display_rotation` (added in 6.0).
 */
function rotateFirstTrack(source: string, target: string): void {
  const data = Buffer.from(readFileSync(source));
  const tkhd = data.indexOf('tkhd');
  // type(4) + version/flags(4) + times, id, duration (20) + reserved(8) + layer..volume (8) = 44 bytes to the matrix.
  const matrixOffset = tkhd + 44;
  const matrix = [0, 0x10000, 0, -0x10000, 0, 0, 240 << 16, 0, 0x40000000];
  matrix.forEach((value, i) => data.writeInt32BE(value, matrixOffset + 4 * i));
  writeFileSync(target, data);
}

async function probeError(path: string, options = opts): Promise<DomainError> {
  const error = await probeFile(ffprobePath, path, options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelforge-probe-'));
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=320x240:r=25:d=2',
    '-f',
    'lavfi',
    '-i',
    'sine=d=2',
    '-c:v',
    'libx264',
    '-c:a',
    'aac',
    '-shortest',
    file('clip.mp4'),
  );
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=64x48', '-frames:v', '1', file('still.png'));
  ffmpeg('-f', 'lavfi', '-i', 'sine=d=1.5', file('tone.wav'));
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'sine=d=1',
    '-i',
    file('still.png'),
    '-map',
    '0',
    '-map',
    '1',
    '-c:v',
    'png',
    '-disposition:v',
    'attached_pic',
    file('cover.mp3'),
  );
  rotateFirstTrack(file('clip.mp4'), file('portrait.mp4'));
  writeFileSync(file('notes.mp4'), 'These are meeting notes, not a video.\n');
  writeFileSync(file('empty.mp4'), '');
  writeFileSync(file('truncated.mp4'), readFileSync(file('clip.mp4')).subarray(0, 2048));
  copyFileSync(file('clip.mp4'), file('secret.mp4'));
  writeFileSync(
    file('playlist.mp4'),
    `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${file('secret.mp4')}\n#EXT-X-ENDLIST\n`,
  );
  execFileSync('mkfifo', [file('blocked.mp4')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(probeFile.name, () => {
  it('reads an mp4 with video and audio', async () => {
    const facts = await probeFile(ffprobePath, file('clip.mp4'), opts);
    expect(facts).toMatchObject({
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      width: 320,
      height: 240,
      fps: 25,
      videoCodec: 'h264',
      audioCodec: 'aac',
      hasVideo: true,
      hasAudio: true,
      rotation: 0,
    });
    expect(facts.durationSec).toBeCloseTo(2, 1);
    expect(classifyMedia(facts)).toEqual({ kind: AssetKind.Video, mime: 'video/mp4', extension: 'mp4' });
  });

  it('reads the rotation of a portrait phone video as 90 degrees clockwise', async () => {
    await expect(probeFile(ffprobePath, file('portrait.mp4'), opts)).resolves.toMatchObject({
      rotation: 90,
      width: 320,
      height: 240,
    });
  });

  it('reads a png as an image', async () => {
    const facts = await probeFile(ffprobePath, file('still.png'), opts);
    expect(facts).toMatchObject({
      formatName: 'png_pipe',
      width: 64,
      height: 48,
      hasVideo: false,
      hasAudio: false,
      durationSec: null,
    });
    expect(classifyMedia(facts)).toEqual({ kind: AssetKind.Image, mime: 'image/png', extension: 'png' });
  });

  it('reads a wav as audio', async () => {
    const facts = await probeFile(ffprobePath, file('tone.wav'), opts);
    expect(facts).toMatchObject({
      formatName: 'wav',
      hasVideo: false,
      hasAudio: true,
      audioCodec: 'pcm_s16le',
      width: null,
    });
    expect(facts.durationSec).toBeCloseTo(1.5, 2);
    expect(classifyMedia(facts)).toEqual({ kind: AssetKind.Audio, mime: 'audio/wav', extension: 'wav' });
  });

  it('reads an mp3 with cover art as audio', async () => {
    const facts = await probeFile(ffprobePath, file('cover.mp3'), opts);
    expect(facts).toMatchObject({ hasVideo: false, hasAudio: true, audioCodec: 'mp3' });
    expect(facts.streams).toHaveLength(2);
    expect(classifyMedia(facts).kind).toBe(AssetKind.Audio);
  });

  it.each([
    ['a text file named .mp4', 'notes.mp4'],
    ['a zero-byte file', 'empty.mp4'],
    ['the first 2 KB of an mp4', 'truncated.mp4'],
  ])('refuses %s as not media', async (_name, name) => {
    const error = await probeError(file(name));
    expect(error.code).toBe('invalid_media');
    expect(error.message).toBe('The file is not a media file ffmpeg can read');
  });

  it('refuses an HLS playlist disguised as .mp4 without opening what it names', async () => {
    const error = await probeError(file('playlist.mp4'));
    expect(error.code).toBe('invalid_media');
    expect(error.message).toMatch(/format hls is not allowed \(format not on whitelist\)/);
    expect(error.details).toEqual({ format: 'hls' });
  });

  it('refuses a file over the duration limit', async () => {
    const error = await probeError(file('clip.mp4'), { ...opts, limits: { ...limits, maxDurationSec: 1 } });
    expect(error.code).toBe('invalid_media');
    expect(error.message).toMatch(/the limit is 1s/);
  });

  it('gives up with probe_timeout when the file never delivers data', async () => {
    const started = Date.now();
    const error = await probeError(file('blocked.mp4'), { ...opts, timeoutMs: 300 });
    expect(error.code).toBe('probe_timeout');
    expect(error.message).toBe('Probing the file took longer than 0.3s');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
