import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
import { downloadTo, probeJson } from '../../../test/support/media-checks.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

function probeDurationSec(bytes: Buffer, path: string): number {
  writeFileSync(path, bytes);
  return Number(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).toString(),
  );
}

describe('POST /v1/trim', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;

  beforeAll(async () => {
    // The worker starts later in the suite, so queued-state answers can be observed first.
    harness = await startHarness(testConfig(), { worker: false });
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip10s())).id as string;
  });

  afterAll(() => harness?.close());

  const trim = (body: Record<string, unknown>, key = tenant.key) =>
    harness.http.post('/v1/trim').set('X-API-Key', key).send(body);

  it.each([
    ['end before start', { start: 5, end: 2 }, 'end must be greater than start'],
    ['end equal to start', { start: '00:00:03', end: 3 }, 'end must be greater than start'],
    ['a negative start', { start: -1, end: 2 }, 'start must be seconds'],
    ['NaN as text', { start: 'NaN', end: 2 }, 'start must be seconds'],
    ['garbage end', { start: 1, end: '1e3' }, 'end must be seconds'],
    ['minutes over 59', { start: '00:61:00', end: '01:00:00' }, 'start must be seconds'],
    ['an unknown mode', { start: 1, end: 2, mode: 'quick' }, 'mode must be one of'],
    ['an unknown field', { start: 1, end: 2, strat: 1 }, 'property strat should not exist'],
    ['a start past the end of the asset', { start: 11, end: 12 }, 'at or past the end of the asset'],
  ])('answers 400 for %s', async (_name, times, message) => {
    const response = await trim({ assetId: videoId, ...times }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_input' });
    expect(response.body.message).toContain(message);
  });

  it('answers 400 for malformed JSON and for a non-UUID asset id', async () => {
    const malformed = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .set('Content-Type', 'application/json')
      .send('{"assetId": ')
      .expect(400);
    expect(malformed.body.error).toBe('malformed_json');
    await trim({ assetId: 'not-a-uuid', start: 1, end: 2 }).expect(400);
  });

  it('answers 404 for an asset of another tenant and 422 for an image', async () => {
    const other = await createTenantWithKey(harness);
    await trim({ assetId: videoId, start: 1, end: 2 }, other.key).expect(404);
    const image = await uploadAsset(harness, tenant.key, testMedia.png64());
    const response = await trim({ assetId: image.id, start: 0, end: 1 }).expect(422);
    expect(response.body.error).toBe('invalid_media');
  });

  it('queues, answers 409 for the result while queued, then runs once a worker starts', async () => {
    const accepted = await trim({ assetId: videoId, start: '00:00:02.000', end: 5.5 }).expect(202);
    // Positions count every tenant's queued trims, and other suites may leave some queued.
    expect(accepted.body).toMatchObject({ status: 'queued', queuePosition: expect.any(Number) });
    const jobId = accepted.body.jobId as string;

    const early = await harness.http.get(`/v1/jobs/${jobId}/result`).set('X-API-Key', tenant.key).expect(409);
    expect(early.body.error).toBe('conflict');

    await harness.startWorker();
    const job = await waitForJob(harness, tenant.key, jobId);
    expect(job).toMatchObject({ status: 'succeeded', progress: 100, attempts: 1, error: null });
    expect(job.outputs).toHaveLength(1);

    const result = await harness.http
      .get(`/v1/jobs/${jobId}/result`)
      .set('X-API-Key', tenant.key)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', 'video/mp4');
    // Accurate mode: within one frame (25 fps) of the 3.5 s asked for.
    expect(
      Math.abs(probeDurationSec(result.body as Buffer, `${harness.config.storage.mediaRoot}/check.mp4`) - 3.5),
    ).toBeLessThanOrEqual(0.04);
  });

  it('clamps an end past the duration and records the variant on the asset', async () => {
    const accepted = await trim({ assetId: videoId, start: 8, end: 60, mode: 'fast' }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job.status).toBe('succeeded');
    const variantId = (job.outputs as Array<{ variantId: string }>)[0].variantId;

    const variant = await harness.http.get(`/v1/variants/${variantId}`).set('X-API-Key', tenant.key).expect(200);
    expect(variant.body).toMatchObject({
      kind: 'trim',
      sourceAssetId: videoId,
      config: { startSec: 8, endSec: 10, mode: 'fast' },
    });
    // Fast mode starts at the keyframe at or before 8 s (every 2 s here), so about 2 s remain.
    expect(variant.body.durationSec).toBeGreaterThan(1.9);
    expect(variant.body.durationSec).toBeLessThanOrEqual(2.1);

    const listed = await harness.http.get(`/v1/assets/${videoId}/variants`).set('X-API-Key', tenant.key).expect(200);
    expect(listed.body.map((v: { id: string }) => v.id)).toContain(variantId);
    const range = await harness.http
      .get(`/v1/variants/${variantId}/content`)
      .set('X-API-Key', tenant.key)
      .set('Range', 'bytes=0-7')
      .buffer(true)
      .parse(binaryParser)
      .expect(206);
    // An MP4 starts with a box whose type is at bytes 4-7.
    expect((range.body as Buffer).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('smart-cuts an accurate trim of an x264 BT.709 source, and says why when it cannot', async () => {
    const x264 = await uploadAsset(harness, tenant.key, testMedia.clipBt709x264());
    const accepted = await trim({ assetId: x264.id, start: 0.52, end: 4.6 }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job).toMatchObject({ status: 'succeeded', warnings: [] });
    const variantId = (job.outputs as Array<{ variantId: string }>)[0].variantId;
    const variant = await harness.http.get(`/v1/variants/${variantId}`).set('X-API-Key', tenant.key).expect(200);
    expect(variant.body.config).toMatchObject({ mode: 'accurate', smartCut: true });
    // 0.52 s to 4.6 s at 25 fps: 102 frames.
    expect(Math.abs(variant.body.durationSec - 4.08)).toBeLessThanOrEqual(0.04);
    // Recorded from the cut's own movie header and the source's size, without a probe: the same as a probe says.
    expect(variant.body).toMatchObject({ width: 320, height: 240 });
    const output = await downloadTo(harness, tenant.key, `/v1/variants/${variantId}/content`, 'smart-cut.mp4');
    expect(variant.body.durationSec).toBeCloseTo(Number(probeJson(output).format.duration), 3);

    // The 10 s clip is SD and untagged (BT.601 assumed), so every frame is converted and nothing can be copied.
    const sd = await trim({ assetId: videoId, start: 1, end: 9 }).expect(202);
    const sdJob = await waitForJob(harness, tenant.key, sd.body.jobId as string);
    expect(sdJob).toMatchObject({ status: 'succeeded' });
    expect(sdJob.warnings).toEqual([expect.stringContaining('not BT.709 limited-range yuv420p')]);
  });

  it('trims an audio-only asset into an m4a', async () => {
    const audio = await uploadAsset(harness, tenant.key, testMedia.wav3s());
    const accepted = await trim({ assetId: audio.id, start: 0.5, end: 2 }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job.status).toBe('succeeded');
    await harness.http
      .get(`/v1/jobs/${accepted.body.jobId}/result`)
      .set('X-API-Key', tenant.key)
      .expect(200)
      .expect('Content-Type', 'audio/mp4');
  });

  it('fails at once, without retries, when the source file is unreadable, and the result answers 422', async () => {
    const broken = await uploadAsset(harness, tenant.key, testMedia.clip10s());
    const { AssetEntity } = await import('@reelforge/db');
    const { DataSource } = await import('typeorm');
    const dataSource = harness.api.get(DataSource);
    const row = await dataSource.getRepository(AssetEntity).findOneByOrFail({ id: broken.id as string });
    writeFileSync(`${harness.config.storage.mediaRoot}/${row.storageKey}`, 'garbage that is no longer a video');

    const accepted = await trim({ assetId: broken.id, start: 1, end: 2 }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, outputs: [] });
    expect((job.error as { code: string }).code).toBe('render_failed');
    const result = await harness.http
      .get(`/v1/jobs/${accepted.body.jobId}/result`)
      .set('X-API-Key', tenant.key)
      .expect(422);
    expect(result.body.error).toBe('render_failed');
  });

  it("lists jobs with filters and hides other tenants' jobs", async () => {
    const failed = await harness.http.get('/v1/jobs?status=failed&type=trim').set('X-API-Key', tenant.key).expect(200);
    expect(failed.body.total).toBeGreaterThanOrEqual(1);
    expect(failed.body.items.every((j: { status: string }) => j.status === 'failed')).toBe(true);

    const other = await createTenantWithKey(harness);
    const jobId = failed.body.items[0].id as string;
    await harness.http.get(`/v1/jobs/${jobId}`).set('X-API-Key', other.key).expect(404);
    const otherList = await harness.http.get('/v1/jobs').set('X-API-Key', other.key).expect(200);
    expect(otherList.body.total).toBe(0);
  });
});
