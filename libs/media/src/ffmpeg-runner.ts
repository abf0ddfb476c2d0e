import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface FfmpegProgress {
  /** Output timestamp reached so far. */
  outTimeSec: number;
  frame: number | null;
  /** Encoding speed as a multiple of real time (ffmpeg's `speed=2.5x` is 2.5). */
  speed: number | null;
  /** 0-100, or null when the caller gave no expected duration. */
  percent: number | null;
}

export interface FfmpegRunOptions {
  /** Wall-clock limit for the whole run; the process is killed when it passes. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Output duration the run should produce, used to turn out_time into a percentage. */
  expectedDurationSec?: number;
  onProgress?: (progress: FfmpegProgress) => void;
}

export interface FfmpegResult {
  args: string[];
  /** The last bytes ffmpeg wrote to stderr: warnings worth keeping with the job. */
  stderrTail: string;
  elapsedMs: number;
  /** User + system CPU of the ffmpeg process (all threads); null where /proc is not available. */
  cpuSec: number | null;
}

/** What a runner reports to its observer after every run, success or not (metrics). */
export interface FfmpegRunRecord {
  ok: boolean;
  elapsedMs: number;
  cpuSec: number | null;
}

export type FfmpegFailureReason = 'timeout' | 'aborted' | 'spawn' | 'exit';

export class FfmpegError extends Error {
  constructor(
    readonly reason: FfmpegFailureReason,
    message: string,
    readonly args: string[],
    readonly exitCode: number | null = null,
    readonly signal: string | null = null,
    readonly stderrTail: string = '',
    /** errno code (`EAGAIN`, `ENOENT`, ...) when spawning failed. */
    readonly spawnErrorCode: string | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** CPU the process used before it failed, when it could be measured. */
  cpuSec: number | null = null;
}

export interface FfmpegLogger {
  debug(message: string): void;
  warn(message: string): void;
}

const STDERR_TAIL_BYTES = 16 * 1024;
/** What a failure logs of the tail: the error is at the end, and a log line should stay readable. */
const LOGGED_STDERR_CHARS = 4 * 1024;
/** USER_HZ: /proc reports CPU in these ticks; 100 on every Linux ABI Node supports. https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html */
const CLOCK_TICKS_PER_SEC = 100;

/**
 * utime + stime of a live (or zombie) process from /proc/<pid>/stat, all threads included. Node
 * offers no getrusage for one child, and the numbers vanish once libuv reaps it, so the runner
 * samples while ffmpeg runs and again when ffmpeg reports `progress=end`, just before it exits.
 */
export function readProcessCpuSec(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SEC : null;
  } catch {
    return null;
  }
}
const TRANSIENT_SPAWN_CODES = new Set(['EAGAIN', 'ENOMEM']);

/**
 * True when running the same command again may succeed: the process was killed by a signal we did not
 * send (typically the OOM killer's SIGKILL) or the OS could not start it for lack of resources.
 * A non-zero exit is ffmpeg rejecting the input or the command, which a retry will not change.
 */
export function isTransientFfmpegFailure(error: unknown): boolean {
  if (!(error instanceof FfmpegError)) return false;
  if (error.reason === 'exit') return error.signal !== null;
  if (error.reason === 'spawn') return error.spawnErrorCode !== null && TRANSIENT_SPAWN_CODES.has(error.spawnErrorCode);
  return false;
}

function parseNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number.parseFloat(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** `HH:MM:SS.micro`, as in `out_time=00:00:01.960000`. */
function parseClock(value: string | undefined): number | null {
  const match = value === undefined ? null : /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  if (!match) return null;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] === '-' ? -seconds : seconds;
}

/**
 * Reads the `-progress` stream: blocks of `key=value` lines, each ending with `progress=continue`
 * (or `progress=end` for the last). Chunks may split lines anywhere.
 */
export class FfmpegProgressParser {
  private pending = '';
  private block = new Map<string, string>();

  constructor(private readonly expectedDurationSec?: number) {}

