import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { type Redis } from 'ioredis';
import { InjectRedis } from './redis.provider.js';

/**
 * Checks both windows and counts the request in one script, so Redis runs it atomically: however many
 * API processes and parallel requests there are, no more than the limit are admitted. A refused request
 * is not counted, so a client hammering through a 429 does not extend its own lockout.
 */
const ADMIT_SCRIPT = `
local minute = tonumber(redis.call('GET', KEYS[1]) or '0')
local day = tonumber(redis.call('GET', KEYS[2]) or '0')
if minute >= tonumber(ARGV[1]) then return {0, minute, day, 1} end
if day >= tonumber(ARGV[2]) then return {0, minute, day, 2} end
minute = redis.call('INCR', KEYS[1])
if minute == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
day = redis.call('INCR', KEYS[2])
if day == 1 then redis.call('EXPIRE', KEYS[2], ARGV[4]) end
return {1, minute, day, 0}
`;

export interface RateLimitDecision {
  admitted: boolean;
  /** The window the headers describe: the one that refused, else the minute window. */
  limit: number;
  remaining: number;
  /** Seconds until that window resets. */
  resetSec: number;
  window: 'minute' | 'day';
}

export interface RateLimits {
  minuteLimit: number;
  dailyLimit: number;
}

/** Fixed windows aligned to the UTC minute and the UTC day. */
export function rateLimitWindows(nowMs: number): {
  minute: number;
  day: number;
  minuteResetSec: number;
  dayResetSec: number;
} {
  const nowSec = Math.floor(nowMs / 1000);
  const minute = Math.floor(nowSec / 60);
  const day = Math.floor(nowSec / 86_400);
  return { minute, day, minuteResetSec: (minute + 1) * 60 - nowSec, dayResetSec: (day + 1) * 86_400 - nowSec };
}

@Injectable()
export class RateLimiter {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  dayCounterKey(apiKeyId: string, day: number): string {
    return `${this.config.queue.prefix}:rl:${apiKeyId}:d:${day}`;
  }

  async admit(apiKeyId: string, limits: RateLimits, nowMs = Date.now()): Promise<RateLimitDecision> {
    const windows = rateLimitWindows(nowMs);
    const minuteKey = `${this.config.queue.prefix}:rl:${apiKeyId}:m:${windows.minute}`;
    const dayKey = this.dayCounterKey(apiKeyId, windows.day);
    const [admitted, minuteCount, dayCount, refusedBy] = (await this.redis.eval(
      ADMIT_SCRIPT,
      2,
      minuteKey,
      dayKey,
      limits.minuteLimit,
      limits.dailyLimit,
      windows.minuteResetSec + 5,
      windows.dayResetSec + 60,
    )) as [number, number, number, number];

    const minute: RateLimitDecision = {
      admitted: admitted === 1,
      limit: limits.minuteLimit,
      remaining: Math.max(0, limits.minuteLimit - minuteCount),
      resetSec: windows.minuteResetSec,
      window: 'minute',
    };
    const day: RateLimitDecision = {
      admitted: admitted === 1,
      limit: limits.dailyLimit,
      remaining: Math.max(0, limits.dailyLimit - dayCount),
      resetSec: windows.dayResetSec,
      window: 'day',
    };
    if (refusedBy === 2) return day;
    if (refusedBy === 1) return minute;
    // Describe whichever window will refuse first.
    return day.remaining < minute.remaining ? day : minute;
  }

  async requestsToday(apiKeyIds: string[], nowMs = Date.now()): Promise<Map<string, number>> {
    if (apiKeyIds.length === 0) return new Map();
    const { day } = rateLimitWindows(nowMs);
    const counts = await this.redis.mget(apiKeyIds.map((id) => this.dayCounterKey(id, day)));
    return new Map(apiKeyIds.map((id, i) => [id, Number(counts[i] ?? 0)]));
  }
}
