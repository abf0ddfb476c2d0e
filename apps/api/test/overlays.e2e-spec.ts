import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryParser,
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { expectColorNear, frameAt, probeJson } from '../../../test/support/media-checks.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

describe('POST /v1/overlays and /v1/watermark', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;
  let redId: string;

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip720p4s())).id as string;
    redId = (await uploadAsset(harness, tenant.key, testMedia.png64())).id as string;
  });

  afterAll(() => harness?.close());

  const post = (path: string, body: Record<string, unknown>) =>
    harness.http.post(path).set('X-API-Key', tenant.key).send(body);

  let lastJob: Record<string, unknown> = {};
  async function render(path: string, body: Record<string, unknown>): Promise<string> {
    const accepted = await post(path, body).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 60_000);
    expect(job).toMatchObject({ status: 'succeeded', error: null });
    lastJob = job;
    const url = (job.outputs as Array<{ url: string }>)[0].url;
    const response = await harness.http
      .get(url)
      .set('X-API-Key', tenant.key)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);
    const file = join(harness.config.storage.mediaRoot, `check-${accepted.body.jobId}.mp4`);
    writeFileSync(file, response.body as Buffer);
    return file;
  }

  it('composites image, text and looping video layers plus a watermark in one job, keeping the audio', async () => {
    const file = await render('/v1/overlays', {
      assetId: videoId,
      layers: [
        {
          type: 'video',
          source: { library: 'overlays/grain-4s.mp4' },
          scale: 0.25,
          opacity: 0.5,
          position: { anchor: 'top-left' },
        },
        { type: 'image', source: { assetId: redId }, widthPx: 128, position: { x: '700', y: 'H-h' }, startSec: 2 },
        {
          type: 'text',
          text: {
            text: 'Hello ✨ नमस्ते',
            fontSizePx: 48,
            color: '#FFFFFF',
            boxWidthPx: 800,
            stroke: { color: '#000000', widthPx: 3 },
          },
          position: { anchor: 'top', marginPx: 40 },
          fadeInSec: 0.5,
        },
      ],
      watermark: { image: { library: 'overlays/reelforge-logo.png' }, opacity: 0.7, scale: 0.1 },
    });
    const facts = probeJson(file);
    const video = facts.streams.find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({
      codec_name: 'h264',
      width: 1280,
      height: 720,
      color_space: 'bt709',
      color_primaries: 'bt709',
    });
    expect(facts.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    expect(Number(facts.format.duration)).toBeCloseTo(4, 1);

    // The red layer sits on the blue bar from 2 s on: absent at 1 s, present at 3 s.
    const [r1, g1] = frameAt(file, 1, 1280)(740, 700);
    const [r3, g3, b3] = frameAt(file, 3, 1280)(740, 700);
    expect(r1 > 200 && g1 < 60).toBe(false);
    expect(r3).toBeGreaterThan(200);
    expect(g3).toBeLessThan(60);
    expect(b3).toBeLessThan(60);
  });

  it('watermarks with text at a corner', async () => {
    const file = await render('/v1/watermark', {
      assetId: videoId,
      text: { text: '© Acme', fontSizePx: 32, color: '#FFFFFFCC', boxWidthPx: 300 },
      position: { anchor: 'bottom-right', marginPx: 16 },
      opacity: 0.8,
    });
    expect(probeJson(file).streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 1280, height: 720 });
    // The old shapes still work, and the job says they are deprecated.
    expect(lastJob.warnings).toEqual([
      expect.stringContaining('body.text: the object form {text, fontSizePx, color, boxWidthPx, ...} is deprecated'),
      expect.stringContaining('body.position is deprecated'),
    ]);
    const variants = await harness.http.get(`/v1/assets/${videoId}/variants`).set('X-API-Key', tenant.key).expect(200);
    expect(variants.body.some((v: { kind: string }) => v.kind === 'watermark')).toBe(true);
  });

  it('lines text up with the corner it is anchored to when no width or alignment is given', async () => {
    // The box is as wide as the frame by default; a background box shows where the text itself sits.
    const purple = [127, 63, 191];
    const file = await render('/v1/watermark', {
      source: { assetId: videoId },
      text: 'Acme',
      style: { fontSizePx: 40, color: '#FFFFFF', background: { color: '#7F3FBF', paddingPx: 12, radiusPx: 0 } },
      marginPx: 16,
    });
    const at = frameAt(file, 1, 1280);
    // Just inside the bottom-right corner of the background box (16 px margin, then its padding).
    expectColorNear(at(1280 - 16 - 4, 720 - 16 - 4), purple, 40);
    const left = at(16 + 4, 720 - 16 - 4);
    expect(
      Math.abs(left[0]! - purple[0]!) + Math.abs(left[1]! - purple[1]!) + Math.abs(left[2]! - purple[2]!),
    ).toBeGreaterThan(90);
  });

  const image = (extra: Record<string, unknown> = {}) => ({
    type: 'image',
    source: { library: 'overlays/sparkles.png' },
    ...extra,
  });

  it('draws text layers that give only text, in Hebrew and Thai, placed like composition layers', async () => {
    const file = await render('/v1/overlays', {
      assetId: videoId,
      layers: [
        { type: 'text', text: 'שלום עולם', anchor: 'top', marginPx: 40 },
        { type: 'text', text: 'สวัสดีชาวโลก', style: { color: '#ffff00', fontSizePx: 40 }, xPx: 10, yPx: 600 },
      ],
      watermark: { text: '© Acme' },
    });
    expect(lastJob.warnings).toEqual([]);
    expect(lastJob.request).toMatchObject({ layers: [{ text: 'שלום עולם' }, { text: 'สวัสดีชาวโลก' }] });
    // Yellow Thai text from x=10, y=600: some pixel of its first glyphs is yellow (high R and G, low B).
    const at = frameAt(file, 1, 1280);
    let yellow = 0;
    for (let x = 10; x < 200; x += 2) {
      for (let y = 600; y < 660; y += 2) {
        const [r, g, b] = at(x, y);
        if (r > 200 && g > 200 && b < 90) yellow++;
      }
    }
    expect(yellow).toBeGreaterThan(5);
  });

  it.each([
    ['text no font can draw', [{ type: 'text', text: 'a\uE000b' }], 'U+E000'],
    ['empty text', [{ type: 'text', text: '' }], 'layers.0.text'],
    ['text of only spaces', [{ type: 'text', text: '   ' }], 'layers[0].text is empty'],
    ['a NUL in the text', [{ type: 'text', text: 'a\u0000b' }], 'layers.0.text contains the control character U+0000'],
    ['a NUL in the old text object', [{ type: 'text', text: { text: '\u0000' } }], 'layers.0.text.text'],
    ['a non-character in a style field', [{ type: 'text', text: 'x', style: { fontFamily: '\uFDD0' } }], 'U+FDD0'],
    ['an infinite x', [{ type: 'text', text: 'x', x: '1/0' }], 'layers[0].x'],
    ['a NaN y', [{ type: 'text', text: 'x', y: '0/0' }], 'layers[0].y'],
    ['x infinite for the layer size', [image({ widthPx: 64, heightPx: 64, x: 'W/(w-64)' })], 'layers[0].x'],
    ['a deprecated position expression that is infinite', [image({ position: { x: '1/(W-W)' } })], 'position.x'],
    ['startSec 1e-7', [image({ startSec: 1e-7 })], 'layers.0.startSec'],
    ['startSec 5e-324', [image({ startSec: 5e-324 })], 'layers.0.startSec'],
    ['endSec 1e21', [image({ endSec: 1e21 })], 'layers[0].endSec'],
    ['style beside the old text object', [{ type: 'text', text: { text: 'x' }, style: {} }], 'layers[0].style'],
    ['placement both ways', [image({ anchor: 'top', position: { anchor: 'top' } })], 'layers[0].position'],
    ['xPx and x together', [image({ xPx: 1, x: '1' })], 'layers[0].xPx'],
  ])('answers 400 for %s, naming it', async (_name, layers, naming) => {
    const response = await post('/v1/overlays', { assetId: videoId, layers }).expect(400);
    expect(JSON.stringify(response.body)).toContain(naming);
  });

  it.each([
    ['an undrawable text', { text: '\uE000' }, 'U+E000'],
    ['an empty text', { text: '' }, 'text'],
    ['a NUL', { text: '\u0000' }, 'text contains the control character U+0000'],
    ['startSec 1e-7', { text: 'x', startSec: 1e-7 }, 'startSec'],
  ])('answers 400 for a watermark with %s', async (_name, body, naming) => {
    const response = await post('/v1/watermark', { assetId: videoId, ...body }).expect(400);
    expect(JSON.stringify(response.body)).toContain(naming);
  });

  it.each([
    ['an expression outside the grammar', [image({ position: { x: 'while(1)' } })], 'layers[0].position.x'],
    [
      'a filter smuggled into an expression',
      [image({ position: { x: 'W-w-20:y=0,drawtext=text=x' } })],
      'layers[0].position.x',
    ],
    ['a window past the end', [image({ endSec: 9 })], 'layers[0].endSec'],
    ['a window that starts after the video', [image({ startSec: 5 })], 'layers[0].startSec'],
    ['fades longer than the window', [image({ startSec: 1, endSec: 2, fadeInSec: 1, fadeOutSec: 1 })], 'layers[0]'],
    ['a library path that escapes', [{ type: 'image', source: { library: 'overlays/../../etc/passwd' } }], 'library'],
    [
      'an unknown library item',
      [{ type: 'image', source: { library: 'overlays/nope.png' } }],
      'layers[0].source.library',
    ],
    ['a text layer without text', [{ type: 'text' }], 'layers[0].text'],
    ['an image layer without source', [{ type: 'image' }], 'layers[0].source'],
    ['an unknown layer type', [{ type: 'sticker' }], 'type must be one of'],
    [
      'a bad colour',
      [{ type: 'text', text: { text: 'x', fontSizePx: 20, color: 'reddish', boxWidthPx: 100 } }],
      'color',
    ],
    [
      'an unknown font',
      [{ type: 'text', text: { text: 'x', fontSizePx: 20, color: '#fff', boxWidthPx: 100, fontFamily: 'Comic Nope' } }],
      'fontFamily',
    ],
    ['no layers', [], 'layers'],
  ])('answers 400 for %s, naming the field', async (_name, layers, field) => {
    const response = await post('/v1/overlays', { assetId: videoId, layers }).expect(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('answers 422 for a video given where an image is needed', async () => {
    const response = await post('/v1/overlays', {
      assetId: videoId,
      layers: [{ type: 'image', source: { assetId: videoId } }],
    }).expect(422);
    expect(response.body.error).toBe('invalid_media');
    await post('/v1/overlays', {
      assetId: videoId,
      layers: [{ type: 'image', source: { library: 'overlays/grain-4s.mp4' } }],
    }).expect(422);
  });

  it('answers 400 for a watermark with both or neither of image and text', async () => {
    await post('/v1/watermark', { assetId: videoId }).expect(400);
    await post('/v1/watermark', {
      assetId: videoId,
      image: { library: 'overlays/reelforge-logo.png' },
      text: { text: 'x', fontSizePx: 20, color: '#fff', boxWidthPx: 100 },
    }).expect(400);
  });
});