  /** Feeds stdout text; returns one progress report per block completed by this chunk. */
  push(chunk: string): FfmpegProgress[] {
    const reports: FfmpegProgress[] = [];
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    for (const rawLine of lines) {
      const line = rawLine.trim();
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1);
      if (key !== 'progress') {
        this.block.set(key, value);
        continue;
      }
      reports.push(this.report(value === 'end'));
      this.block = new Map();
    }
    return reports;
  }

  private report(ended: boolean): FfmpegProgress {
    // out_time_ms is microseconds too, a long-standing ffmpeg misnomer kept for compatibility.
    const micros = parseNumber(this.block.get('out_time_us')) ?? parseNumber(this.block.get('out_time_ms'));
    const rawSec = micros !== null ? micros / 1_000_000 : (parseClock(this.block.get('out_time')) ?? 0);
    const outTimeSec = Math.max(0, rawSec);
    const speedText = this.block.get('speed');
    const expected = this.expectedDurationSec;
    let percent: number | null = null;
    if (expected !== undefined && expected > 0) {
      percent = ended ? 100 : Math.min(100, Math.max(0, (outTimeSec / expected) * 100));
    }
    return {
      outTimeSec,
      frame: parseNumber(this.block.get('frame')),
      speed: speedText === undefined ? null : parseNumber(speedText.replace(/x$/, '')),
      percent,
    };
  }
}

/** Keeps only the last `limitBytes` of a stream so a chatty ffmpeg cannot grow memory without bound. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limitBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limitBytes && this.chunks.length > 1) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }

  toString(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limitBytes)).toString('utf8');
  }
}

const SETPRIV_PATHS = ['/usr/bin/setpriv', '/bin/setpriv'];
const WRAPPER_EXEC_FAILED = /^setpriv: failed to execute/m;

/**
 * The argv prefix that makes the kernel SIGKILL ffmpeg when this process dies (prctl
 * PR_SET_PDEATHSIG, via util-linux `setpriv`, which then execs ffmpeg in place, same pid). Without
 * it a worker killed with SIGKILL leaves its ffmpeg running: ffmpeg ignores SIGPIPE and ignores
 * write errors on its -progress pipe, so the closed pipe does not stop it (checked with ffmpeg 5.1
 * in test/faults/worker-kill.fault-spec.ts). Null off Linux or without setpriv.
 * https://man7.org/linux/man-pages/man2/prctl.2.html (PR_SET_PDEATHSIG)
 */
export function parentDeathWrapper(): string[] | null {
  if (process.platform !== 'linux') return null;
  const setpriv = SETPRIV_PATHS.find((path) => existsSync(path));
  return setpriv ? [setpriv, '--pdeathsig', 'KILL', '--'] : null;
}

export interface FfmpegRunnerOptions {
  /** Kill ffmpeg when this process dies (default true; a warning is logged when it cannot be done). */
  killOnParentDeath?: boolean;
  /** Called after every run that started; must not throw (metrics). */
  onRunFinished?: (record: FfmpegRunRecord) => void;
}

/** Runs ffmpeg with progress reporting, a wall-clock limit and cancellation. The one place ffmpeg is spawned. */
export class FfmpegRunner {
  private readonly wrapper: string[];
  private readonly onRunFinished: FfmpegRunnerOptions['onRunFinished'];

  constructor(
    private readonly ffmpegPath: string,
    private readonly logger?: FfmpegLogger,
    options: FfmpegRunnerOptions = {},
  ) {
    this.onRunFinished = options.onRunFinished;
    const wrapper = options.killOnParentDeath === false ? null : parentDeathWrapper();
    if (wrapper === null && options.killOnParentDeath !== false) {
      logger?.warn('setpriv not found: an ffmpeg child may outlive a worker killed with SIGKILL');
    }
    this.wrapper = wrapper ?? [];
  }

