import { describe, expect, it } from 'vitest';
import { isWebYuv, toBt709 } from './encoding.js';

const webHd = { colorSpace: 'bt709', colorRange: 'tv', pixelFormat: 'yuv420p', height: 1080 };

describe(toBt709.name, () => {
  it('asks for no conversion when the source already is BT.709 limited yuv420p', () => {
    expect(toBt709(webHd)).toEqual([{ filter: 'format', args: { pix_fmts: 'yuv420p' } }]);
  });

  it('takes an untagged HD yuv420p stream as BT.709 limited, as players do', () => {
    expect(isWebYuv({ ...webHd, colorSpace: null, colorRange: null })).toBe(true);
  });

  it('resizes without converting colour when only the size differs', () => {
    expect(toBt709(webHd, { widthPx: 1280, heightPx: 720 }, { widthPx: 1920, heightPx: 1080 })).toEqual([
      { filter: 'scale', args: { w: 1280, h: 720, flags: 'bicubic' } },
      { filter: 'format', args: { pix_fmts: 'yuv420p' } },
    ]);
  });

  it('drops a resize to the size the source already has', () => {
    const steps = toBt709(webHd, { widthPx: 1920, heightPx: 1080 }, { widthPx: 1920, heightPx: 1080 });
    expect(steps).toEqual([{ filter: 'format', args: { pix_fmts: 'yuv420p' } }]);
  });

  it.each([
    ['a BT.601 source', { ...webHd, colorSpace: 'smpte170m' }, { in_color_matrix: 'bt601' }],
    ['a full-range source', { ...webHd, colorRange: 'pc' }, { in_color_matrix: 'bt709' }],
    ['a 10-bit source', { ...webHd, pixelFormat: 'yuv420p10le' }, { in_color_matrix: 'bt709' }],
    ['an SD untagged source', { ...webHd, colorSpace: null, height: 480 }, { in_color_matrix: 'bt601' }],
    ['a row probed before the range was recorded', { ...webHd, colorRange: undefined }, { in_color_matrix: 'bt709' }],
  ])('converts %s', (_name, source, expected) => {
    const [scale] = toBt709(source);
    expect(scale).toMatchObject({
      filter: 'scale',
      args: { ...expected, out_color_matrix: 'bt709', out_range: 'tv', flags: 'bicubic+accurate_rnd+full_chroma_int' },
    });
  });
});
