import { JobType } from '@reelforge/contracts';
import { JobEntity } from '@reelforge/db';
import { JobProducer } from '@reelforge/queue';
import { copyFileSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

type Body = Record<string, unknown>;

/** Reads an event stream to its end (the server closes it after a terminal status). */
function sseParser(res: unknown, callback: (error: Error | null, body: string) => void): void {
  const stream = res as NodeJS.ReadableStream;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  stream.on('end', () => callback(null, text));
}

function parseEvents(text: string): Array<{ event: string; data: Body }> {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Body };
    });
}

describe('job control: cancel, retry, priority, idempotency, events', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;

  beforeAll(async () => {
    // No worker at first, so jobs stay queued while they are canceled and ordered.
    harness = await startHarness(testConfig(), { worker: false });
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip10s())).id as string;
  });

  afterAll(() => harness?.close());

  const post = (path: string, body: Body = {}, headers: Record<string, string> = {}) => {
    const request = harness.http.post(path).set('X-API-Key', tenant.key);
    for (const [name, value] of Object.entries(headers)) request.set(name, value);
    return request.send(body);
  };
  const getJob = async (id: string): Promise<Body> =>
    (await harness.http.get(`/v1/jobs/${id}`).set('X-API-Key', tenant.key).expect(200)).body as Body;
  const bullJob = (id: string) => harness.api.get(JobProducer).queueFor(JobType.Trim).getJob(id);

  let canceledId: string;

  it('cancels a queued job: canceled, its Bull job removed; a second cancel is a 409', async () => {
    const accepted = await post('/v1/trim', { assetId: videoId, start: 1, end: 2 }).expect(202);
    canceledId = accepted.body.jobId as string;
    expect(await bullJob(canceledId)).not.toBeNull();

    const canceled = await post(`/v1/jobs/${canceledId}/cancel`).expect(200);
    expect(canceled.body).toMatchObject({ id: canceledId, status: 'canceled', queuePosition: null, etaSec: null });
    expect(canceled.body.finishedAt).not.toBeNull();
    expect(await bullJob(canceledId)).toBeNull();

    const again = await post(`/v1/jobs/${canceledId}/cancel`).expect(409);
    expect(again.body).toMatchObject({ error: 'conflict', details: { status: 'canceled' } });
    await post('/v1/jobs/00000000-0000-4000-8000-000000000000/cancel').expect(404);
  });

  it('orders the queue by priority, then age, in queuePosition and in Bull', async () => {
    const create = async (priority?: string): Promise<string> =>
      (await post('/v1/trim', { assetId: videoId, start: 1, end: 2, ...(priority ? { priority } : {}) }).expect(202))
        .body.jobId as string;
    const low = await create('low');
    const normal = await create();
    const high = await create('high');
    const later = await create('high');

    // Positions count every tenant's queued jobs of the type (other suites may leave some queued), so
    // check the order among ours rather than absolute numbers.
    const positions = [];
    for (const [id, priority] of [
      [high, 'high'],
      [later, 'high'],
      [normal, 'normal'],
      [low, 'low'],
    ] as const) {
      const job = await getJob(id);
      expect(job.priority).toBe(priority);
      positions.push(job.queuePosition as number);
    }
    expect(positions[0]).toBeGreaterThanOrEqual(0);
    expect(positions[1]).toBe(positions[0] + 1);
    expect(positions[2]).toBeGreaterThan(positions[1]);
    expect(positions[3]).toBeGreaterThan(positions[2]);
    // Bull runs lower numbers first.
    const [bullHigh, bullNormal, bullLow] = await Promise.all([bullJob(high), bullJob(normal), bullJob(low)]);
    expect(bullHigh!.opts.priority!).toBeLessThan(bullNormal!.opts.priority!);
    expect(bullNormal!.opts.priority!).toBeLessThan(bullLow!.opts.priority!);

    await post('/v1/trim', { assetId: videoId, start: 1, end: 2, priority: 'urgent' }).expect(400);
  });

  it('answers a repeated Idempotency-Key with the first job, and a different body with 409', async () => {
    const body = { assetId: videoId, start: 3, end: 4 };
    const first = await post('/v1/trim', body, { 'Idempotency-Key': 'order-42' }).expect(202);
    // Same meaning, other field order and the default mode spelled out: the same request.
    const repeat = await post(
      '/v1/trim',
      { end: 4, mode: 'accurate', start: 3, assetId: videoId },
      {
        'Idempotency-Key': 'order-42',
      },
    ).expect(202);
    expect(repeat.body.jobId).toBe(first.body.jobId);

    const conflict = await post('/v1/trim', { ...body, end: 5 }, { 'Idempotency-Key': 'order-42' }).expect(409);
    expect(conflict.body.error).toBe('idempotency_conflict');
    expect(conflict.body.message).toContain('Idempotency-Key');
    // Another operation under the same key is another request too.
    await post('/v1/thumbnails', { assetId: videoId, count: 1 }, { 'Idempotency-Key': 'order-42' }).expect(409);

    // Keys are per tenant.
    const other = await createTenantWithKey(harness);
    const otherVideo = (await uploadAsset(harness, other.key, testMedia.clip10s())).id as string;
    const theirs = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', other.key)
      .set('Idempotency-Key', 'order-42')
      .send({ ...body, assetId: otherVideo })
      .expect(202);
    expect(theirs.body.jobId).not.toBe(first.body.jobId);

    await post('/v1/trim', body, { 'Idempotency-Key': 'with space' }).expect(400);
    await post('/v1/trim', body, { 'Idempotency-Key': 'x'.repeat(256) }).expect(400);
  });

  it('creates exactly one job for 10 concurrent requests with one key', async () => {
    const body = { assetId: videoId, start: 5, end: 6 };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post('/v1/trim', body, { 'Idempotency-Key': 'burst-1' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(new Set(answers.map((a) => a.body.jobId)).size).toBe(1);
    const rows = await harness.api
      .get(DataSource)
      .getRepository(JobEntity)
      .countBy({ tenantId: tenant.tenantId, idempotencyKey: 'burst-1' });
    expect(rows).toBe(1);
  });

  it('never runs the canceled job once a worker starts', async () => {
    await harness.startWorker();
    const waited = await post('/v1/trim', { assetId: videoId, start: 1, end: 2 }).expect(202);
    await waitForJob(harness, tenant.key, waited.body.jobId as string);
    expect(await getJob(canceledId)).toMatchObject({ status: 'canceled', attempts: 0, startedAt: null, outputs: [] });
  });

  it('answers 409 to a cancel of a finished job and to a retry of an unfinished or succeeded one', async () => {
    const accepted = await post('/v1/trim', { assetId: videoId, start: 1, end: 2 }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job.status).toBe('succeeded');
    expect((await post(`/v1/jobs/${job.id}/cancel`).expect(409)).body.details).toEqual({ status: 'succeeded' });
    await post(`/v1/jobs/${job.id}/retry`).expect(409);
  });

  it('retries a failed job under the same id: attempts keep counting and the failure stays in attemptErrors', async () => {
    const asset = await uploadAsset(harness, tenant.key, testMedia.clip10s());
    const dataSource = harness.api.get(DataSource);
    const { AssetEntity } = await import('@reelforge/db');
    const row = await dataSource.getRepository(AssetEntity).findOneByOrFail({ id: asset.id as string });
    const storedPath = `${harness.config.storage.mediaRoot}/${row.storageKey}`;
    copyFileSync(storedPath, `${storedPath}.good`);
    writeFileSync(storedPath, 'garbage that is no longer a video');

    const accepted = await post('/v1/trim', { assetId: asset.id, start: 1, end: 2 }).expect(202);
    const failed = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });

    copyFileSync(`${storedPath}.good`, storedPath);
    const retried = await post(`/v1/jobs/${failed.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'queued', error: null, finishedAt: null });

    const done = await waitForJob(harness, tenant.key, failed.id as string);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    expect(done.maxAttempts).toBeGreaterThanOrEqual(2);
    expect(done.attemptErrors).toEqual([
      expect.objectContaining({ attempt: 1, code: 'render_failed', message: expect.stringContaining('ffmpeg failed') }),
    ]);
    expect(done.outputs).toHaveLength(1);
  });

  it('retries a canceled job', async () => {
    const retried = await post(`/v1/jobs/${canceledId}/retry`).expect(200);
    expect(retried.body.status).toBe('queued');
    const done = await waitForJob(harness, tenant.key, canceledId);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('streams status, progress and eta as server-sent events until the job ends', async () => {
    const accepted = await post('/v1/trim', { assetId: videoId, start: 0, end: 9 }).expect(202);
    const response = await harness.http
      .get(`/v1/jobs/${accepted.body.jobId}/events`)
      .set('X-API-Key', tenant.key)
      .buffer(true)
      .parse(sseParser)
      .expect(200)
      .expect('Content-Type', /text\/event-stream/);
    const events = parseEvents(response.body as string);
    const statuses = events.filter((e) => e.event === 'status').map((e) => e.data.status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(events.at(0)?.event).toBe('status');
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.progress as number);
    expect(progress.at(-1)).toBe(100);
    // Non-decreasing: a job's progress never runs backwards within one attempt.
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(events.some((e) => e.event === 'eta')).toBe(true);

    await harness.http
      .get('/v1/jobs/00000000-0000-4000-8000-000000000000/events')
      .set('X-API-Key', tenant.key)
      .expect(404);
    await harness.http.get(`/v1/jobs/${accepted.body.jobId}/events`).expect(401);
  });

  it('estimates etaSec from recent run times once there is history', async () => {
    // Stop the worker so a new job stays queued long enough to be looked at.
    await harness.worker?.close();
    harness.worker = null;
    const accepted = await post('/v1/trim', { assetId: videoId, start: 1, end: 2 }).expect(202);
    expect(accepted.body.etaSec).toEqual(expect.any(Number));
    expect(accepted.body.etaSec).toBeGreaterThanOrEqual(0);
    // Suites share the database, and queuePosition counts every tenant's queued jobs: leave none behind.
    await post(`/v1/jobs/${accepted.body.jobId}/cancel`).expect(200);
  });
});
