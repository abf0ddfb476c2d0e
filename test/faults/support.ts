import { type AppConfig, loadAppConfig } from '@reelforge/config';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { TEST_MASTER_KEY } from '../support/test-config.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const WORKER_ENTRY = join(ROOT, 'dist/apps/worker/src/main.js');

export type Env = Record<string, string>;

/**
 * One environment for the in-process API and the spawned workers of a fault test: its own media
 * root and queue prefix, and Bull's lock shortened so a lost worker is noticed in seconds.
 */
export function faultEnv(overrides: Env = {}): Env {
  return {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    MASTER_KEY: TEST_MASTER_KEY,
    MEDIA_ROOT: mkdtempSync(join(tmpdir(), 'reelforge-fault-')),
    QUEUE_PREFIX: `rf-fault-${randomUUID().slice(0, 8)}`,
    QUEUE_LOCK_MS: '2000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    WORKER_CONCURRENCY: '1',
    // Off: every suite shares one database, and a reconciler re-enqueues every row it sees into
    // its own prefix. The Redis test, which needs it, turns it on.
    WORKER_RECONCILE_INTERVAL_MS: '0',
    ...(process.env.FFMPEG_PATH ? { FFMPEG_PATH: process.env.FFMPEG_PATH } : {}),
    ...(process.env.FFPROBE_PATH ? { FFPROBE_PATH: process.env.FFPROBE_PATH } : {}),
    ...overrides,
  };
}

export const configOf = (env: Env): AppConfig => loadAppConfig(env);

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  logPath: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** ffmpeg processes this worker spawned that are alive now. */
  ffmpegChildren(): number[];
  stop(): Promise<void>;
}

const started: WorkerProcess[] = [];

/** The built worker (`npm run build` first), as production runs it. Its log goes to a file for post-mortems. */
export async function startWorker(env: Env): Promise<WorkerProcess> {
  if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build first`);
  // Not under MEDIA_ROOT: the disk-full test fills it.
  const logPath = join(mkdtempSync(join(tmpdir(), 'reelforge-worker-log-')), 'worker.log');
  const log = createWriteStream(logPath);
  // cwd without a .env file, so only `env` configures it.
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    cwd: env.MEDIA_ROOT,
    env: { PATH: process.env.PATH ?? '', ASSETS_DIR: join(ROOT, 'assets'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('worker did not start');
  const worker: WorkerProcess = {
    child,
    pid,
    logPath,
    exited,
    ffmpegChildren: () => childrenNamed(pid, 'ffmpeg'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  started.push(worker);
  await waitFor(
    () => existsSync(logPath) && readFileSync(logPath, 'utf8').includes('Consuming queues'),
    20_000,
    'worker boot',
  );
  return worker;
}

/** Kills every worker a test started, whatever happened: no process outlives its suite. */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all(started.splice(0).map((worker) => worker.stop()));
}

/** Alive and not a zombie (a reparented child is reaped by whoever PID 1 is, maybe late). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function childrenNamed(parentPid: number, name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parentPid && comm === name && isAlive(Number(entry))) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

/** Files left under MEDIA_ROOT/tmp (the worker's partial outputs). */
export function tempEntries(env: Env): string[] {
  const dir = join(env.MEDIA_ROOT, 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

const mediaDir = join(tmpdir(), 'reelforge-test-media');

/**
 * 30 s of 1280x720, x264 veryfast (B-frames, as most uploads), with keyframes at 0, 18 and 20 s only. An accurate
 * trim from 0.5 s (see submitLongTrim) takes the worker's usual path, the smart cut, and still spends seconds in
 * ffmpeg: it re-encodes the 525 frames up to 18 s, long enough to hurt mid-render, and copies the GOP from 18 to 20 s.
 */
export function clip720p30s(): string {
  const path = join(mediaDir, 'clip-30s-1280x720-kf-0-18-20.mp4');
  if (!existsSync(path)) {
    execFileSync('mkdir', ['-p', mediaDir]);
    const partial = `${path}.part.mp4`;
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30:d=30'],
      ...['-f', 'lavfi', '-i', 'sine=f=440:d=30', '-c:v', 'libx264', '-preset', 'veryfast'],
      ...['-g', '900', '-force_key_frames', '0,18,20'],
      ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', partial],
    ]);
    execFileSync('mv', [partial, path]);
  }
  return path;
}

/** A Redis of the test's own, so FLUSHALL and SHUTDOWN hurt nobody else; no persistence, like a cache restart. */
export class DedicatedRedis {
  constructor(readonly port = 6390) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    execFileSync('redis-server', [
      ...['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--daemonize', 'yes', '--maxmemory-policy', 'noeviction'],
    ]);
    await waitFor(() => this.ping(), 5_000, `redis on ${this.port}`);
  }

  stop(): void {
    try {
      execFileSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], { stdio: 'ignore' });
    } catch {
      // Already down (redis-cli reports the closed connection as an error).
    }
  }

  cli(...args: string[]): string {
    return execFileSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).trim();
  }

  ping(): boolean {
    try {
      return this.cli('ping') === 'PONG';
    } catch {
      return false;
    }
  }
}
