import { describe, expect, it } from 'vitest';
import { buildThumbnailCommand, evenlySpacedTimes, lastFrameSec, MAX_THUMBNAILS } from './thumbnail.command.js';

const WHITELIST = [
  '-protocol_whitelist',
  'file,pipe',
  '-format_whitelist',
  'mov,matroska,avi,mpegts,flv,ogg,mp3,wav,flac,aac,png_pipe,jpeg_pipe,webp_pipe,gif,image2',
];

describe(evenlySpacedTimes.name, () => {
  it('takes the middle of each share, never the first frame', () => {
    expect(evenlySpacedTimes(10, 4)).toEqual([1.25, 3.75, 6.25, 8.75]);
    expect(evenlySpacedTimes(3, 1)).toEqual([1.5]);
  });
});

describe(lastFrameSec.name, () => {
  it('is one frame before the end, never negative', () => {
    expect(lastFrameSec(10, 25)).toBe(9.96);
    expect(lastFrameSec(0.04, 25)).toBe(0);
    expect(lastFrameSec(0.02, null)).toBe(0);
  });
});

describe(buildThumbnailCommand.name, () => {
  it('pulls an instant past the last frame back onto it (a one-frame video)', () => {
    const { args } = buildThumbnailCommand({
      sourcePath: '/in/one.mp4',
      source: { colorSpace: null, pixelFormat: 'yuv420p', height: 120 },
      timesSec: evenlySpacedTimes(0.04, 1),
      widthPx: null,
      outputDir: '/out',
      durationSec: 0.04,
      fps: 25,
    });
    expect(args.slice(0, 2)).toEqual(['-ss', '0']);
  });

  it('seeks each still as its own input and writes full-range JPEGs', () => {
    const { args, fileNames } = buildThumbnailCommand({
      sourcePath: '/in/v.mp4',
      source: { colorSpace: 'bt709', pixelFormat: 'yuv420p', height: 720 },
      timesSec: [1.5, 3],
      widthPx: 320,
      outputDir: '/out',
    });
    const still = 'scale=w=320:h=-2:in_color_matrix=bt709:out_color_matrix=bt601:out_range=pc,format=pix_fmts=yuvj420p';
    expect(args).toEqual([
      '-ss', '1.5', ...WHITELIST, '-i', '/in/v.mp4',
      '-ss', '3', ...WHITELIST, '-i', '/in/v.mp4',
      '-filter_complex', `[0:v:0]${still}[still0];[1:v:0]${still}[still1]`,
      '-map', '[still0]', '-frames:v', '1', '-q:v', '3', '-update', '1', '/out/thumb_000.jpg',
      '-map', '[still1]', '-frames:v', '1', '-q:v', '3', '-update', '1', '/out/thumb_001.jpg',
    ]); // prettier-ignore
    expect(fileNames).toEqual(['thumb_000.jpg', 'thumb_001.jpg']);
  });

  it('refuses none and too many', () => {
    const input = {
      sourcePath: '/in',
      source: { colorSpace: null, pixelFormat: null, height: null },
      widthPx: null,
      outputDir: '/o',
    };
    expect(() => buildThumbnailCommand({ ...input, timesSec: [] })).toThrow();
    expect(() => buildThumbnailCommand({ ...input, timesSec: Array(MAX_THUMBNAILS + 1).fill(1) })).toThrow();
  });
});
