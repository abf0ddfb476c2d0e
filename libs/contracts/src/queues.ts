import { JobType, TrimMode } from './enums.js';

/** One Bull queue per processor; the queue name is the job type, so the two can never disagree. */
export const QUEUE_NAMES: readonly JobType[] = Object.values(JobType);

/** Every payload names the `jobs` row it reports to; the row id is also the Bull job id. */
interface JobPayloadBase {
  jobId: string;
  tenantId: string;
}

export interface TrimJobPayload extends JobPayloadBase {
  assetId: string;
  /** Seconds from the start of the source, already validated against its duration. */
  startSec: number;
  /** Seconds from the start of the source; `endSec > startSec`, clamped to the source duration. */
  endSec: number;
  mode: TrimMode;
}

/**
 * The one table of job type -> payload. Adding an operation starts here; the worker's handler
 * table is typed from it, so a type without a handler does not compile.
 */
export interface JobPayloads {
  [JobType.Trim]: TrimJobPayload;
}

export type QueuedJobType = keyof JobPayloads;
export type JobPayload<T extends QueuedJobType> = JobPayloads[T];

/** `{ type, data }` pairs derived from the table, so producer and consumer agree by construction. */
export type JobItem = { [T in QueuedJobType]: { type: T; data: JobPayloads[T] } }[QueuedJobType];
