import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTenantWithKey, startHarness, uploadAsset, waitForJob, type Harness } from '../support/harness.js';
import { TEST_MASTER_KEY } from '../support/test-config.js';
import { testMedia } from '../support/test-media.js';
import { configOf, faultEnv, startWorker, stopAllWorkers, tempEntries, waitFor } from './support.js';

/** A 3 MiB tmpfs as MEDIA_ROOT: a full disk we can fill and empty without hurting the machine. */
const mountPoint = mkdtempSync(join(tmpdir(), 'reelforge-tmpfs-'));
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { encoding: 'utf8' });
const mounted = mount.status === 0;
if (!mounted) {
  console.warn(`[fault] disk-full test SKIPPED: cannot mount a tmpfs (needs root): ${mount.stderr.trim()}`);
}

let harness: Harness | undefined;

afterEach(() => stopAllWorkers());

afterAll(async () => {
  await stopAllWorkers();
  await harness?.close();
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('disk full while writing an output', () => {
  it('fails the job with storage_full, removes the temp file and keeps serving', async () => {
    const env = faultEnv({ MEDIA_ROOT: mountPoint });
    harness = await startHarness(configOf(env), { worker: false });
    const tenant = await createTenantWithKey(harness);
    const video = await uploadAsset(harness, tenant.key, testMedia.clip10s());
    await startWorker(env);
    // The poster made at upload must be done before the disk is filled.
    await waitFor(
      async () => {
        const jobs = await harness!.http.get('/v1/jobs').set('X-API-Key', tenant.key).expect(200);
        return jobs.body.items.every((job: { status: string }) => job.status === 'succeeded');
      },
      20_000,
      'the poster job',
    );

    // Leave 64 KiB: the upload fits, the trim's output (a few hundred KiB) does not.
    const stats = statfsSync(mountPoint);
    const filler = join(mountPoint, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, stats.bavail * stats.bsize - 64 * 1024)));

    const accepted = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .send({ assetId: video.id, start: 0, end: 10, mode: 'accurate' })
      .expect(202);
    const failedAtStartMs = Date.now();
    const failed = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 20_000);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.error).toMatchObject({ code: 'storage_full', message: expect.stringContaining('storage is full') });
    expect(tempEntries(env)).toEqual([]);
    await harness.http.get('/health/live').expect(200);
    await harness.http.get(`/v1/assets/${video.id}`).set('X-API-Key', tenant.key).expect(200);

    // Space back: the same worker takes the next job (the breaker did not trip on one failure).
    rmSync(filler);
    const again = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .send({ assetId: video.id, start: 0, end: 10, mode: 'accurate' })
      .expect(202);
    const done = await waitForJob(harness, tenant.key, again.body.jobId as string, 20_000);
    console.info(
      `[fault] disk full: failed fast, next job succeeded ${Date.now() - failedAtStartMs} ms after the first was submitted`,
    );
    expect(done.status).toBe('succeeded');
  });

  it('opens the circuit breaker after consecutive storage failures instead of failing the backlog', async () => {
    const env = faultEnv({
      MEDIA_ROOT: mountPoint,
      WORKER_BREAKER_THRESHOLD: '2',
      WORKER_BREAKER_PAUSE_MS: '6000',
      // No stall detection needed here; a longer lock keeps a CPU-starved worker from looking lost.
      QUEUE_LOCK_MS: '10000',
    });
    const api = await startHarness(configOf(env), { worker: false });
    try {
      const tenant = await createTenantWithKey(api);
      const video = await uploadAsset(api, tenant.key, testMedia.clip10s());
      await startWorker(env);
      await waitFor(
        async () => {
          const jobs = await api.http.get('/v1/jobs').set('X-API-Key', tenant.key).expect(200);
          return jobs.body.items.every((job: { status: string }) => job.status === 'succeeded');
        },
        20_000,
        'the poster job',
      );
      const stats = statfsSync(mountPoint);
      const filler = join(mountPoint, 'filler');
      writeFileSync(filler, Buffer.alloc(Math.max(0, stats.bavail * stats.bsize - 64 * 1024)));

      const submit = async (): Promise<string> =>
        (
          await api.http
            .post('/v1/trim')
            .set('X-API-Key', tenant.key)
            .send({ assetId: video.id, start: 0, end: 10, mode: 'accurate' })
            .expect(202)
        ).body.jobId as string;
      const first = [await submit(), await submit()];
      for (const id of first) expect((await waitForJob(api, tenant.key, id, 20_000)).status).toBe('failed');
      const backlog = await submit();

      // The breaker is open: the backlog waits instead of failing, and the admin health view says why.
      const openedAtMs = Date.now();
      const ready = await api.http.get('/v1/admin/health').set('X-Master-Key', TEST_MASTER_KEY);
      expect(ready.body.workers).toEqual([expect.objectContaining({ ready: false, pausedFor: ['breaker:storage'] })]);
      await new Promise((done) => setTimeout(done, 1_500));
      const waiting = await api.http.get(`/v1/jobs/${backlog}`).set('X-API-Key', tenant.key).expect(200);
      expect(waiting.body.status).toBe('queued');

      rmSync(filler);
      const done = await waitForJob(api, tenant.key, backlog, 20_000);
      console.info(`[fault] breaker: backlog job succeeded ${Date.now() - openedAtMs} ms after the breaker opened`);
      expect(done.status).toBe('succeeded');
    } finally {
      await api.close();
    }
  });
});
