import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeHarnesses,
  expectExactlyOneOutput,
  jobRow,
  type Setup,
  setup,
  submitLongTrim,
  waitFinished,
  waitRendering,
} from './scenario.js';
import { isAlive, startWorker, stopAllWorkers, tempEntries, waitFor } from './support.js';

afterEach(() => stopAllWorkers());
afterAll(() => closeHarnesses());

describe('worker killed mid-render', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });

  it('kills its ffmpeg with it, and the next worker completes the job exactly once', async () => {
    const jobId = await submitLongTrim(s);
    const first = await startWorker(s.env);
    await waitRendering(s, jobId);
    const [ffmpegPid] = first.ffmpegChildren();
    expect(ffmpegPid).toBeGreaterThan(0);

    const killedAtMs = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor(() => !isAlive(ffmpegPid), 3_000, 'the orphaned ffmpeg to die');
    const ffmpegGoneMs = Date.now() - killedAtMs;

    await startWorker(s.env);
    const row = await waitFinished(s, jobId, 45_000);
    const recoveredMs = Date.now() - killedAtMs;
    console.info(
      `[fault] SIGKILL: ffmpeg gone after ${ffmpegGoneMs} ms; job succeeded ${recoveredMs} ms after the kill`,
    );

    expect(row).toMatchObject({ status: 'succeeded', attempts: 2, fence: 2 });
    expect(row.attemptErrors.map((e) => e.code)).toEqual(['worker_lost']);
    await expectExactlyOneOutput(s, jobId);
    await waitFor(() => tempEntries(s.env).length === 0, 3_000, 'MEDIA_ROOT/tmp to be empty');
  });

  it('lets a frozen worker (SIGSTOP) that wakes after losing its lock change nothing', async () => {
    const jobId = await submitLongTrim(s);
    const frozen = await startWorker(s.env);
    await waitRendering(s, jobId);
    frozen.child.kill('SIGSTOP');
    const frozenAtMs = Date.now();

    await startWorker(s.env);
    const row = await waitFinished(s, jobId, 45_000);
    console.info(`[fault] SIGSTOP: job succeeded on another worker ${Date.now() - frozenAtMs} ms after the freeze`);
    expect(row).toMatchObject({ status: 'succeeded', fence: 2 });
    const variantIds = row.outputVariantIds;

    // Wake the stale worker: its ffmpeg finishes or fails, and its fenced writes must all miss.
    frozen.child.kill('SIGCONT');
    await waitFor(() => frozen.ffmpegChildren().length === 0, 30_000, 'the stale ffmpeg to end');
    await new Promise((done) => setTimeout(done, 1_500));
    const after = await jobRow(s, jobId);
    expect(after).toMatchObject({ status: 'succeeded', fence: 2, outputVariantIds: variantIds });
    await expectExactlyOneOutput(s, jobId);
  });
});

describe('worker lost more often than maxStalledCount', () => {
  it('fails the job with worker_lost instead of leaving it processing', async () => {
    const s = await setup({ QUEUE_MAX_STALLED_COUNT: '0' });
    const jobId = await submitLongTrim(s);
    const first = await startWorker(s.env);
    await waitRendering(s, jobId);
    const killedAtMs = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;

    await startWorker(s.env);
    const row = await waitFinished(s, jobId, 20_000);
    console.info(`[fault] stall limit: job failed ${Date.now() - killedAtMs} ms after the kill`);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'worker_lost' });
    expect(row.errorMessage).toContain('not retried again');
  });
});
