import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryParser,
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
} from '../../../test/support/harness.js';
import { testConfig } from '../../../test/support/test-config.js';

const SAMPLES = [
  'Hello world',
  'नमस्ते दुनिया',
  'مرحبا بالعالم',
  '你好，世界',
  'こんにちは世界',
  'שלום עולם',
  'สวัสดีชาวโลก',
  'হ্যালো বিশ্ব',
  'வணக்கம் உலகம்',
  '안녕하세요 세계',
  '繁體中文：臺灣歡迎您',
  'カタカナ',
  'Привет, мир',
  'Γειά σου Κόσμε',
  '✨ Luxury Beauty Secrets Revealed! 👩‍👩‍👧',
];

/** Width and height from the IHDR chunk, which always directly follows the 8-byte PNG signature. */
function pngSize(png: Buffer): { widthPx: number; heightPx: number } {
  return { widthPx: png.readUInt32BE(16), heightPx: png.readUInt32BE(20) };
}

describe('POST /v1/text/preview', () => {
  let harness: Harness;
  let tenant: TenantKey;

  beforeAll(async () => {
    harness = await startHarness(testConfig(), { worker: false });
    tenant = await createTenantWithKey(harness);
  });

  afterAll(() => harness?.close());

  const preview = (body: Record<string, unknown>, accept = 'image/png') =>
    harness.http.post('/v1/text/preview').set('X-API-Key', tenant.key).set('Accept', accept).send(body);
  const base = { text: 'Hello world', fontSizePx: 48, color: '#ffffff', boxWidthPx: 640 };

  it('answers a transparent PNG of the box size', async () => {
    const response = await preview({ ...base, boxHeightPx: 180, stroke: { color: '#000', widthPx: 3 } })
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', 'image/png');
    const png = response.body as Buffer;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngSize(png)).toEqual({ widthPx: 640, heightPx: 180 });
    expect(response.headers['x-text-overflow']).toBe('false');
  });

  it.each(SAMPLES)('answers JSON metrics with every glyph for %s', async (text) => {
    const response = await preview({ ...base, text, boxWidthPx: 900 }, 'application/json')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    expect(response.body).toMatchObject({ widthPx: 900, fontSizePx: 48, overflow: false, missingGlyphs: [] });
    expect(response.body.lines.join(' ')).toBe(text);
    expect(response.body.direction).toBe(/^[\u0590-\u06ff]/u.test(text) ? 'rtl' : 'ltr');
  });

  it('refuses characters no font covers with a 400 naming them, as a job submission would', async () => {
    const response = await preview({ text: 'a\uE000b' }, 'application/json').expect(400);
    expect(response.body.message).toContain('U+E000');
    expect(response.body.details).toMatchObject({ field: 'text', characters: ['\uE000'] });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '  \n '],
  ])('refuses %s text with a 400 naming the field', async (_name, text) => {
    const response = await preview({ text }, 'application/json').expect(400);
    expect(JSON.stringify(response.body)).toContain('text');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['ESC', 'a\u001bb'],
    ['a C1 control', 'a\u0085b'],
    ['a non-character', 'a\uFFFEb'],
    ['a lone surrogate', 'a\uD800b'],
  ])('refuses %s in the text with a 400 naming the field', async (_name, text) => {
    const response = await preview({ text }, 'application/json').expect(400);
    expect(response.body.details).toEqual([{ field: 'text', problems: [expect.stringContaining('U+')] }]);
  });

  it('needs only text: white, 1/30 of a 1080x1920 frame, as wide as the frame', async () => {
    const response = await preview({ text: 'Hello' }).buffer(true).parse(binaryParser).expect(200);
    expect(response.headers['x-text-font-size-px']).toBe('64');
    expect(response.headers.deprecation).toBeUndefined();
    expect(pngSize(response.body as Buffer).widthPx).toBe(1080);
  });

  it('scales the default size with the frame and takes the style object', async () => {
    const body = { text: 'Hello', style: { color: '#ff0000' }, widthPx: 300, frameWidthPx: 1280, frameHeightPx: 720 };
    const response = await preview(body).buffer(true).parse(binaryParser).expect(200);
    expect(response.headers['x-text-font-size-px']).toBe('24');
    expect(pngSize(response.body as Buffer).widthPx).toBe(300);
  });

  it('still takes the deprecated flat shape, with a Deprecation header', async () => {
    const response = await preview(base).buffer(true).parse(binaryParser).expect(200);
    expect(response.headers.deprecation).toBe('true');
  });

  it('refuses the flat fields mixed with style', async () => {
    await preview({ ...base, style: { color: '#fff' } }, 'application/json').expect(400);
  });

  it('auto-fits the text to the box without fontSizePx', async () => {
    const body = {
      text: 'Luxury Beauty Secrets Revealed',
      autoFit: { minFontSizePx: 12, maxFontSizePx: 300 },
      color: '#fff',
      boxWidthPx: 500,
      boxHeightPx: 300,
    };
    const response = await preview(body, 'application/json').expect(200);
    expect(response.body.overflow).toBe(false);
    expect(response.body.fontSizePx).toBeGreaterThan(12);
    expect(response.body.fontSizePx).toBeLessThan(300);
    expect(response.body.heightPx).toBe(300);
    const oneUp = await preview(
      { ...body, autoFit: undefined, fontSizePx: response.body.fontSizePx + 1 },
      'application/json',
    ).expect(200);
    expect(oneUp.body.overflow).toBe(true);
  });

  it.each([
    ['a bad colour', { color: 'white' }, 'color'],
    ['a bad nested colour', { background: { color: '#12', paddingPx: 4, radiusPx: 4 } }, 'background.color'],
    ['too long a text', { text: 'x'.repeat(2001) }, 'text'],
    ['an unknown field', { fontsize: 12 }, 'fontsize'],
    ['fontSizePx 0', { fontSizePx: 0 }, 'fontSizePx'],
    ['a box wider than 4096 px', { boxWidthPx: 5000 }, 'boxWidthPx'],
    ['an unknown font family', { fontFamily: 'Comic Sans MS' }, 'fontFamily'],
    ['a bad font weight', { fontWeight: 'heavy' }, 'fontWeight'],
  ])('answers 400 for %s, naming the field', async (_name, override, field) => {
    const response = await preview({ ...base, ...override }, 'application/json').expect(400);
    expect(response.body.error).toBe('invalid_input');
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('answers 401 without a key', async () => {
    await harness.http.post('/v1/text/preview').send(base).expect(401);
  });
});

describe('GET /v1/library/fonts', () => {
  let harness: Harness;
  let tenant: TenantKey;

  beforeAll(async () => {
    harness = await startHarness(testConfig(), { worker: false });
    tenant = await createTenantWithKey(harness);
  });

  afterAll(() => harness?.close());

  it('lists the bundled families', async () => {
    const response = await harness.http.get('/v1/library/fonts').set('X-API-Key', tenant.key).expect(200);
    expect(response.body.map((family: { name: string }) => family.name)).toEqual([
      'Noto Sans',
      'Noto Sans Devanagari',
      'Noto Sans Arabic',
      'Noto Sans Hebrew',
      'Noto Sans Thai',
      'Noto Sans Bengali',
      'Noto Sans Tamil',
      'Noto Sans CJK SC',
      'Noto Sans CJK TC',
      'Noto Sans CJK KR',
      'Noto Color Emoji',
    ]);
    expect(response.body[0]).toEqual({
      name: 'Noto Sans',
      styles: ['regular', 'bold'],
      scripts: ['Latn', 'Grek', 'Cyrl'],
      sizeBytes: expect.any(Number),
    });
  });
});
