import { createHash } from 'node:crypto';

/** The `priority` of an operation, as callers name it. */
export enum JobPriority {
  High = 'high',
  Normal = 'normal',
  Low = 'low',
}

/**
 * The integer kept in `jobs.priority` (higher runs first). Gaps leave room for levels in between
 * without rewriting rows.
 */
export const PRIORITY_VALUES: Readonly<Record<JobPriority, number>> = {
  [JobPriority.High]: 10,
  [JobPriority.Normal]: 0,
  [JobPriority.Low]: -10,
};

/** The name for a stored priority; values between levels round towards normal. */
export function priorityName(value: number): JobPriority {
  if (value >= PRIORITY_VALUES[JobPriority.High]) return JobPriority.High;
  if (value <= PRIORITY_VALUES[JobPriority.Low]) return JobPriority.Low;
  return JobPriority.Normal;
}

/** One entry per failed attempt, oldest first (`jobs.attempt_errors`). */
export interface AttemptError {
  /** 1-based attempt number. */
  attempt: number;
  code: string;
  message: string;
  /** ISO 8601. */
  at: string;
}

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so two requests that
 * mean the same thing serialize to the same bytes whatever order their fields came in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) sorted[key] = sortKeys(member);
    }
    return sorted;
  }
  return value;
}

/** `jobs.request_hash`: SHA-256 (hex) of the operation and its validated body, for Idempotency-Key checks. */
export function requestHash(operation: string, body: unknown): string {
  return createHash('sha256').update(canonicalJson({ operation, body })).digest('hex');
}

/** Bull's built-in exponential backoff waits `(2^n - 1) * baseMs` after the n-th failed attempt. */
export function bullExponentialDelayMs(baseMs: number, failedAttempts: number): number {
  return Math.round((2 ** failedAttempts - 1) * baseMs);
}

/**
 * How many attempts fit in a retry window with Bull's exponential backoff: the largest count whose
 * last attempt starts no later than `windowMs` after the first. `delaysMs[i]` is the wait before
 * attempt i + 2; `lastAttemptAfterMs` is when the last one starts.
 */
export function retryPlan(
  baseMs: number,
  windowMs: number,
): { attempts: number; delaysMs: number[]; lastAttemptAfterMs: number } {
  const delaysMs: number[] = [];
  let elapsedMs = 0;
  for (let failed = 1; failed < 64; failed++) {
    const delayMs = bullExponentialDelayMs(baseMs, failed);
    if (elapsedMs + delayMs > windowMs) break;
    delaysMs.push(delayMs);
    elapsedMs += delayMs;
  }
  return { attempts: delaysMs.length + 1, delaysMs, lastAttemptAfterMs: elapsedMs };
}
