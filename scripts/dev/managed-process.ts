import { type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';

/** A process `npm run dev` started and so must stop: the only kind it ever signals. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<void>;
  /** Asks it to stop with `signal`; after `graceMs` sends `hardSignal`. Resolves once it is gone. */
  stop(signal: NodeJS.Signals, graceMs: number, hardSignal?: NodeJS.Signals): Promise<void>;
  isRunning(): boolean;
}

export function manage(name: string, child: ChildProcess): ManagedProcess {
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  let running = true;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running = false;
      resolve();
    });
  });
  return {
    name,
    pid,
    exited,
    isRunning: () => running,
    async stop(signal, graceMs, hardSignal = 'SIGKILL') {
      if (!running) return;
      child.kill(signal);
      const timer = setTimeout(() => {
        if (running) {
          console.log(`[dev] ${name} (pid ${pid}) did not stop within ${graceMs} ms; sending ${hardSignal}`);
          child.kill(hardSignal);
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** An append-mode file descriptor for a child's stdout and stderr; the child keeps its own copy. */
export function openLog(path: string): { fd: number; offset: number; close(): void } {
  const offset = existsSync(path) ? statSync(path).size : 0;
  const fd = openSync(path, 'a');
  return { fd, offset, close: () => closeSync(fd) };
}

/** The last lines a server wrote since `offset`, to show why it failed. */
export function logTail(path: string, offset = 0, lines = 15): string {
  if (!existsSync(path)) return '(no log)';
  const text = readFileSync(path).subarray(offset).toString('utf8');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
