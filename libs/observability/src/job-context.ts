import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while a job runs carries, whichever class wrote it. */
export interface JobLogContext {
  jobId: string;
  jobType: string;
  /** 1-based; unknown until the attempt has started in the database. */
  attempt?: number;
}

const storage = new AsyncLocalStorage<JobLogContext>();

/** Runs `fn` with `context` bound to every log line (and metric) it causes, across awaits. */
export function runWithJobContext<T>(context: JobLogContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentJobContext(): JobLogContext | undefined {
  return storage.getStore();
}
