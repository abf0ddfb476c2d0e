import { loadDotEnv } from '@reelforge/config';
import autocannon, { type AutocannonResult } from 'autocannon';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@reelforge/db';

/**
 * `npm run bench:api`: the API as its own process (built dist/, as in production) against the configured
 * Postgres and Redis, loaded with autocannon from this process at rising concurrency:
 *   - job status reads   GET /v1/jobs/:id   (auth, rate limit, row read, queue position)
 *   - asset listing      GET /v1/assets
 *   - job submission     POST /v1/trim     (auth, rate limit, asset read, row insert, Bull enqueue)
 * No worker runs, so every accepted trim stays queued; afterwards each 202 is checked against a `jobs` row
 * and a Bull job in Redis (nothing lost), and any non-2xx answer is reported.
 *
 * BENCH_API_PORT (default 15710), BENCH_DURATION_SEC per step (default 5), BENCH_CONNECTIONS (default 1,16,64).
 */
loadDotEnv();
const port = Number(process.env.BENCH_API_PORT ?? 15710);
const durationSec = Number(process.env.BENCH_DURATION_SEC ?? 5);
const connectionSteps = (process.env.BENCH_CONNECTIONS ?? '1,16,64').split(',').map(Number);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/reelforge';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const masterKey = process.env.MASTER_KEY ?? 'bench-master-key-0123456789';
const queuePrefix = `rf-bench-${randomUUID().slice(0, 8)}`;
const baseUrl = `http://127.0.0.1:${port}`;
const mediaRoot = mkdtempSync(join(tmpdir(), 'reelforge-api-bench-'));

function startApi(): ChildProcess {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      MASTER_KEY: masterKey,
      QUEUE_PREFIX: queuePrefix,
      MEDIA_ROOT: mediaRoot,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitForApi(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${baseUrl}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The API did not start within 30 s');
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Row {
  scenario: string;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  non2xx: number;
  errors: number;
}

const rows: Row[] = [];
function record(scenario: string, connections: number, result: AutocannonResult): Row {
  const row: Row = {
    scenario,
    connections,
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  rows.push(row);
  console.error(
    `${scenario.padEnd(16)} c=${String(connections).padStart(3)}  ${String(row.reqPerSec).padStart(6)} req/s  ` +
      `p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  max ${row.maxMs} ms  2xx ${row.ok}  non-2xx ${row.non2xx}  errors ${row.errors}`,
  );
  return row;
}

const api = startApi();
const db = new DataSource(dataSourceOptions(databaseUrl));
const redis = new Redis(redisUrl);
let tenantId: string | null = null;
try {
  await waitForApi();
  await db.initialize();
  const admin = { 'X-Master-Key': masterKey, 'Content-Type': 'application/json' };
  const tenant = await json<{ id: string }>(
    await fetch(`${baseUrl}/v1/admin/tenants`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'bench' }),
    }),
  );
  tenantId = tenant.id;
  // The per-key minute limit tops out at 100,000, under what a step can send: every step gets a fresh key.
  const newKey = async (): Promise<string> =>
    (
      await json<{ key: string }>(
        await fetch(`${baseUrl}/v1/admin/keys`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ tenantId, name: 'bench', minuteLimit: 100_000, dailyLimit: 100_000_000 }),
        }),
      )
    ).key;
  const key = await newKey();
  const auth = { 'X-API-Key': key };

  const clip = join(mediaRoot, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=4', '-c:v', 'libx264',
    '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clip]); // prettier-ignore
  const form = new FormData();
  form.append('file', await openAsBlob(clip), 'clip.mp4');
  const asset = await json<{ id: string }>(
    await fetch(`${baseUrl}/v1/assets`, { method: 'POST', headers: auth, body: form }),
  );
  const trimBody = JSON.stringify({ source: { assetId: asset.id }, start: 0, end: 1 });
  const jsonAuth = { ...auth, 'Content-Type': 'application/json' };
  const firstJob = await json<{ jobId: string }>(
    await fetch(`${baseUrl}/v1/trim`, { method: 'POST', headers: jsonAuth, body: trimBody }),
  );
  // The upload queued a poster job too; both count as queued work for the checks below.
  const countJobs = async (): Promise<number> =>
    Number(
      ((await db.query(`SELECT count(*) AS n FROM jobs WHERE tenant_id = $1`, [tenantId])) as Array<{ n: string }>)[0]
        ?.n,
    );
  const before = await countJobs();

  const run = async (options: { url: string; method?: 'GET' | 'POST'; body?: string }, connections: number) => {
    const stepAuth = { 'X-API-Key': await newKey() };
    return autocannon({
      ...options,
      connections,
      duration: durationSec,
      headers: options.body ? { ...stepAuth, 'Content-Type': 'application/json' } : stepAuth,
    });
  };

  // A short warm-up, so the first step does not measure JIT compilation and pool growth.
  await run({ url: `${baseUrl}/v1/jobs/${firstJob.jobId}` }, 8);
  for (const connections of connectionSteps) {
    record('job status', connections, await run({ url: `${baseUrl}/v1/jobs/${firstJob.jobId}` }, connections));
  }
  for (const connections of connectionSteps) {
    record('asset listing', connections, await run({ url: `${baseUrl}/v1/assets?pageSize=20` }, connections));
  }
  let accepted = 0;
  for (const connections of connectionSteps) {
    const result = await run({ url: `${baseUrl}/v1/trim`, method: 'POST', body: trimBody }, connections);
    accepted += result['2xx'];
    record('job submission', connections, result);
  }

  // autocannon stops counting at the end of a step while requests are still in flight; let them land first.
  for (let previous = -1, current = await countJobs(); current !== previous;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    [previous, current] = [current, await countJobs()];
  }
  // Nothing lost: every 202 is a row (rows may outnumber the 202s autocannon saw: answers cut off at the end of
  // a step), no row failed to enqueue, and every queued row has its Bull job.
  const queued = (await db.query(`SELECT id FROM jobs WHERE tenant_id = $1 AND status = 'queued'`, [
    tenantId,
  ])) as Array<{ id: string }>;
  const total = await countJobs();
  const pipeline = redis.pipeline();
  for (const { id } of queued) pipeline.exists(`${queuePrefix}:trim:${id}`, `${queuePrefix}:thumbnail:${id}`);
  const missing = ((await pipeline.exec()) ?? []).filter(([, exists]) => exists === 0).length;
  const check = {
    answered202: accepted,
    newRows: total - before,
    rowsNotQueued: total - queued.length,
    queuedRowsWithoutBullJob: missing,
    nonSuccessAnswers: rows.reduce((sum, row) => sum + row.non2xx + row.errors, 0),
  };
  console.error(JSON.stringify(check));
  process.stdout.write(`${JSON.stringify({ durationSecPerStep: durationSec, rows, check }, null, 2)}\n`);
  const lost = check.answered202 > check.newRows || check.rowsNotQueued > 0 || check.queuedRowsWithoutBullJob > 0;
  if (lost || check.nonSuccessAnswers > 0) {
    process.exitCode = 1;
  }
} finally {
  api.kill('SIGTERM');
  if (tenantId) await db.query('DELETE FROM tenants WHERE id = $1', [tenantId]).catch(() => undefined);
  await db.destroy().catch(() => undefined);
  // The bench's queues: every key under its own prefix.
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  rmSync(mediaRoot, { recursive: true, force: true });
}
