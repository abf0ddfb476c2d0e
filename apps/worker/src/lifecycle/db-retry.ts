import { Logger } from '@nestjs/common';

/**
 * SQLSTATE classes and node-postgres/socket errors that mean "the database was unreachable", not
 * "the statement was wrong": 08 connection exceptions, 57P01-57P03 (admin shutdown, crash shutdown,
 * cannot connect now, e.g. during a restart). https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'terminating connection',
];

export function isDatabaseConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') || CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code)) return true;
  }
  const cause = (error as { driverError?: unknown }).driverError;
  if (cause !== undefined && cause !== error && isDatabaseConnectionError(cause)) return true;
  return CONNECTION_MESSAGES.some((text) => error.message.includes(text));
}

export interface DbRetryOptions {
  /** Give up (rethrow) once this much time has passed since the first try. */
  budgetMs: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const logger = new Logger('DbRetry');

/**
 * Retries a write only while the database is unreachable (a restart takes a few seconds), with
 * exponential backoff. A job's final state must survive a Postgres restart: without this a
 * finished render would be retried from scratch or, worse, left `processing` until a reconciler.
 * Any other error is rethrown at once: the statement itself is wrong and will not get better.
 */
export async function withDbRetry<T>(what: string, write: () => Promise<T>, options: DbRetryOptions): Promise<T> {
  const startedAtMs = Date.now();
  let delayMs = options.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const elapsedMs = Date.now() - startedAtMs;
      if (!isDatabaseConnectionError(error) || elapsedMs + delayMs > options.budgetMs) throw error;
      logger.warn(`${what}: database unreachable (try ${attempt}), retrying in ${delayMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 5_000);
    }
  }
}
