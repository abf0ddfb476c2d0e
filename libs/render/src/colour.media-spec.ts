import { FfmpegRunner } from '@reelforge/media';
import { execFileSync } from 'node:child_process';
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
