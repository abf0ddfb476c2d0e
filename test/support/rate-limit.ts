import { type Response } from 'supertest';
import { type Redis } from 'ioredis';
import { REDIS } from '../../apps/api/src/auth/redis.provider.js';
import { type Harness } from './harness.js';

/** The limiter admits uncounted while its client connects; bursts must wait for it. */
export async function untilRedisReady(harness: Harness): Promise<void> {
  const redis = harness.api.get<Redis>(REDIS);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
}

/**
 * The minute window is the UTC minute, so a burst that straddles a minute boundary would be split
 * across two windows; start bursts with at least `marginMs` left in the current minute.
 */
export async function withinOneMinuteWindow(marginMs = 5_000): Promise<void> {
  const leftMs = 60_000 - (Date.now() % 60_000);
  if (leftMs < marginMs) await new Promise((resolve) => setTimeout(resolve, leftMs + 50));
}

export function countStatuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}
