import { JobStatus } from '@reelforge/contracts';
import { JobEntity, TenantEntity } from '@reelforge/db';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTenantWithKey, uploadAsset } from '../support/harness.js';
import { closeHarnesses, type Setup, setup, submitLongTrim, waitFinished } from './scenario.js';
import { clip720p30s, startWorker, stopAllWorkers } from './support.js';

afterEach(() => stopAllWorkers());
afterAll(() => closeHarnesses());

describe('per-tenant running cap', () => {
  it('never runs more than the cap of one tenant at once, and another tenant is not stuck behind it', async () => {
    const s: Setup = await setup({ WORKER_CONCURRENCY: '2', WORKER_TENANT_CAP_DELAY_MS: '300' });
    const db = s.harness.api.get(DataSource);
    await db.getRepository(TenantEntity).update(s.tenant.tenantId, { maxRunningJobs: 1 });
    const other = await createTenantWithKey(s.harness);
    const otherAsset = await uploadAsset(s.harness, other.key, clip720p30s());

    const capped = [await submitLongTrim(s, 6), await submitLongTrim(s, 6), await submitLongTrim(s, 6)];
    const otherJob = (
      await s.harness.http
        .post('/v1/trim')
        .set('X-API-Key', other.key)
        .send({ assetId: otherAsset.id, start: 0, end: 6, mode: 'accurate' })
        .expect(202)
    ).body.jobId as string;

    // Two workers of two slots each: the cap must hold across processes, not just inside one.
    await Promise.all([startWorker(s.env), startWorker(s.env)]);
    let maxCappedRunning = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const running = await db
          .getRepository(JobEntity)
          .countBy({ tenantId: s.tenant.tenantId, status: JobStatus.Processing });
        maxCappedRunning = Math.max(maxCappedRunning, running);
        await new Promise((done) => setTimeout(done, 50));
      }
    })();

    const otherRow = await waitFinished(s, otherJob, 40_000);
    const cappedRows = await Promise.all(capped.map((id) => waitFinished(s, id, 50_000)));
    sampling = false;
    await sampler;

    expect(otherRow.status).toBe('succeeded');
    expect(cappedRows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Deferrals do not count as attempts.
    expect(cappedRows.map((row) => row.attempts)).toEqual([1, 1, 1]);
    expect(maxCappedRunning).toBe(1);
    const lastCappedFinishMs = Math.max(...cappedRows.map((row) => row.finishedAt!.getTime()));
    expect(otherRow.finishedAt!.getTime()).toBeLessThan(lastCappedFinishMs);
  });
});
