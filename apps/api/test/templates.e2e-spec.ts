import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { downloadTo, frameAt, probeJson } from '../../../test/support/media-checks.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

/** Duration, size and rate of an output, with one frame of tolerance on the duration. */
function expectVideo(path: string, widthPx: number, heightPx: number, fps: number, durationSec: number): void {
  const probed = probeJson(path);
  const picture = probed.streams.find((s) => s.codec_type === 'video');
  expect(picture).toMatchObject({ width: widthPx, height: heightPx, r_frame_rate: `${fps}/1`, color_space: 'bt709' });
  expect(probed.streams.some((s) => s.codec_type === 'audio')).toBe(true);
  expect(Math.abs(Number(probed.format.duration) - durationSec)).toBeLessThanOrEqual(1 / fps + 0.03);
}

interface Job {
  id: string;
  status: string;
  warnings: string[];
  request: { fields: Record<string, unknown> };
  outputs: Array<{ url: string; kind: string }>;
}

describe('templates through POST /v1/generate', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let images: string[];
  let toneId: string;

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    tenant = await createTenantWithKey(harness);
    images = [];
    for (const [name, size, source] of [
      ['portrait-600x900.png', '600x900', 'testsrc2'],
      ['landscape-1200x800.png', '1200x800', 'smptehdbars'],
      ['square-700x700.png', '700x700', 'rgbtestsrc'],
    ] as const) {
      images.push((await uploadAsset(harness, tenant.key, testMedia.still(name, size, source))).id as string);
    }
    toneId = (await uploadAsset(harness, tenant.key, testMedia.wav3s())).id as string;
  });

  afterAll(() => harness?.close());

  const post = (body: unknown, query = '') =>
    harness.http
      .post(`/v1/generate${query}`)
      .set('X-API-Key', tenant.key)
      .send(body as object);

  async function render(body: unknown): Promise<{ job: Job; video: string }> {
    const accepted = await post(body).expect(202);
    const job = (await waitForJob(harness, tenant.key, accepted.body.jobId as string, 240_000)) as unknown as Job;
    expect(job, JSON.stringify(job)).toMatchObject({ status: 'succeeded' });
    expect(job.outputs.map((o) => o.kind)).toEqual(['generated', 'thumbnail']);
    return { job, video: await downloadTo(harness, tenant.key, job.outputs[0].url, `template-${job.id}.mp4`) };
  }

  it('lists every template with its field schema and an example that validates', async () => {
    const response = await harness.http.get('/v1/templates').set('X-API-Key', tenant.key).expect(200);
    const templates = response.body as Array<{ name: string; fieldsSchema: { properties: object }; example: object }>;
    expect(templates.map((t) => t.name)).toEqual(['golden-frame', 'slideshow', 'style-clip']);
    for (const template of templates) {
      expect(Object.keys(template.fieldsSchema.properties).length).toBeGreaterThan(2);
      // Examples use library media only, so they dry-run for any tenant.
      const dryRun = await post(template.example, '?dryRun=true');
      expect(dryRun.status, `${template.name}: ${JSON.stringify(dryRun.body)}`).toBe(200);
    }
    await harness.http.get('/v1/templates/slideshow').set('X-API-Key', tenant.key).expect(200);
    await harness.http.get('/v1/templates/nope').set('X-API-Key', tenant.key).expect(404);
  });

  it('names missing and wrongly typed merge fields instead of rendering placeholders', async () => {
    const missing = await post({ template: 'golden-frame', fields: {} }).expect(400);
    expect((missing.body.details as Array<{ field: string }>).map((d) => d.field)).toContain('fields.images');

    const wrong = await post({ template: 'golden-frame', fields: { images: 'x', hook: 5, durationSec: '15' } }).expect(
      400,
    );
    expect((wrong.body.details as Array<{ field: string }>).map((d) => d.field)).toEqual(
      expect.arrayContaining(['fields.images', 'fields.hook', 'fields.durationSec']),
    );

    const unknown = await post({ template: 'nope', fields: {} }).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('template');

    const wrongKind = await post({ template: 'golden-frame', fields: { images: [{ assetId: toneId }] } }).expect(422);
    expect(wrongKind.body.message).toContain('fields.images.0');
  });

  it('golden-frame: 1080x1920 at 30 fps with the hook, the frame, beat-cut images and music', async () => {
    const { job, video } = await render({
      template: 'golden-frame',
      fields: { images: images.map((assetId) => ({ assetId })), durationSec: 6 },
    });
    expectVideo(video, 1080, 1920, 30, 6);
    // The bundled bed has a clear 120 BPM beat, so the cuts follow it without a warning.
    expect(job.warnings).toEqual([]);
    const pixel = frameAt(video, 1, 1080);
    // The library frame's gold border at the edge, the product (testsrc2 is bright) in the middle of the box.
    const [r, g, b] = pixel(8, 960);
    expect(r).toBeGreaterThan(150);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    expect(Math.max(...pixel(540, 960))).toBeGreaterThan(100);
  });

  it('golden-frame: equal cuts and a warning when the music has no clear beat', async () => {
    const { job, video } = await render({
      template: 'golden-frame',
      fields: {
        images: images.slice(0, 2).map((assetId) => ({ assetId })),
        audio: { assetId: toneId },
        durationSec: 5,
      },
      output: { preview: true },
    });
    expect(job.warnings.join(' ')).toMatch(/beat/);
    const picture = probeJson(video).streams.find((s) => s.codec_type === 'video');
    expect(picture).toMatchObject({ width: 540, height: 960 });
  });

  it('slideshow: 16:9 images with transitions on the beat bed', async () => {
    const { video } = await render({
      template: 'slideshow',
      fields: {
        images: images.map((assetId) => ({ assetId })),
        audio: { library: 'audio/beat-120bpm-30s.m4a' },
        secondsPerImage: 2,
        aspect: '16:9',
        overlay: 'grain',
      },
    });
    expectVideo(video, 1920, 1080, 30, 6);
  });

  it('style-clip: the same seed picks the same clip and window, and renders with title and audio', async () => {
    const body = {
      template: 'style-clip',
      fields: { style: 'random', seed: 7, durationSec: 4, speed: 1.5, title: 'Golden hour', audio: 'soft-bed-20s.m4a' },
    };
    const first = await post(body, '?dryRun=true').expect(200);
    const second = await post(body, '?dryRun=true').expect(200);
    const clipOf = (answer: { body: { composition: { layers: Array<Record<string, unknown>> } } }) =>
      answer.body.composition.layers.find((layer) => layer.type === 'video');
    expect(clipOf(first)).toBeDefined();
    expect(clipOf(second)).toEqual(clipOf(first));

    const { job, video } = await render(body);
    expect(job.request.fields.seed).toBe(7);
    const probed = probeJson(video);
    expect(probed.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 1080, height: 1920 });
    expect(Math.abs(Number(probed.format.duration) - 4)).toBeLessThanOrEqual(1 / 30 + 0.03);
    expect(probed.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    // Fades in from black: the first frame is dark, the middle is not.
    expect(Math.max(...frameAt(video, 0, 1080)(540, 960))).toBeLessThan(40);
  });

  it('style-clip: a window longer than every clip fails up front with the longest available', async () => {
    const response = await post({ template: 'style-clip', fields: { style: 'random', durationSec: 60, speed: 4 } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('fields.durationSec');
  });

  it('records a chosen seed on the job when none was given, so the render can be replayed', async () => {
    const accepted = await post({ template: 'style-clip', fields: { style: 'aurora', durationSec: 2 } }).expect(202);
    const job = (await waitForJob(harness, tenant.key, accepted.body.jobId as string, 120_000)) as unknown as Job;
    expect(job.status).toBe('succeeded');
    expect(typeof job.request.fields.seed).toBe('number');
  });
});
