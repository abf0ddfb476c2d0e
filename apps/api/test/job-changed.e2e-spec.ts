import { jobChangedChannel } from '@reelforge/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobChangeListener } from '../src/jobs/job-change-listener.js';
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

/**
 * The job-changed channel: whoever commits a terminal state announces the job, and event streams waiting on it wake
 * at once. Outcomes are asserted (who was woken, and why), not how fast.
 */
describe('job-changed announcements', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;
  /** A plain subscriber on the channel, recording every job id announced. */
  let spy: Redis;
  const announced: string[] = [];

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip10s())).id as string;
    spy = new Redis(harness.config.redis.url);
    spy.on('message', (_channel: string, jobId: string) => announced.push(jobId));
    await spy.subscribe(jobChangedChannel(harness.config.queue.prefix));
  });

  afterAll(async () => {
    spy?.disconnect();
    await harness?.close();
  });

  it('the worker announces a job it finished, after the row says so', async () => {
    const accepted = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .send({ assetId: videoId, start: 1, end: 2 })
      .expect(202);
    const jobId = accepted.body.jobId as string;
    await expect.poll(() => announced.includes(jobId), { timeout: 60_000 }).toBe(true);
    // Announced after the commit: whoever is woken reads the terminal row.
    expect(await waitForJob(harness, tenant.key, jobId)).toMatchObject({ status: 'succeeded' });
  });

  it('the API announces a job it canceled', async () => {
    await harness.worker?.close();
    harness.worker = null;
    const accepted = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .send({ assetId: videoId, start: 1, end: 2 })
      .expect(202);
    const jobId = accepted.body.jobId as string;
    await harness.http.post(`/v1/jobs/${jobId}/cancel`).set('X-API-Key', tenant.key).expect(200);
    await expect.poll(() => announced.includes(jobId), { timeout: 10_000 }).toBe(true);
  });

  it('wakes the waiters of the announced job only; others wait out their interval', async () => {
    const listener = harness.api.get(JobChangeListener);
    await listener.ready();
    const publisher = new Redis(harness.config.redis.url);
    try {
      const channel = jobChangedChannel(harness.config.queue.prefix);
      // A generous interval: only the announcement can end this wait with `true`.
      const woken = listener.waitForChange('job-a', 60_000);
      const sameJob = listener.waitForChange('job-a', 60_000);
      const otherJob = listener.waitForChange('job-b', 300);
      await publisher.publish(channel, 'job-a');
      expect(await woken).toBe(true);
      expect(await sameJob).toBe(true);
      expect(await otherJob).toBe(false);

      const aborted = new AbortController();
      const leaving = listener.waitForChange('job-c', 60_000, aborted.signal);
      aborted.abort();
      expect(await leaving).toBe(false);
    } finally {
      publisher.disconnect();
    }
  });
});
