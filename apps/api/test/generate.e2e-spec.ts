import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { downloadTo, expectColorNear, frameAt, probeJson } from '../../../test/support/media-checks.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

interface Output {
  variantId: string;
  url: string;
  kind: string;
  quality: string | null;
}

describe('POST /v1/generate', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let other: TenantKey;
  let imageId: string;
  let audioId: string;
  /** Serves media to URL sources on 127.0.0.2, the one private address the test policy lets through. */
  let server: Server;
  let serverBase: string;
  const requested: string[] = [];

  beforeAll(async () => {
    const png = readFileSync(testMedia.still('url-product-400x400.png', '400x400'));
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      if (request.url === '/product.png') {
        response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      } else if (request.url === '/to-loopback.png') {
        response.writeHead(302, { location: 'http://127.0.0.1:9/product.png' }).end();
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    serverBase = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    harness = await startHarness(
      testConfig((config) => {
        config.net.allowCidrs = ['127.0.0.2/32'];
      }),
    );
    tenant = await createTenantWithKey(harness);
    other = await createTenantWithKey(harness);
    imageId = (await uploadAsset(harness, tenant.key, testMedia.still('product-600x800.png', '600x800'))).id as string;
    audioId = (await uploadAsset(harness, tenant.key, testMedia.wav3s())).id as string;
  });

  afterAll(async () => {
    await harness?.close();
    server?.close();
  });

  const post = (body: unknown, query = '', key = tenant.key) =>
    harness.http
      .post(`/v1/generate${query}`)
      .set('X-API-Key', key)
      .send(body as object);

  async function render(body: unknown): Promise<{ job: Record<string, unknown>; video: string; outputs: Output[] }> {
    const accepted = await post(body).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 120_000);
    expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'succeeded', error: null });
    const outputs = job.outputs as Output[];
    const video = await downloadTo(harness, tenant.key, outputs[0].url, `generated-${job.id as string}`);
    return { job, video, outputs };
  }

  const smallComposition = (layers: unknown[], output: Record<string, unknown> = {}) => ({
    composition: {
      output: { widthPx: 360, heightPx: 640, fps: 25, durationSec: 2, background: '#050505', ...output },
      layers,
    },
  });

  it('renders a composition in one job: a generated video and a poster from its middle', async () => {
    const { video, outputs } = await render(
      smallComposition([
        { type: 'color', color: '#D4AF37', widthPx: 360, heightPx: 100, yPx: 540, xPx: 0 },
        {
          type: 'image',
          source: { assetId: imageId },
          anchor: 'center',
          widthPx: 300,
          heightPx: 400,
          fit: 'contain',
          kenBurns: { zoomFrom: 1, zoomTo: 1.05 },
        },
        { type: 'text', text: 'Hello ✨', anchor: 'top', marginPx: 20, style: { fontSizePx: 40 } },
        { type: 'audio', source: { assetId: audioId }, fadeOutSec: 0.5 },
      ]),
    );
    expect(outputs.map((o) => [o.kind, o.quality])).toEqual([
      ['generated', null],
      ['thumbnail', 'poster'],
    ]);
    const probed = probeJson(video);
    const picture = probed.streams.find((s) => s.codec_type === 'video');
    expect(picture).toMatchObject({ codec_name: 'h264', width: 360, height: 640, r_frame_rate: '25/1' });
    expect(picture?.color_space).toBe('bt709');
    expect(probed.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    expect(Math.abs(Number(probed.format.duration) - 2)).toBeLessThanOrEqual(0.04 + 0.03);
    // The row is read from the MP4's own tables rather than probed: the same facts a probe gives.
    const row = await harness.http.get(`/v1/variants/${outputs[0].variantId}`).set('X-API-Key', tenant.key).expect(200);
    expect(row.body).toMatchObject({ width: 360, height: 640 });
    expect(row.body.durationSec).toBeCloseTo(Number(probed.format.duration), 3);
    const pixel = frameAt(video, 1, 360);
    // The gold band is the colour asked for, as a player shows BT.709-tagged video.
    expectColorNear(pixel(180, 590), [0xd4, 0xaf, 0x37], 6);
    // The background outside every layer.
    expectColorNear(pixel(5, 300), [5, 5, 5], 6);

    // The poster is the same run's second output: a full-range JPEG of the middle frame, in the same colours.
    const posterPath = await downloadTo(harness, tenant.key, outputs[1].url, 'generated-poster.jpg');
    const still = probeJson(posterPath).streams[0];
    expect(still).toMatchObject({ codec_name: 'mjpeg', width: 360, height: 640 });
    const posterPixel = frameAt(posterPath, 0, 360);
    expectColorNear(posterPixel(180, 590), [0xd4, 0xaf, 0x37], 8);
    expectColorNear(posterPixel(5, 300), [5, 5, 5], 8);
  });

  it('answers a dry run with the plan and the argv, and queues nothing', async () => {
    const before = (await harness.http.get('/v1/jobs').set('X-API-Key', tenant.key).expect(200)).body as {
      items: unknown[];
    };
    const response = await post(
      smallComposition([{ type: 'image', source: { assetId: imageId }, kenBurns: {} }]),
      '?dryRun=true',
    ).expect(200);
    expect(response.body).toMatchObject({ dryRun: true, plan: { widthPx: 360, heightPx: 640, expectedFrames: 50 } });
    const argv = response.body.argv as string[];
    expect(argv).toContain('-filter_complex');
    // Labels, never the server's storage paths.
    expect(argv.join(' ')).toContain(`asset:${imageId}`);
    expect(argv.join(' ')).not.toContain(harness.config.storage.mediaRoot);
    const after = (await harness.http.get('/v1/jobs').set('X-API-Key', tenant.key).expect(200)).body as {
      items: unknown[];
    };
    expect(after.items.length).toBe(before.items.length);
  });

  it('agrees in dry run and submission: text no font can draw is a 400 naming the characters', async () => {
    const body = smallComposition([{ type: 'text', text: 'ok \uE000 \uE001' }]);
    for (const query of ['?dryRun=true', '']) {
      const response = await post(body, query).expect(400);
      expect(response.body.message).toContain('composition.layers.0.text has characters no bundled or uploaded font');
      expect(response.body.details).toMatchObject({ characters: ['\uE000', '\uE001'] });
    }
    // Hebrew, Thai, Bengali, Tamil, Korean and Traditional Chinese all have fonts now.
    const scripts = smallComposition([{ type: 'text', text: 'שלום สวัสดี হ্যালো வணக்கம் 안녕 繁體' }]);
    await post(scripts, '?dryRun=true').expect(200);
  });

  it.each([
    ['a NUL in a text layer', [{ type: 'text', text: 'a\u0000' }], 'composition.layers.0.text'],
    ['blank text', [{ type: 'text', text: ' \n ' }], 'composition.layers.0.text'],
    ['a non-character in a style', [{ type: 'text', text: 'x', style: { fontFamily: '\uFFFF' } }], 'U+FFFF'],
  ])('refuses %s in a dry run, naming the field', async (_name, layers, naming) => {
    const response = await post(smallComposition(layers), '?dryRun=true').expect(400);
    expect(JSON.stringify(response.body)).toContain(naming);
  });

  it('refuses a control character in a template field before expanding it', async () => {
    const response = await post({ template: 'golden-frame', fields: { hook: 'Sale\u0007' } }, '?dryRun=true').expect(
      400,
    );
    expect(response.body.details).toEqual([{ field: 'fields.hook', problems: [expect.stringContaining('U+0007')] }]);
  });

  it('renders a preview at quarter size and low fps', async () => {
    const { video } = await render(
      smallComposition([{ type: 'image', source: { assetId: imageId }, fit: 'cover' }], { preview: true }),
    );
    const picture = probeJson(video).streams.find((s) => s.codec_type === 'video');
    expect(picture).toMatchObject({ width: 180, height: 320 });
    const [num, den] = (picture?.r_frame_rate ?? '0/1').split('/').map(Number);
    expect(num / den).toBeLessThanOrEqual(15);
  });

  it('fetches URL sources in the worker, and fails the job naming the field when a redirect leads to a private address', async () => {
    const { video } = await render(
      smallComposition([{ type: 'image', source: { url: `${serverBase}/product.png` }, fit: 'contain' }]),
    );
    expect(requested).toContain('/product.png');
    // testsrc2's picture, contained: not the background.
    expect(Math.max(...frameAt(video, 1, 360)(180, 320))).toBeGreaterThan(40);

    const accepted = await post(
      smallComposition([{ type: 'image', source: { url: `${serverBase}/to-loopback.png` } }]),
    ).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 60_000);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'invalid_input' });
    expect((job.error as { message: string }).message).toMatch(/composition\.layers\.0\.source.*127\.0\.0\.1/);
  });

  it('burns an uploaded SRT in: each cue shows only inside its window', async () => {
    const srtPath = join(tmpdir(), `reelforge-captions-${process.pid}.srt`);
    writeFileSync(
      srtPath,
      '1\n00:00:00,000 --> 00:00:00,800\nFirst line\n\n2\n00:00:01,200 --> 00:00:02,000\nSecond\n',
    );
    const srt = await uploadAsset(harness, tenant.key, srtPath);
    expect(srt.kind).toBe('subtitles');
    const { video } = await render(
      smallComposition([
        {
          type: 'subtitles',
          source: { assetId: srt.id },
          style: { fontSizePx: 40, color: '#ffffff', align: 'center' },
        },
      ]),
    );
    /** Brightest pixel in the bottom fifth of the frame, where captions sit. */
    const captionLevel = (timeSec: number): number => {
      const pixel = frameAt(video, timeSec, 360);
      let max = 0;
      for (let y = 512; y < 640; y += 2) for (let x = 0; x < 360; x += 2) max = Math.max(max, ...pixel(x, y));
      return max;
    };
    expect(captionLevel(0.4)).toBeGreaterThan(200);
    expect(captionLevel(1.0)).toBeLessThan(40);
    expect(captionLevel(1.6)).toBeGreaterThan(200);
  });

  it('names every bad composition field in one 400', async () => {
    const response = await post(
      smallComposition([
        { type: 'image', source: { url: 'ftp://example.com/a.png' }, opacity: 2 },
        { type: 'video', source: { assetId: imageId }, speed: 10 },
        { type: 'text' },
      ]),
    ).expect(400);
    const fields = (response.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'composition.layers.0.source.url',
        'composition.layers.0.opacity',
        'composition.layers.1.speed',
        'composition.layers.2.text',
      ]),
    );
  });

  it('refuses a body that is neither a template nor a composition, naming what is wrong', async () => {
    const response = await post({ layers: [] }).expect(400);
    expect(JSON.stringify(response.body.details)).toMatch(/template|layers/);
  });

  it("treats another tenant's asset as missing and an image used as audio as the wrong kind", async () => {
    const missing = await post(
      smallComposition([{ type: 'image', source: { assetId: imageId } }]),
      '',
      other.key,
    ).expect(404);
    expect(missing.body.message).toContain('composition.layers.0.source');
    const wrongKind = await post(smallComposition([{ type: 'audio', source: { assetId: imageId } }])).expect(422);
    expect(wrongKind.body.message).toContain('has no audio');
  });
});
