import { type Redis } from 'ioredis';

export interface PolicyLogger {
  warn(message: string): void;
  error(message: string): void;
  log(message: string): void;
}

/**
 * Bull's keys must never be evicted: with any other maxmemory-policy a full Redis silently drops
 * queued jobs and locks (https://docs.bullmq.io/guide/going-to-production#max-memory-policy, same
 * for Bull 4). Managed Redis often disables CONFIG; then we can only say we could not check.
 * Returns the policy, or null when it could not be read.
 */
export async function checkRedisEvictionPolicy(redis: Redis, logger: PolicyLogger): Promise<string | null> {
  let policy: string | null = null;
  try {
    const reply = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as unknown;
    if (Array.isArray(reply) && typeof reply[1] === 'string') policy = reply[1];
  } catch (error) {
    logger.warn(
      `Could not read Redis maxmemory-policy (CONFIG disabled?): ${String(error)}; make sure it is noeviction`,
    );
    return null;
  }
  if (policy === null) {
    logger.warn('Redis did not report maxmemory-policy; make sure it is noeviction');
  } else if (policy !== 'noeviction') {
    logger.error(
      `!!! Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis will DROP ` +
        'queued jobs and job locks. Set `maxmemory-policy noeviction` (the reconciler re-enqueues lost ' +
        'jobs, but only every WORKER_RECONCILE_INTERVAL_MS). !!!',
    );
  } else {
    logger.log('Redis maxmemory-policy is noeviction');
  }
  return policy;
}
