import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';

/** Advisory-lock keys of the worker's periodic duties; any constant unique in this database. */
export const LeaderLock = {
  Reconciler: 0x52_46_01,
  Sweeper: 0x52_46_02,
} as const;

const logger = new Logger('Leader');

/**
 * Runs `duty` in a transaction holding a transaction-level advisory lock, or not at all when
 * another worker holds it: one worker of the fleet does it per tick, and the lock is released with
 * the transaction, so a worker that dies or loses its connection mid-duty frees it at once.
 * https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
 */
export async function runAsLeader<T>(
  dataSource: DataSource,
  key: number,
  duty: (manager: EntityManager) => Promise<T>,
): Promise<{ led: true; result: T } | { led: false }> {
  return dataSource.transaction(async (manager) => {
    const rows = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [key])) as Array<{
      locked: boolean;
    }>;
    if (!rows[0]?.locked) {
      logger.debug(`Lock ${key} held by another worker`);
      return { led: false };
    }
    return { led: true, result: await duty(manager) };
  });
}

/** setInterval for async duties: never overlaps itself, logs instead of crashing. */
export function every(intervalMs: number, name: string, duty: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    duty()
      .catch((error: unknown) => logger.warn(`${name} failed: ${String(error)}`))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
