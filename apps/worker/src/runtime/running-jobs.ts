import { Injectable } from '@nestjs/common';

/** Why a running job was told to stop; carried as the AbortSignal's reason. */
export type AbortReason = 'canceled' | 'shutdown';

interface RunningJob {
  controller: AbortController;
  done: Promise<void>;
  finish: () => void;
}

/**
 * The jobs this process is running now, each with the AbortController its ffmpeg run listens to.
 * A cancel message or a shutdown reaches a job only through here.
 */
@Injectable()
export class RunningJobs {
  private readonly jobs = new Map<string, RunningJob>();

  /** Call before the attempt starts, so a cancel that arrives while it starts is not missed. */
  track(jobId: string): { signal: AbortSignal; untrack: () => void } {
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const entry: RunningJob = { controller: new AbortController(), done, finish };
    this.jobs.set(jobId, entry);
    return {
      signal: entry.controller.signal,
      untrack: () => {
        if (this.jobs.get(jobId) === entry) this.jobs.delete(jobId);
        entry.finish();
      },
    };
  }

  /** False when this process does not run the job (another worker does, or nobody). */
  abort(jobId: string, reason: AbortReason): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry) return false;
    entry.controller.abort(reason);
    return true;
  }

  abortAll(reason: AbortReason): string[] {
    const ids = [...this.jobs.keys()];
    for (const id of ids) this.abort(id, reason);
    return ids;
  }

  get size(): number {
    return this.jobs.size;
  }

  ids(): string[] {
    return [...this.jobs.keys()];
  }

  /** Resolves true once nothing runs, false when `timeoutMs` passed first. */
  async waitUntilIdle(timeoutMs: number): Promise<boolean> {
    const deadlineMs = Date.now() + timeoutMs;
    while (this.jobs.size > 0) {
      const remainingMs = deadlineMs - Date.now();
      if (remainingMs <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...this.jobs.values()].map((job) => job.done)),
        new Promise((resolve) => (timer = setTimeout(resolve, remainingMs))),
      ]);
      clearTimeout(timer);
    }
    return true;
  }
}
