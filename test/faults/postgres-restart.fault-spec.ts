import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, type Setup, setup, submitLongTrim, waitFinished, waitRendering } from './scenario.js';
import { startWorker, stopAllWorkers, waitFor } from './support.js';

/** Stops or starts the machine's Postgres: every connection of every process drops. Kept short and run last. */
function postgres(action: 'stop' | 'start'): void {
  const version = execFileSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).trim().split('\n')[0];
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], { stdio: 'ignore' });
}

afterEach(() => stopAllWorkers());
afterAll(() => closeHarnesses());

describe('Postgres restart', () => {
  it('lets the API and an in-flight job reconnect by themselves; the final state is written once', async () => {
    const s: Setup = await setup();
    const jobId = await submitLongTrim(s);
    const worker = await startWorker(s.env);
    await waitRendering(s, jobId);

    // Down across the end of the render, so the final write meets a dead database and must wait it out.
    const restartAtMs = Date.now();
    postgres('stop');
    try {
      await waitFor(() => worker.ffmpegChildren().length === 0, 30_000, 'the render to end while Postgres is down');
      await new Promise((done) => setTimeout(done, 2_000));
    } finally {
      postgres('start');
    }
    const restartedMs = Date.now() - restartAtMs;
    // The API's pool holds connections Postgres just closed: it must get fresh ones without a restart.
    await waitFor(
      async () => {
        const response = await s.harness.http.get(`/v1/jobs/${jobId}`).set('X-API-Key', s.tenant.key);
        return response.status === 200;
      },
      15_000,
      'the API to read again',
      250,
    );
    const apiBackMs = Date.now() - restartAtMs;

    const row = await waitFinished(s, jobId, 40_000);
    console.info(
      `[fault] Postgres down for ${restartedMs} ms (across the end of the render); API read again after ${apiBackMs} ms; ` +
        `job succeeded ${Date.now() - restartAtMs} ms after Postgres stopped`,
    );
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, fence: 1 });
    expect(row.outputVariantIds).toHaveLength(1);
  });
});
