import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openAsBlob,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeTcp } from '../../scripts/dev/local-server.js';
import { testMedia } from '../support/test-media.js';
import { isAlive, waitFor } from './support.js';

// `npm run dev` on a machine where nothing answers at DATABASE_URL and REDIS_URL: the built entry
// point (what `npm run dev` runs after the build) in a directory of its own, so its .env and ./data
// are throwaway and the checkout's are never touched.
const ROOT = resolve(import.meta.dirname, '../..');
const DEV_ENTRY = join(ROOT, 'dist/scripts/dev/main.js');
const MASTER_KEY = 'dev-start-master-key-0123456789';

interface DevRun {
  dir: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const runs: DevRun[] = [];

/** A port nothing listens on: the OS hands out a free one, and we close it again. */
function deadPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A fresh directory holding only a .env, readable by the `postgres` user the server runs as under root. */
function devDir(env: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-dev-start-'));
  chmodSync(dir, 0o755);
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const lines = example.split('\n').map((line) => {
    const key = /^([A-Z_]+)=/.exec(line)?.[1];
    return key !== undefined && key in env ? `${key}=${env[key]}` : line;
  });
  writeFileSync(join(dir, '.env'), lines.join('\n'));
  return dir;
}

function startDev(dir: string, pathEnv = process.env.PATH ?? ''): DevRun {
  if (!existsSync(DEV_ENTRY)) throw new Error(`${DEV_ENTRY} is missing: run npm run build first`);
  // Nothing of the test's own environment (TEST_DATABASE_URL, ...) leaks in: .env configures the run.
  const child = spawn(process.execPath, [DEV_ENTRY], {
    cwd: dir,
    env: { PATH: pathEnv, HOME: process.env.HOME ?? '/' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const run = { dir, child, output: () => output, exited };
  runs.push(run);
  return run;
}

function pidFrom(path: string): number {
  return Number(readFileSync(path, 'utf8').split('\n', 1)[0]);
}

// Whatever a failed assertion left behind is killed here, so no server outlives the suite.
afterAll(() => {
  for (const run of runs) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    for (const pidFile of ['data/postgres/postmaster.pid', 'data/redis/redis.pid']) {
      const path = join(run.dir, pidFile);
      if (existsSync(path) && isAlive(pidFrom(path))) process.kill(pidFrom(path), 'SIGKILL');
    }
  }
});

async function api<T>(
  base: string,
  path: string,
  init: RequestInit & { key?: string; master?: boolean } = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('X-API-Key', init.key);
  if (init.master) headers.set('X-Master-Key', MASTER_KEY);
  if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  const response = await fetch(`${base}${path}`, { ...init, headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

describe('npm run dev on a machine without PostgreSQL and Redis', () => {
  it('starts an embedded PostgreSQL and a redis-server, runs a trim, and Ctrl-C stops exactly those', async () => {
    const [dbPort, redisPort, apiPort] = [await deadPort(), await deadPort(), await deadPort()];
    const dir = devDir({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${dbPort}/reelforge`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(apiPort),
      MASTER_KEY,
      ASSETS_DIR: join(ROOT, 'assets'),
    });
    const run = startDev(dir);
    const base = `http://127.0.0.1:${apiPort}`;
    const startedAtMs = Date.now();
    await waitFor(
      async () => {
        if (run.child.exitCode !== null) throw new Error(`npm run dev exited early:\n${run.output()}`);
        const response = await fetch(`${base}/health/ready`).catch(() => null);
        return response?.status === 200;
      },
      60_000,
      '/health/ready',
      250,
    );
    const readyMs = Date.now() - startedAtMs;
    expect(run.output()).toContain(`starting the embedded PostgreSQL 18 on 127.0.0.1:${dbPort}`);
    expect(run.output()).toContain(`starting /`);
    const postgresPid = pidFrom(join(dir, 'data/postgres/postmaster.pid'));
    const redisPid = pidFrom(join(dir, 'data/redis/redis.pid'));
    expect(isAlive(postgresPid) && isAlive(redisPid)).toBe(true);
    // The servers are the real ones, listening where .env says, with their data under ./data.
    expect(readFileSync(join(dir, 'data/postgres/PG_VERSION'), 'utf8').trim()).toBe('18');
    expect(readFileSync(join(dir, '.env'), 'utf8')).toContain(
      `DATABASE_URL=postgres://postgres@127.0.0.1:${dbPort}/reelforge`,
    );

    // A trim through the HTTP API, as the README's walk-through does it.
    const tenant = await api<{ id: string }>(base, '/v1/admin/tenants', {
      method: 'POST',
      master: true,
      body: JSON.stringify({ name: 'dev-start' }),
    });
    const { key } = await api<{ key: string }>(base, '/v1/admin/keys', {
      method: 'POST',
      master: true,
      body: JSON.stringify({ tenantId: tenant.id, name: 'dev-start', minuteLimit: 1000, dailyLimit: 10000 }),
    });
    const form = new FormData();
    form.set('file', await openAsBlob(testMedia.clip10s()), 'clip.mp4');
    const asset = await api<{ id: string }>(base, '/v1/assets', { method: 'POST', key, body: form });
    const { jobId } = await api<{ jobId: string }>(base, '/v1/trim', {
      method: 'POST',
      key,
      body: JSON.stringify({ assetId: asset.id, start: 2, end: 5, mode: 'accurate' }),
    });
    const job = await waitFor(
      async () => {
        const row = await api<{ status: string; error: unknown }>(base, `/v1/jobs/${jobId}`, { key });
        return ['succeeded', 'failed', 'canceled'].includes(row.status) ? row : null;
      },
      30_000,
      'the trim job',
      250,
    );
    expect(job).toMatchObject({ status: 'succeeded', error: null });
    const result = await fetch(`${base}/v1/jobs/${jobId}/result`, { headers: { 'X-API-Key': key } });
    expect(result.status).toBe(200);
    const trimmed = join(dir, 'trimmed.mp4');
    writeFileSync(trimmed, Buffer.from(await result.arrayBuffer()));
    const durationSec = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', trimmed], {
        encoding: 'utf8',
      }),
    );
    expect(durationSec).toBeGreaterThan(2.9);
    expect(durationSec).toBeLessThan(3.2);

    // Ctrl-C: the apps stop, then the servers npm run dev started; the machine's own stay up.
    run.child.kill('SIGINT');
    const exit = await run.exited;
    console.info(`[dev-start] ready after ${readyMs} ms; SIGINT stopped postgres ${postgresPid} and redis ${redisPid}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(isAlive(postgresPid)).toBe(false);
    expect(isAlive(redisPid)).toBe(false);
    expect(run.output()).toContain(`Stopped postgres (pid ${postgresPid})`);
    expect(run.output()).toContain(`Stopped redis-server (pid ${redisPid})`);
    expect(await probeTcp('127.0.0.1', dbPort)).toBe('refused');
    expect(await probeTcp('127.0.0.1', redisPort)).toBe('refused');
    expect(await probeTcp('127.0.0.1', 5432)).toBe('open');
    expect(await probeTcp('127.0.0.1', 6379)).toBe('open');
  }, 120_000);

  it('refuses to stand in for a DATABASE_URL someone set up on purpose, without a stack trace or the password', async () => {
    const dir = devDir({
      DATABASE_URL: `postgres://app:hunter2-secret@127.0.0.1:${await deadPort()}/reelforge`,
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
      MASTER_KEY,
    });
    const run = startDev(dir);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output()).toMatch(
      /DATABASE_URL is postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/reelforge, and nothing listens there/,
    );
    expect(run.output()).toContain('it names a user or password of its own');
    expect(run.output()).not.toContain('hunter2-secret');
    expect(run.output()).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('names the two ways out when Redis is missing and there is no redis-server to start, having started nothing', async () => {
    const dir = devDir({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await deadPort()}/reelforge`,
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
      MASTER_KEY,
    });
    // A PATH with ffmpeg and ffprobe but no redis-server.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['ffmpeg', 'ffprobe']) {
      symlinkSync(execFileSync('which', [tool], { encoding: 'utf8' }).trim(), join(bin, tool));
    }
    const run = startDev(dir, bin);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain('apt-get install redis-server');
    expect(run.output()).toContain('docker compose up -d redis');
    expect(run.output()).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
