import { FfmpegRunner } from '@reelforge/media';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOverlayCommand } from './overlay.command.js';

const GOLD: [number, number, number] = [0xd4, 0xaf, 0x37];

/** The pixel a player shows: decoded with the matrix the stream is tagged with. */
function shownPixel(path: string, x: number, y: number, widthPx: number, matrix: 'bt709' | 'bt601'): number[] {
  const rgb = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      '0.5',
      '-i',
      path,
      '-frames:v',
      '1',
      '-vf',
      `scale=in_color_matrix=${matrix}:in_range=tv,format=rgb24`,
      '-f',
      'rawvideo',
      '-',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const offset = (y * widthPx + x) * 3;
  return [rgb[offset], rgb[offset + 1], rgb[offset + 2]];
}

describe('BT.709 output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-colour-'));
  const runner = new FfmpegRunner('ffmpeg');
  const source = join(dir, 'black.mp4');
  const gold = join(dir, 'gold.png');
  const output = join(dir, 'out.mp4');

  beforeAll(async () => {
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=black:s=320x240:r=25:d=1',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      source,
    ]);
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0xD4AF37:s=64x64', '-frames:v', '1', gold]);
    await runner.run(
      buildOverlayCommand({
        sourcePath: source,
        source: {
          colorSpace: null,
          pixelFormat: 'yuv420p',
          height: 240,
          hasAudio: false,
          audioCodec: null,
          durationSec: 1,
          fps: 25,
        },
        layers: [
          {
            kind: 'image',
            path: gold,
            x: '0',
            y: '0',
            widthPx: null,
            heightPx: null,
            opacity: 1,
            loop: false,
            window: { startSec: 0, endSec: null, fadeInSec: 0, fadeOutSec: 0 },
          },
        ],
        outputPath: output,
      }),
      { timeoutMs: 60_000 },
    );
  });

  it('shows a #D4AF37 layer as #D4AF37 in a player honouring the BT.709 tag', () => {
    const pixel = shownPixel(output, 32, 32, 320, 'bt709');
    pixel.forEach((channel, i) => expect(Math.abs(channel - GOLD[i])).toBeLessThanOrEqual(4));
  });

  it('would fall outside that tolerance if shown as BT.601, which is why we convert and tag', () => {
    const pixel = shownPixel(output, 32, 32, 320, 'bt601');
    const drift = Math.max(...pixel.map((channel, i) => Math.abs(channel - GOLD[i])));
    expect(drift).toBeGreaterThan(5);
  });

  it('tags the stream BT.709 limited range', () => {
    const tags = execFileSync('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=color_space,color_primaries,color_transfer,color_range',
      '-of',
      'csv=p=0',
      output,
    ])
      .toString()
      .trim();
    expect(tags).toBe('tv,bt709,bt709,bt709');
  });
});

describe('BT.709 output from a source that already is BT.709 limited yuv420p', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-colour-skip-'));
  const runner = new FfmpegRunner('ffmpeg');
  const source = join(dir, 'bt709.mp4');
  const gold = join(dir, 'gold.png');
  const converted = join(dir, 'converted.mp4');
  const skipped = join(dir, 'skipped.mp4');
  const facts = { pixelFormat: 'yuv420p', height: 240, hasAudio: false, audioCodec: null, durationSec: 1, fps: 25 };
  const layer = {
    kind: 'image' as const,
    path: gold,
    x: '0',
    y: '0',
    widthPx: null,
    heightPx: null,
    opacity: 1,
    loop: false,
    window: { startSec: 0, endSec: null, fadeInSec: 0, fadeOutSec: 0 },
  };

  beforeAll(async () => {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=1', '-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p', '-c:v', 'libx264', '-crf', '10', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv', source]); // prettier-ignore
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0xD4AF37:s=64x64', '-frames:v', '1', gold]);
    const base = { sourcePath: source, layers: [layer] };
    // The old path: the range unknown, so the source goes through the full swscale conversion.
    await runner.run(buildOverlayCommand({ ...base, source: { ...facts, colorSpace: 'bt709' }, outputPath: converted }), { timeoutMs: 60_000 }); // prettier-ignore
    await runner.run(
      buildOverlayCommand({
        ...base,
        source: { ...facts, colorSpace: 'bt709', colorRange: 'tv' },
        outputPath: skipped,
      }),
      { timeoutMs: 60_000 },
    );
  });

  it('builds no colour conversion for the source', () => {
    const args = buildOverlayCommand({
      sourcePath: source,
      layers: [layer],
      source: { ...facts, colorSpace: 'bt709', colorRange: 'tv' },
      outputPath: skipped,
    });
    const graph = args[args.indexOf('-filter_complex') + 1];
    expect(graph.startsWith('[0:v:0]format=pix_fmts=yuv420p[base]')).toBe(true);
  });

  it('still shows the layer as #D4AF37 and tags the stream BT.709 limited range', () => {
    const pixel = shownPixel(skipped, 32, 32, 320, 'bt709');
    pixel.forEach((channel, i) => expect(Math.abs(channel - GOLD[i])).toBeLessThanOrEqual(4));
    const tags = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_space,color_primaries,color_transfer,color_range', '-of', 'csv=p=0', skipped]).toString().trim(); // prettier-ignore
    expect(tags).toBe('tv,bt709,bt709,bt709');
  });

  it('gives the picture of the converting path (PSNR over 45 dB)', () => {
    const { stderr } = spawnSync('ffmpeg', ['-hide_banner', '-i', skipped, '-i', converted, '-lavfi', 'psnr', '-f', 'null', '-'], { encoding: 'utf8' }); // prettier-ignore
    const average = /average:([\d.]+|inf)/.exec(stderr)?.[1];
    expect(average === 'inf' || Number(average) > 45).toBe(true);
  });
});
