import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readBinaryVersion, resolveMediaBinaries } from './binaries.js';
import { FfmpegError, FfmpegRunner, type FfmpegProgress } from './ffmpeg-runner.js';

const { ffmpegPath } = resolveMediaBinaries({});
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelforge-runner-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pids of processes whose command line contains `marker` (a unique output path). */
const pidsRunning = (marker: string): number[] =>
  spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);

async function failure(promise: Promise<unknown>): Promise<FfmpegError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof FfmpegError)) throw new Error(`expected an FfmpegError, got ${String(error)}`);
  return error;
}

const endlessEncode = (output: string): string[] => [
  '-f',
  'lavfi',
  '-i',
  'testsrc=s=320x240:r=25',
  '-t',
  '3600',
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  output,
];

describe(FfmpegRunner.name, () => {
  it('measures the CPU ffmpeg used and tells its observer, on success and on failure', async () => {
    const records: Array<{ ok: boolean; cpuSec: number | null }> = [];
    const warnings: string[] = [];
    const runner = new FfmpegRunner(
      ffmpegPath,
      { debug: () => undefined, warn: (message) => warnings.push(message) },
      { onRunFinished: (record) => records.push(record) },
    );
    const output = join(dir, 'cpu.mp4');
    // Four seconds of 640x480 x264 is well over one 10 ms clock tick of CPU on any machine.
    const result = await runner.run(
      ['-f', 'lavfi', '-i', 'testsrc2=s=640x480:r=25:d=4', '-c:v', 'libx264', '-preset', 'veryfast', output],
      { timeoutMs: 60_000 },
    );
    expect(result.cpuSec).toBeGreaterThan(0);
    const error = await failure(runner.run(['-i', join(dir, 'missing.mp4'), output], { timeoutMs: 30_000 }));
    expect(records).toEqual([
      { ok: true, elapsedMs: expect.any(Number), cpuSec: result.cpuSec },
      { ok: false, elapsedMs: expect.any(Number), cpuSec: error.cpuSec },
    ]);
    // The failure is logged with the end of ffmpeg's stderr, where it says what went wrong.
    expect(warnings.at(-1)).toMatch(/exited with code 1.*stderr tail:\n[\s\S]*missing\.mp4: No such file or directory/);
  });

  it('reports progress up to 100% for a real encode', async () => {
    const reports: FfmpegProgress[] = [];
    const output = join(dir, 'two-seconds.mp4');
    const result = await new FfmpegRunner(ffmpegPath).run(
      ['-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', output],
      { timeoutMs: 30_000, expectedDurationSec: 2, onProgress: (p) => reports.push(p) },
    );
    expect(existsSync(output)).toBe(true);
    expect(result.args).toContain(output);
    expect(reports.length).toBeGreaterThan(0);
    const last = reports.at(-1);
    expect(last?.percent).toBe(100);
    expect(last?.outTimeSec).toBeGreaterThan(1.9);
    expect(last?.frame).toBe(50);
  });

  it('kills a run that passes its time limit', async () => {
    const started = Date.now();
    const debugLines: string[] = [];
    const runner = new FfmpegRunner(ffmpegPath, { debug: (m) => debugLines.push(m), warn: () => undefined });
    const output = join(dir, 'timeout.mp4');
    const error = await failure(runner.run(endlessEncode(output), { timeoutMs: 500 }));
    expect(error.reason).toBe('timeout');
    expect(error.signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pidsRunning(output)).toEqual([]);
    expect(debugLines[0]).toMatch(/^ffmpeg -hide_banner -nostdin -y .* -progress pipe:1 -nostats -f lavfi/);
  });

  it('kills the process when the caller aborts', async () => {
    const output = join(dir, 'aborted.mp4');
    const controller = new AbortController();
    const run = new FfmpegRunner(ffmpegPath).run(endlessEncode(output), {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pidsRunning(output)).toHaveLength(1);
    controller.abort();
    const error = await failure(run);
    expect(error.reason).toBe('aborted');
    expect(pidsRunning(output)).toEqual([]);
  });

  it('does not start when the signal is already aborted', async () => {
    const error = await failure(
      new FfmpegRunner(ffmpegPath).run(['-version'], { timeoutMs: 1_000, signal: AbortSignal.abort() }),
    );
    expect(error.reason).toBe('aborted');
  });

  it("keeps ffmpeg's message when the command is wrong", async () => {
    const error = await failure(
      new FfmpegRunner(ffmpegPath).run(
        ['-f', 'lavfi', '-i', 'testsrc=d=1', '-c:v', 'no_such_encoder', join(dir, 'x.mp4')],
        {
          timeoutMs: 10_000,
        },
      ),
    );
    expect(error.reason).toBe('exit');
    expect(error.exitCode).not.toBe(0);
    expect(error.signal).toBeNull();
    expect(error.stderrTail).toMatch(/Unknown encoder 'no_such_encoder'/);
  });

  it('reports a missing binary as a spawn failure', async () => {
    const error = await failure(new FfmpegRunner(join(dir, 'no-ffmpeg')).run(['-version'], { timeoutMs: 1_000 }));
    expect(error.reason).toBe('spawn');
    expect(error.spawnErrorCode).toBe('ENOENT');
  });
});

describe(readBinaryVersion.name, () => {
  it('reads the first line of -version', async () => {
    await expect(readBinaryVersion(ffmpegPath)).resolves.toMatch(/^ffmpeg version \S+/);
  });

  it('rejects for a missing binary', async () => {
    await expect(readBinaryVersion(join(dir, 'missing'))).rejects.toThrow(/Cannot run/);
  });
});
