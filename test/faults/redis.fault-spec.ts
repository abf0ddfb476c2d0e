import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeHarnesses, jobRow, type Setup, setup, submitLongTrim, waitFinished, waitRendering } from './scenario.js';
import { DedicatedRedis, startWorker, stopAllWorkers, waitFor } from './support.js';

/** Its own Redis: FLUSHALL and SHUTDOWN here must not touch the Redis other suites share. */
const redis = new DedicatedRedis(6390);

beforeAll(() => redis.start());
afterEach(() => stopAllWorkers());
afterAll(async () => {
  await closeHarnesses();
  redis.stop();
});

describe('Redis loses its data (FLUSHALL)', () => {
  it('re-enqueues queued and running jobs from Postgres, and every job completes once', async () => {
    const s: Setup = await setup({
      REDIS_URL: redis.url,
      WORKER_CONCURRENCY: '1',
      WORKER_RECONCILE_INTERVAL_MS: '1000',
      WORKER_RECONCILE_MIN_AGE_MS: '1000',
    });
    const running = await submitLongTrim(s);
    await startWorker(s.env);
    await waitRendering(s, running);
    const queued = [await submitLongTrim(s, 2), await submitLongTrim(s, 2)];
    expect((await jobRow(s, queued[0])).status).toBe('queued');

    const flushedAtMs = Date.now();
    expect(redis.cli('FLUSHALL')).toBe('OK');
    const rows = await Promise.all([running, ...queued].map((id) => waitFinished(s, id, 40_000)));
    console.info(`[fault] FLUSHALL: all 3 jobs succeeded ${Date.now() - flushedAtMs} ms after the flush`);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'succeeded' });
      expect(row.outputVariantIds).toHaveLength(1);
    }
  });
});

describe('Redis down', () => {
  it('answers 503 for new jobs and still serves reads; the worker reconnects when Redis is back', async () => {
    const s: Setup = await setup({ REDIS_URL: redis.url });
    await startWorker(s.env);
    const before = await submitLongTrim(s, 1);
    await waitFinished(s, before, 20_000);

    redis.stop();
    const downAtMs = Date.now();
    const refused = await s.harness.http
      .post('/v1/trim')
      .set('X-API-Key', s.tenant.key)
      .send({ assetId: s.assetId, start: 0, end: 1, mode: 'accurate' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    await s.harness.http.get(`/v1/jobs/${before}`).set('X-API-Key', s.tenant.key).expect(200);

    await redis.start();
    const upAtMs = Date.now();
    const after = await waitFor(
      async () => {
        const response = await s.harness.http
          .post('/v1/trim')
          .set('X-API-Key', s.tenant.key)
          .send({ assetId: s.assetId, start: 0, end: 1, mode: 'accurate' });
        return response.status === 202 ? (response.body.jobId as string) : null;
      },
      40_000,
      'the API to accept jobs again',
      500,
    );
    const row = await waitFinished(s, after, 30_000);
    console.info(
      `[fault] Redis down ${upAtMs - downAtMs} ms: a new job succeeded ${Date.now() - upAtMs} ms after Redis came back`,
    );
    expect(row.status).toBe('succeeded');
  });
});
