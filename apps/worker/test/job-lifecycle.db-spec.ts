import 'reflect-metadata';
import { AssetKind, AssetOrigin, JobStatus, JobType, VariantKind } from '@reelforge/contracts';
import { AssetEntity, dataSourceOptions, JobEntity, TenantEntity, VariantEntity } from '@reelforge/db';
import { LocalObjectStorage, Scratch } from '@reelforge/storage';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { type Attempt, JobLifecycle, type StartOutcome } from '../src/lifecycle/job-lifecycle.js';
import { OutputRecorder } from '../src/lifecycle/output-recorder.js';
import { type JobTerminalNotifier } from '../src/lifecycle/terminal-notifier.js';

let dataSource: DataSource;
let lifecycle: JobLifecycle;
let storage: LocalObjectStorage;
let scratch: Scratch;
let recorder: OutputRecorder;
const notified: string[] = [];

async function tenant(maxRunningJobs = 4): Promise<string> {
  const row = await dataSource.getRepository(TenantEntity).save({ name: `t-${randomUUID()}`, maxRunningJobs });
  return row.id;
}

async function job(tenantId: string): Promise<string> {
  const row = await dataSource.getRepository(JobEntity).save({
    tenantId,
    type: JobType.Trim,
    status: JobStatus.Queued,
    maxAttempts: 3,
    request: {},
  });
  return row.id;
}

function started(outcome: StartOutcome): Attempt {
  if (outcome.kind !== 'started') throw new Error(`expected started, got ${outcome.kind}`);
  return outcome.attempt;
}

const row = (id: string): Promise<JobEntity> => dataSource.getRepository(JobEntity).findOneByOrFail({ id });

/** A committed-looking output: a temp file and a variant row of an asset made for it. */
async function outputFor(attempt: Attempt): Promise<{ key: string; recorded: Promise<boolean> }> {
  const asset = await dataSource.getRepository(AssetEntity).save({
    tenantId: attempt.tenantId,
    kind: AssetKind.Video,
    origin: AssetOrigin.Upload,
    originalName: 'a.mp4',
    storageKey: `assets/${attempt.tenantId}/${randomUUID()}/original.mp4`,
    mime: 'video/mp4',
    sizeBytes: 1,
    sha256: '0'.repeat(64),
    hasVideo: true,
    hasAudio: false,
    probe: {} as AssetEntity['probe'],
  });
  const tempPath = scratch.tempPath('mp4');
  writeFileSync(tempPath, 'output');
  const id = randomUUID();
  const key = `variants/${attempt.tenantId}/${id}.mp4`;
  const recorded = recorder.record(attempt, {
    files: [{ tempPath, storageKey: key }],
    variants: [
      {
        id,
        tenantId: attempt.tenantId,
        jobId: attempt.jobId,
        sourceAssetId: asset.id,
        sourceVariantId: null,
        kind: VariantKind.Trim,
        quality: null,
        storageKey: key,
        mime: 'video/mp4',
        sizeBytes: 6,
        durationSec: 1,
        width: 2,
        height: 2,
        config: {},
      },
    ],
  });
  return { key, recorded };
}

beforeAll(async () => {
  dataSource = new DataSource(dataSourceOptions(inject('databaseUrl')));
  await dataSource.initialize();
  lifecycle = new JobLifecycle(dataSource);
  const mediaRoot = mkdtempSync(join(tmpdir(), 'reelforge-lifecycle-'));
  storage = new LocalObjectStorage(mediaRoot);
  scratch = new Scratch(mediaRoot);
  await scratch.init();
  const notifier = { jobFinished: (jobId: string) => notified.push(jobId) } as unknown as JobTerminalNotifier;
  recorder = new OutputRecorder(dataSource, storage, lifecycle, notifier);
});

afterAll(() => dataSource?.destroy());

