import { createCanvas, loadImage } from '@napi-rs/canvas';
import { InvalidInputError } from '@reelforge/contracts';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FontRegistry } from './font-registry.js';
import { measureTextLayer, renderTextLayer, type TextLayerSpec } from './text-layer.js';

const FONTS_DIR = fileURLToPath(new URL('../../../assets/fonts', import.meta.url));

/** One sample per bundled script; each must render with no missing glyphs. */
export const SCRIPT_SAMPLES = {
  latin: 'Hello world',
  devanagari: 'नमस्ते दुनिया',
  arabic: 'مرحبا بالعالم',
  chinese: '你好，世界',
  japanese: 'こんにちは世界',
  hebrew: 'שלום עולם',
  thai: 'สวัสดีชาวโลก',
  bengali: 'হ্যালো বিশ্ব',
  tamil: 'வணக்கம் உலகம்',
  korean: '안녕하세요 세계',
  traditionalChinese: '繁體中文測試：臺灣歡迎您',
  kana: 'カタカナ ひらがな ー',
  cyrillic: 'Привет, мир',
  greek: 'Γειά σου Κόσμε',
  emoji: '✨ Luxury Beauty Secrets Revealed! 👩‍👩‍👧',
} as const;

interface Pixels {
  widthPx: number;
  heightPx: number;
  at(xPx: number, yPx: number): [number, number, number, number];
  count(predicate: (rgba: [number, number, number, number]) => boolean, region?: Region): number;
}

interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

async function decode(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  const at = (xPx: number, yPx: number): [number, number, number, number] => {
    const offset = (yPx * image.width + xPx) * 4;
    return [data[offset], data[offset + 1], data[offset + 2], data[offset + 3]];
  };
  return {
    widthPx: image.width,
    heightPx: image.height,
    at,
    count(predicate, region = { x0: 0, y0: 0, x1: image.width, y1: image.height }) {
      let matches = 0;
      for (let y = region.y0; y < region.y1; y++) {
        for (let x = region.x0; x < region.x1; x++) if (predicate(at(x, y))) matches++;
      }
      return matches;
    },
  };
}

const opaque = ([, , , alpha]: number[]) => alpha > 200;
const transparent = ([, , , alpha]: number[]) => alpha === 0;
/** A saturated pixel: only colour emoji produce these when the text colour is white. */
const colourful = ([r, g, b, alpha]: number[]) => alpha > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 100;

describe(renderTextLayer.name, () => {
  let registry: FontRegistry;
  const base: TextLayerSpec = { text: 'Hello world', fontSizePx: 48, color: '#ffffff', boxWidthPx: 400 };

  beforeAll(() => {
    registry = new FontRegistry(FONTS_DIR);
  });

  it('draws a PNG of the box size, opaque in the text area and transparent in the corners', async () => {
    const { png, metrics } = await renderTextLayer({ ...base, boxHeightPx: 200 }, registry);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const pixels = await decode(png);
    expect([pixels.widthPx, pixels.heightPx]).toEqual([400, 200]);
    expect(metrics).toMatchObject({ widthPx: 400, heightPx: 200, lines: ['Hello world'], overflow: false });
    const textArea = { x0: 0, y0: 0, x1: Math.ceil(metrics.textWidthPx), y1: Math.ceil(metrics.textHeightPx) };
    expect(pixels.count(opaque, textArea)).toBeGreaterThan(200);
    // Everything right of and below the text block stays fully transparent.
    expect(pixels.count((rgba) => !transparent(rgba), { x0: 0, y0: 80, x1: 400, y1: 200 })).toBe(0);
    expect(pixels.count((rgba) => !transparent(rgba), { x0: 300, y0: 0, x1: 400, y1: 200 })).toBe(0);
  });

  it('is as tall as its lines when no box height is given', async () => {
    const { png, metrics } = await renderTextLayer({ ...base, text: 'one two three four five six' }, registry);
    expect(metrics.lines.length).toBeGreaterThan(1);
    expect(metrics.heightPx).toBe(Math.ceil(metrics.lines.length * 48 * 1.2));
    expect((await decode(png)).heightPx).toBe(metrics.heightPx);
  });

  it('fills the padded background box with its colour and keeps the rounded corners clear', async () => {
    const background = { color: '#ff0000', paddingPx: 20, radiusPx: 16 };
    const { png, metrics } = await renderTextLayer({ ...base, background, color: '#000000' }, registry);
    const pixels = await decode(png);
    expect(pixels.at(0, 0)[3]).toBe(0); // outside the rounded corner
    const boxRightPx = Math.floor(metrics.textWidthPx + 40);
    for (const [x, y] of [
      [20, 5],
      [5, 30],
      [boxRightPx - 5, 30],
      [Math.floor(boxRightPx / 2), metrics.heightPx - 5],
    ]) {
      expect(pixels.at(x, y)).toEqual([255, 0, 0, 255]);
    }
    expect(
      pixels.count((rgba) => !transparent(rgba), { x0: boxRightPx + 1, y0: 0, x1: 400, y1: metrics.heightPx }),
    ).toBe(0);
  });

  it('right-aligns right-to-left text by default', async () => {
    const { png, metrics } = await renderTextLayer({ ...base, text: SCRIPT_SAMPLES.arabic }, registry);
    expect(metrics.direction).toBe('rtl');
    const pixels = await decode(png);
    const textLeftPx = Math.floor(400 - metrics.textWidthPx);
    expect(textLeftPx).toBeGreaterThan(100);
    expect(pixels.count((rgba) => !transparent(rgba), { x0: 0, y0: 0, x1: textLeftPx - 2, y1: pixels.heightPx })).toBe(
      0,
    );
    expect(pixels.count(opaque, { x0: textLeftPx, y0: 0, x1: 400, y1: pixels.heightPx })).toBeGreaterThan(200);
  });

  it.each(Object.entries(SCRIPT_SAMPLES))('renders the %s sample with every glyph', async (_script, text) => {
    const { png, metrics } = await renderTextLayer({ ...base, text, boxWidthPx: 800 }, registry);
    expect(metrics.missingGlyphs).toEqual([]);
    expect((await decode(png)).count(opaque)).toBeGreaterThan(300);
  });

  it('draws emoji in colour', async () => {
    const { png } = await renderTextLayer({ ...base, text: SCRIPT_SAMPLES.emoji, boxWidthPx: 800 }, registry);
    expect((await decode(png)).count(colourful)).toBeGreaterThan(100);
  });

  it('draws a stroke and a shadow under the fill', async () => {
    const spec = {
      ...base,
      stroke: { color: '#0000ff', widthPx: 4 },
      shadow: { color: '#00ff00', offsetXPx: 6, offsetYPx: 6, blurPx: 0 },
    };
    const pixels = await decode((await renderTextLayer(spec, registry)).png);
    expect(pixels.count(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255)).toBeGreaterThan(50);
    expect(pixels.count(([r, g, b, a]) => r < 40 && g < 40 && b > 200 && a > 200)).toBeGreaterThan(50);
    expect(pixels.count(([r, g, b, a]) => r < 40 && g > 200 && b < 40 && a > 200)).toBeGreaterThan(50);
  });

  it('reports private-use and unassigned characters instead of drawing them', async () => {
    const { png, metrics } = await renderTextLayer({ ...base, text: '\uE000\u{10FFFD}\u0378' }, registry);
    expect(metrics.missingGlyphs).toEqual(['\uE000', '\u{10FFFD}', '\u0378']);
    expect(metrics.lines).toEqual(['']);
    expect((await decode(png)).count((rgba) => !transparent(rgba))).toBe(0);
    const mixed = await measureTextLayer({ ...base, text: 'a\uE000b' }, registry);
    expect(mixed).toMatchObject({ lines: ['ab'], missingGlyphs: ['\uE000'] });
  });

  it('rejects a bad colour and an unknown family, naming the field', async () => {
    await expect(renderTextLayer({ ...base, color: 'white' }, registry)).rejects.toThrow(/^color must be/);
    await expect(renderTextLayer({ ...base, stroke: { color: '#12', widthPx: 2 } }, registry)).rejects.toMatchObject({
      details: { field: 'stroke.color' },
    });
    await expect(renderTextLayer({ ...base, fontFamily: 'Comic Sans MS' }, registry)).rejects.toThrow(
      InvalidInputError,
    );
    await expect(renderTextLayer({ ...base, fontFamily: 'Comic Sans MS' }, registry)).rejects.toMatchObject({
      details: { field: 'fontFamily' },
    });
  });
});

