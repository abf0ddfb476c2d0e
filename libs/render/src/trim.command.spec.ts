import { InvalidInputError, TrimMode } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';

import { H264_WEB_DEFAULTS } from './encoding.js';
import { buildTrimCommand, expectedTrimDurationSec, formatSeconds, type TrimCommandInput } from './trim.command.js';

const WHITELIST = [
  '-protocol_whitelist',
  'file,pipe',
  '-format_whitelist',
  'mov,matroska,avi,mpegts,flv,ogg,mp3,wav,flac,aac,png_pipe,jpeg_pipe,webp_pipe,gif,image2',
];

const base: TrimCommandInput = {
  sourcePath: '/work/in.mp4',
  outputPath: '/work/out.mp4',
  startSec: 2,
  endSec: 5.5,
  mode: TrimMode.Accurate,
  hasVideo: true,
  hasAudio: true,
  colour: { colorSpace: 'bt709', pixelFormat: 'yuv420p', height: 1080 },
};

describe(buildTrimCommand.name, () => {
  it('re-encodes an accurate trim with the shared web defaults', () => {
    expect(buildTrimCommand(base)).toEqual([
      '-ss', '2',
      ...WHITELIST, '-i', '/work/in.mp4',
      '-t', '3.5',
      '-filter_complex',
      '[0:v:0]scale=in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int,format=pix_fmts=yuv420p[video]',
      '-map', '[video]', '-map', '0:a:0?',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
      '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
      '-c:a', 'aac', '-b:a', '160k',
      '-sn', '-dn',
      '-movflags', '+faststart',
      '/work/out.mp4',
    ]); // prettier-ignore
  });

  it('copies streams for a fast trim', () => {
    expect(buildTrimCommand({ ...base, mode: TrimMode.Fast, startSec: 2.3 })).toEqual([
      '-ss', '2.3',
      ...WHITELIST, '-i', '/work/in.mp4',
      '-t', '3.2',
      '-map', '0:v:0?', '-map', '0:a:0?',
      '-c', 'copy', '-avoid_negative_ts', 'make_zero',
      '-sn', '-dn',
      '-movflags', '+faststart',
      '/work/out.mp4',
    ]); // prettier-ignore
  });

  it.each([
    ['audio only, accurate', { hasVideo: false }, ['-map', '0:a:0?', '-c:a', 'aac', '-b:a', '160k']],
    ['video only, accurate', { hasAudio: false }, ['-map', '[video]', ...H264_WEB_DEFAULTS]],
    [
      'audio only, fast',
      { hasVideo: false, mode: TrimMode.Fast },
      ['-map', '0:a:0?', '-c', 'copy', '-avoid_negative_ts', 'make_zero'],
    ],
  ])('maps and encodes only the streams that exist: %s', (_name, overrides, expected) => {
    const args = buildTrimCommand({ ...base, ...overrides });
    const firstMap = args.indexOf('-map');
    expect(args.slice(firstMap, args.indexOf('-sn'))).toEqual(expected);
  });

  it('seeks on the input, before -i', () => {
    const args = buildTrimCommand({ ...base, startSec: 61.25, endSec: 70 });
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(args.slice(0, 2)).toEqual(['-ss', '61.25']);
  });

  it.each([
    ['end equal to start', { startSec: 3, endSec: 3 }],
    ['end before start', { startSec: 4, endSec: 3 }],
    ['a negative start', { startSec: -1, endSec: 3 }],
    ['a NaN end', { endSec: Number.NaN }],
    ['no streams', { hasVideo: false, hasAudio: false }],
  ])('refuses %s', (_name, overrides) => {
    expect(() => buildTrimCommand({ ...base, ...overrides })).toThrow(InvalidInputError);
  });
});

describe(formatSeconds.name, () => {
  it.each([
    [0, '0'],
    [2, '2'],
    [100, '100'],
    [5.5, '5.5'],
    [5.5 - 2.3, '3.2'],
    [1e-7, '0'],
    [0.0000015, '0.000002'],
    [123456789.5, '123456789.5'],
    [3661.123456789, '3661.123457'],
  ])('writes %s as %s', (seconds, expected) => {
    expect(formatSeconds(seconds)).toBe(expected);
  });

  it('refuses negative, non-finite and absurdly large values', () => {
    expect(() => formatSeconds(-0.5)).toThrow(InvalidInputError);
    expect(() => formatSeconds(Number.POSITIVE_INFINITY)).toThrow(InvalidInputError);
    expect(() => formatSeconds(1e21)).toThrow(InvalidInputError);
  });
});

describe(expectedTrimDurationSec.name, () => {
  it('is end minus start', () => {
    expect(expectedTrimDurationSec({ startSec: 1.5, endSec: 4 })).toBe(2.5);
  });
});
