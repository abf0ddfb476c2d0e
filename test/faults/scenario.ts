import { JobEntity, VariantEntity } from '@reelforge/db';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { expect } from 'vitest';
import { createTenantWithKey, type Harness, startHarness, type TenantKey, uploadAsset } from '../support/harness.js';
import { clip720p30s, configOf, type Env, faultEnv, waitFor } from './support.js';

/** A fault test's world: the in-process API on the test's env, one tenant, one 30 s 720p asset. */
export interface Setup {
  env: Env;
  harness: Harness;
  tenant: TenantKey;
  assetId: string;
}

export const harnesses: Harness[] = [];

export async function setup(overrides: Env = {}): Promise<Setup> {
  const env = faultEnv(overrides);
  const harness = await startHarness(configOf(env), { worker: false });
  harnesses.push(harness);
  const tenant = await createTenantWithKey(harness);
  const asset = await uploadAsset(harness, tenant.key, clip720p30s());
  return { env, harness, tenant, assetId: asset.id as string };
}

/**
 * An accurate trim of the 720p clip from 0.5 s: to 20.5 s (the default) it is a smart cut that re-encodes 17.5 s,
 * several seconds of ffmpeg; shorter ones (no keyframe inside the range) are a full re-encode of the range.
 */
export async function submitLongTrim(s: Setup, endSec = 20.5): Promise<string> {
  const accepted = await s.harness.http
    .post('/v1/trim')
    .set('X-API-Key', s.tenant.key)
    .send({ assetId: s.assetId, start: 0.5, end: endSec, mode: 'accurate' })
    .expect(202);
  return accepted.body.jobId as string;
}

export const jobRow = (s: Setup, id: string): Promise<JobEntity> =>
  s.harness.api.get(DataSource).getRepository(JobEntity).findOneByOrFail({ id });

export async function waitRendering(s: Setup, jobId: string): Promise<void> {
  await waitFor(
    async () => {
      const row = await jobRow(s, jobId);
      return row.status === 'processing' && row.progress > 0;
    },
    20_000,
    'the job to be rendering',
  );
}

export async function waitFinished(s: Setup, jobId: string, timeoutMs: number): Promise<JobEntity> {
  return waitFor(
    async () => {
      const row = await jobRow(s, jobId);
      return ['succeeded', 'failed', 'canceled'].includes(row.status) ? row : null;
    },
    timeoutMs,
    `job ${jobId} to finish`,
    200,
  );
}

/** Every stored variant file of the tenant has its row, and the job has exactly one. */
export async function expectExactlyOneOutput(s: Setup, jobId: string): Promise<void> {
  const variants = s.harness.api.get(DataSource).getRepository(VariantEntity);
  expect(await variants.countBy({ jobId })).toBe(1);
  const rows = await variants.findBy({ tenantId: s.tenant.tenantId });
  const files = readdirSync(join(s.env.MEDIA_ROOT, 'variants', s.tenant.tenantId));
  expect(files.sort()).toEqual(rows.map((row) => row.storageKey.split('/')[2]).sort());
}

export async function closeHarnesses(): Promise<void> {
  await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
}