  run(args: string[], opts: FfmpegRunOptions): Promise<FfmpegResult> {
    // -nostdin: ffmpeg otherwise reads keys ('q') from stdin. -y: outputs are temp paths we own.
    // 'warning' keeps non-fatal notes (e.g. timestamps fixed up) in the stderr tail next to errors.
    const fullArgs = [
      '-hide_banner',
      '-nostdin',
      '-y',
      '-loglevel',
      'warning',
      '-progress',
      'pipe:1',
      '-nostats',
      ...args,
    ];
    this.logger?.debug(`ffmpeg ${fullArgs.map(quoteForLog).join(' ')}`);
    const startedAt = Date.now();

    return new Promise<FfmpegResult>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new FfmpegError('aborted', 'ffmpeg run aborted before it started', args));
        return;
      }
      const [command, ...commandArgs] = [...this.wrapper, this.ffmpegPath, ...fullArgs];
      const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
      const stderr = new TailBuffer(STDERR_TAIL_BYTES);
      const parser = new FfmpegProgressParser(opts.expectedDurationSec);
      let killedFor: 'timeout' | 'aborted' | null = null;
      let settled = false;
      let cpuSec: number | null = null;
      const sampleCpu = (): void => {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        cpuSec = readProcessCpuSec(child.pid) ?? cpuSec;
      };

      // SIGKILL, not SIGTERM: ffmpeg may keep flushing (or hang on a blocked input) after SIGTERM.
      const kill = (reason: 'timeout' | 'aborted'): void => {
        if (killedFor !== null || child.exitCode !== null || child.signalCode !== null) return;
        killedFor = reason;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => kill('timeout'), opts.timeoutMs);
      const onAbort = (): void => kill('aborted');
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      const finish = (outcome: { result: FfmpegResult } | { error: FfmpegError }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        const elapsedMs = Date.now() - startedAt;
        if ('error' in outcome) {
          outcome.error.cpuSec = cpuSec;
          if (outcome.error.reason === 'exit' || outcome.error.reason === 'timeout') {
            const tail = outcome.error.stderrTail.trim().slice(-LOGGED_STDERR_CHARS);
            this.logger?.warn(`${outcome.error.message}; stderr tail:\n${tail}`);
          }
        }
        if (child.pid !== undefined) {
          try {
            this.onRunFinished?.({ ok: 'result' in outcome, elapsedMs, cpuSec });
          } catch {
            // An observer is for metrics; it must never change how a render ends.
          }
        }
        if ('result' in outcome) {
          resolve(outcome.result);
        } else {
          reject(outcome.error);
        }
      };

      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const reports = parser.push(chunk);
        if (reports.length > 0) sampleCpu();
        for (const progress of reports) {
          try {
            opts.onProgress?.(progress);
          } catch (error) {
            // A failing progress sink (e.g. a lost DB connection) must not kill a good encode.
            this.logger?.warn(`onProgress threw: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      });
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

      child.on('error', (error: NodeJS.ErrnoException) => {
        // 'error' also fires when kill() fails; only a process that never started is a spawn failure.
        if (child.pid !== undefined) return;
        finish({
          error: new FfmpegError(
            'spawn',
            `Cannot start ${this.ffmpegPath}: ${error.message}`,
            args,
            null,
            null,
            '',
            error.code ?? null,
          ),
        });
      });

      child.on('close', (exitCode, signal) => {
        const stderrTail = stderr.toString();
        if (killedFor === 'timeout') {
          finish({
            error: new FfmpegError(
              'timeout',
              `ffmpeg timed out after ${opts.timeoutMs} ms`,
              args,
              exitCode,
              signal,
              stderrTail,
            ),
          });
        } else if (killedFor === 'aborted') {
          finish({ error: new FfmpegError('aborted', 'ffmpeg run aborted', args, exitCode, signal, stderrTail) });
        } else if (this.wrapper.length > 0 && exitCode === 127 && WRAPPER_EXEC_FAILED.test(stderrTail)) {
          // setpriv started but could not exec ffmpeg: the same failure a direct spawn reports as 'error'.
          const errno = /No such file or directory/.test(stderrTail)
            ? 'ENOENT'
            : /Permission denied/.test(stderrTail)
              ? 'EACCES'
              : null;
          finish({
            error: new FfmpegError(
              'spawn',
              `Cannot start ${this.ffmpegPath}: ${stderrTail.trim()}`,
              args,
              null,
              null,
              '',
              errno,
            ),
          });
        } else if (exitCode === 0) {
          finish({ result: { args, stderrTail, elapsedMs: Date.now() - startedAt, cpuSec } });
        } else {
          const how = signal !== null ? `was killed by ${signal}` : `exited with code ${exitCode ?? 'unknown'}`;
          const lastLine = stderrTail.trim().split('\n').pop() ?? '';
          finish({ error: new FfmpegError('exit', `ffmpeg ${how}: ${lastLine}`, args, exitCode, signal, stderrTail) });
        }
      });
    });
  }
}

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
