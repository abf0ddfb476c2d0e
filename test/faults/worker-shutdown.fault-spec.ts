import { jobCancelChannel, JobStatus } from '@reelforge/contracts';
import { JobEntity, VariantEntity } from '@reelforge/db';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeHarnesses, jobRow, type Setup, setup, submitLongTrim, waitFinished, waitRendering } from './scenario.js';
import { isAlive, startWorker, stopAllWorkers, tempEntries, waitFor } from './support.js';

afterEach(() => stopAllWorkers());
afterAll(() => closeHarnesses());

describe('worker SIGTERM', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it('lets a running job finish within the grace period, then exits', async () => {
    const jobId = await submitLongTrim(s);
    const worker = await startWorker(s.env);
    await waitRendering(s, jobId);
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    const row = await jobRow(s, jobId);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // The long trim is the worker's usual accurate path, which is what these faults are meant to hit.
    const [variant] = await s.harness.api.get(DataSource).getRepository(VariantEntity).findBy({ jobId });
    expect(variant?.config).toMatchObject({ smartCut: true });
  });

  it('puts a job still running after the grace period back in the queue for the next worker', async () => {
    // Short against the render: progress shows a second in, and the whole trim takes about three.
    const env = { ...s.env, WORKER_SHUTDOWN_GRACE_MS: '200' };
    const jobId = await submitLongTrim(s);
    const worker = await startWorker(env);
    await waitRendering(s, jobId);
    const [ffmpegPid] = worker.ffmpegChildren();
    const termAtMs = Date.now();
    worker.child.kill('SIGTERM');
    await worker.exited;
    const exitedMs = Date.now() - termAtMs;
    expect(isAlive(ffmpegPid)).toBe(false);
    expect(await jobRow(s, jobId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(tempEntries(s.env)).toEqual([]);

    await startWorker(env);
    const row = await waitFinished(s, jobId, 45_000);
    console.info(
      `[fault] SIGTERM grace 0.2 s: worker exited after ${exitedMs} ms; job done ${Date.now() - termAtMs} ms after SIGTERM`,
    );
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(row.attemptErrors.map((e) => e.code)).toEqual(['worker_shutdown']);
  });
});

describe('cancel of a running job (worker side)', () => {
  it('kills its ffmpeg within a second, removes its temp files, and neither retries nor fails it', async () => {
    const s = await setup();
    const redis = new Redis(s.env.REDIS_URL);
    try {
      const jobId = await submitLongTrim(s);
      const worker = await startWorker(s.env);
      await waitRendering(s, jobId);
      const [ffmpegPid] = worker.ffmpegChildren();

      // What the API's cancel does for a running job: write `canceled`, then tell the workers.
      await s.harness.api.get(DataSource).getRepository(JobEntity).update(jobId, { status: JobStatus.Canceled });
      const canceledAtMs = Date.now();
      await redis.publish(jobCancelChannel(s.env.QUEUE_PREFIX), JSON.stringify({ jobId }));
      await waitFor(() => !isAlive(ffmpegPid), 1_000, 'ffmpeg to be killed');
      console.info(`[fault] cancel: ffmpeg killed ${Date.now() - canceledAtMs} ms after the message`);
      await waitFor(() => tempEntries(s.env).length === 0, 2_000, 'temp files to be removed');

      // Give a wrong retry time to happen: the lock lapses and a backoff would have passed.
      await new Promise((done) => setTimeout(done, 3_000));
      const row = await jobRow(s, jobId);
      expect(row).toMatchObject({ status: 'canceled', attempts: 1, errorCode: null });
      expect(await s.harness.api.get(DataSource).getRepository(VariantEntity).countBy({ jobId })).toBe(0);
      expect(worker.ffmpegChildren()).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