describe(`${JobLifecycle.name} fencing`, () => {
  it('gives each attempt the next fencing number and counts it', async () => {
    const jobId = await job(await tenant());
    const first = started(await lifecycle.start(jobId));
    const second = started(await lifecycle.start(jobId));
    expect([first.fence, first.number]).toEqual([1, 1]);
    expect([second.fence, second.number]).toEqual([2, 2]);
    expect(await row(jobId)).toMatchObject({ status: 'processing', fence: 2, attempts: 2 });
  });

  it('records a lost attempt when a new one takes over a processing row', async () => {
    const jobId = await job(await tenant());
    started(await lifecycle.start(jobId));
    started(await lifecycle.start(jobId));
    expect((await row(jobId)).attemptErrors).toEqual([
      { attempt: 1, code: 'worker_lost', message: expect.stringContaining('stopped'), at: expect.any(String) },
    ]);
  });

  it('refuses a stale attempt every write once a newer attempt started', async () => {
    const jobId = await job(await tenant());
    const stale = started(await lifecycle.start(jobId));
    const current = started(await lifecycle.start(jobId));

    lifecycle.progressWriter(stale)(42);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await row(jobId)).progress).toBe(0);
    expect(await lifecycle.fail(stale, { code: 'internal', message: 'stale' })).toBe(false);
    expect(await lifecycle.requeue(stale, { code: 'internal', message: 'stale' })).toBe(false);
    expect(await row(jobId)).toMatchObject({ status: 'processing', fence: current.fence, errorCode: null });

    const staleOutput = await outputFor(stale);
    expect(await staleOutput.recorded).toBe(false);
    expect(existsSync(storage.pathOf(staleOutput.key))).toBe(false);
    expect(await dataSource.getRepository(VariantEntity).countBy({ jobId })).toBe(0);
    expect(notified).not.toContain(jobId);

    const currentOutput = await outputFor(current);
    expect(await currentOutput.recorded).toBe(true);
    expect(existsSync(storage.pathOf(currentOutput.key))).toBe(true);
    expect(await row(jobId)).toMatchObject({
      status: 'succeeded',
      progress: 100,
      outputVariantIds: [expect.any(String)],
    });
    expect(notified).toContain(jobId);
  });

  it('lets a stale attempt neither fail a job nor undo the newer attempt failure', async () => {
    const jobId = await job(await tenant());
    const stale = started(await lifecycle.start(jobId));
    const current = started(await lifecycle.start(jobId));
    expect(await lifecycle.fail(current, { code: 'render_failed', message: 'bad input' })).toBe(true);
    expect(await lifecycle.fail(stale, { code: 'internal', message: 'late' })).toBe(false);
    expect(await outputFor(stale).then((o) => o.recorded)).toBe(false);
    expect(await row(jobId)).toMatchObject({ status: 'failed', errorCode: 'render_failed' });
  });

  it('keeps every failed attempt in attempt_errors, oldest first', async () => {
    const jobId = await job(await tenant());
    const first = started(await lifecycle.start(jobId));
    expect(await lifecycle.requeue(first, { code: 'storage_unavailable', message: 'EIO' })).toBe(true);
    expect((await row(jobId)).status).toBe('queued');
    const second = started(await lifecycle.start(jobId));
    expect(await lifecycle.fail(second, { code: 'render_timeout', message: 'too long' })).toBe(true);
    const final = await row(jobId);
    expect(final).toMatchObject({ status: 'failed', attempts: 2, errorCode: 'render_timeout' });
    expect(final.attemptErrors.map((e) => [e.attempt, e.code])).toEqual([
      [1, 'storage_unavailable'],
      [2, 'render_timeout'],
    ]);
  });

  it('fails a job Bull gave up on and fences out the attempt still holding it', async () => {
    const jobId = await job(await tenant());
    const lost = started(await lifecycle.start(jobId));
    expect(await lifecycle.failUnowned(jobId, { code: 'worker_lost', message: 'stalled' })).toBe(true);
    expect(await row(jobId)).toMatchObject({ status: 'failed', errorCode: 'worker_lost', fence: lost.fence + 1 });
    expect(await (await outputFor(lost)).recorded).toBe(false);
    expect(await lifecycle.failUnowned(jobId, { code: 'worker_lost', message: 'again' })).toBe(false);
  });

  it('does not start a canceled job', async () => {
    const jobId = await job(await tenant());
    await dataSource.getRepository(JobEntity).update(jobId, { status: JobStatus.Canceled });
    expect(await lifecycle.start(jobId)).toEqual({ kind: 'skipped' });
    expect(await lifecycle.start(randomUUID())).toEqual({ kind: 'skipped' });
  });
});

describe(`${JobLifecycle.name} tenant running cap`, () => {
  it('defers a job while its tenant runs its cap, without counting an attempt, and not other tenants', async () => {
    const capped = await tenant(1);
    const [a1, a2] = [await job(capped), await job(capped)];
    const b1 = await job(await tenant(1));
    const running = started(await lifecycle.start(a1));
    expect(await lifecycle.start(a2)).toEqual({ kind: 'deferred', running: 1, cap: 1 });
    expect(await row(a2)).toMatchObject({ status: 'queued', attempts: 0, fence: 0 });
    started(await lifecycle.start(b1));

    await lifecycle.fail(running, { code: 'render_failed', message: 'x' });
    started(await lifecycle.start(a2));
  });

  it('lets exactly one of many concurrent starts through at cap 1', async () => {
    const capped = await tenant(1);
    const ids = await Promise.all(Array.from({ length: 6 }, () => job(capped)));
    // Separate pool connections, so the starts really race in Postgres.
    const outcomes = await Promise.all(ids.map((id) => lifecycle.start(id)));
    expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'deferred')).toHaveLength(5);
  });
});