describe(measureTextLayer.name, () => {
  let registry: FontRegistry;
  beforeAll(() => {
    registry = new FontRegistry(FONTS_DIR);
  });

  const boxed: TextLayerSpec = {
    text: 'Luxury Beauty Secrets Revealed in one short video',
    fontSizePx: 10,
    autoFit: { minFontSizePx: 8, maxFontSizePx: 200 },
    color: '#fff',
    boxWidthPx: 600,
    boxHeightPx: 240,
  };

  it('auto-fits the largest size that fits: one pixel more overflows', async () => {
    const fitted = await measureTextLayer(boxed, registry);
    expect(fitted.overflow).toBe(false);
    expect(fitted.fontSizePx).toBeGreaterThan(8);
    expect(fitted.fontSizePx).toBeLessThan(200);
    expect(fitted.lines.length * fitted.fontSizePx * 1.2).toBeLessThanOrEqual(240);
    expect(fitted.textWidthPx).toBeLessThanOrEqual(600);
    const oneUp = fitted.fontSizePx + 1;
    const larger = await measureTextLayer({ ...boxed, fontSizePx: oneUp, autoFit: undefined }, registry);
    expect(larger.overflow).toBe(true);
  });

  it('auto-fit respects maxLines and takes the maximum when everything fits', async () => {
    const oneLine = await measureTextLayer({ ...boxed, maxLines: 1, boxHeightPx: undefined }, registry);
    expect(oneLine.lines).toHaveLength(1);
    expect(oneLine.overflow).toBe(false);
    const short = await measureTextLayer(
      { ...boxed, text: 'Hi', autoFit: { minFontSizePx: 8, maxFontSizePx: 64 } },
      registry,
    );
    expect(short.fontSizePx).toBe(64);
  });

  it('reports overflow and the minimum size when even the minimum does not fit', async () => {
    const tooLong = await measureTextLayer({ ...boxed, text: 'word '.repeat(400), boxHeightPx: 40 }, registry);
    expect(tooLong).toMatchObject({ fontSizePx: 8, overflow: true });
  });

  it('truncates to maxLines and flags overflow', async () => {
    const metrics = await measureTextLayer(
      { ...boxed, autoFit: undefined, fontSizePx: 48, maxLines: 2, boxHeightPx: undefined },
      registry,
    );
    expect(metrics.lines).toHaveLength(2);
    expect(metrics.overflow).toBe(true);
  });

  it('honours an explicit direction and letter spacing', async () => {
    const spaced = await measureTextLayer({ ...boxed, autoFit: undefined, text: 'abc', letterSpacingPx: 20 }, registry);
    const plain = await measureTextLayer({ ...boxed, autoFit: undefined, text: 'abc' }, registry);
    expect(spaced.textWidthPx).toBeGreaterThan(plain.textWidthPx + 40);
    expect((await measureTextLayer({ ...boxed, text: 'abc', direction: 'rtl' }, registry)).direction).toBe('rtl');
  });
});
