import { type AppConfig } from '@reelforge/config';
import { type Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { RateLimiter, rateLimitWindows } from './rate-limiter.js';

/** 2026-03-04T05:06:07.890Z: minute and day windows are counted from the Unix epoch in UTC. */
const midMinuteMs = Date.UTC(2026, 2, 4, 5, 6, 7, 890);

describe(rateLimitWindows.name, () => {
  it.each([
    ['the start of a minute', 120_000, { minute: 2, minuteResetSec: 60 }],
    ['one millisecond into a minute', 120_001, { minute: 2, minuteResetSec: 60 }],
    ['one second into a minute', 121_000, { minute: 2, minuteResetSec: 59 }],
    ['the last second of a minute', 179_000, { minute: 2, minuteResetSec: 1 }],
    ['the last millisecond of a minute', 179_999, { minute: 2, minuteResetSec: 1 }],
    ['the epoch', 0, { minute: 0, minuteResetSec: 60 }],
  ])('at %s resets the minute window after the remaining whole seconds', (_name, nowMs, expected) => {
    expect(rateLimitWindows(nowMs)).toMatchObject(expected);
  });

  it('never reports a reset of zero seconds, so Retry-After is always at least 1', () => {
    for (let nowMs = 0; nowMs < 120_000; nowMs += 250) {
      const windows = rateLimitWindows(nowMs);
      expect(windows.minuteResetSec).toBeGreaterThanOrEqual(1);
      expect(windows.minuteResetSec).toBeLessThanOrEqual(60);
      expect(windows.dayResetSec).toBeGreaterThanOrEqual(1);
      expect(windows.dayResetSec).toBeLessThanOrEqual(86_400);
    }
  });

  it('aligns the day window to UTC midnight', () => {
    const midnight = Date.UTC(2026, 2, 4);
    expect(rateLimitWindows(midnight)).toMatchObject({ day: midnight / 86_400_000, dayResetSec: 86_400 });
    expect(rateLimitWindows(midnight - 1)).toMatchObject({ day: midnight / 86_400_000 - 1, dayResetSec: 1 });
    expect(rateLimitWindows(midMinuteMs)).toMatchObject({
      day: midnight / 86_400_000,
      dayResetSec: 86_400 - (5 * 3600 + 6 * 60 + 7),
      minuteResetSec: 53,
    });
  });
});

function limiterWith(redis: Partial<Redis>): RateLimiter {
  return new RateLimiter(redis as Redis, { queue: { prefix: 'rf-unit' } } as AppConfig);
}

/** The admit script answers `{admitted, minuteCount, dayCount, refusedBy}`; refusedBy 1 = minute, 2 = day. */
function redisAnswering(reply: [number, number, number, number]) {
  return { eval: vi.fn().mockResolvedValue(reply) };
}

describe(RateLimiter.name, () => {
  const limits = { minuteLimit: 10, dailyLimit: 1000 };
  const { minute, day, minuteResetSec, dayResetSec } = rateLimitWindows(midMinuteMs);

  it('counts against per-key minute and day counters under the queue prefix, expiring after their windows', async () => {
    const redis = redisAnswering([1, 1, 1, 0]);
    await limiterWith(redis).admit('key-1', limits, midMinuteMs);
    expect(redis.eval).toHaveBeenCalledWith(
      expect.any(String),
      2,
      `rf-unit:rl:key-1:m:${minute}`,
      `rf-unit:rl:key-1:d:${day}`,
      10,
      1000,
      minuteResetSec + 5,
      dayResetSec + 60,
    );
  });

  it('describes the minute window while it has fewer requests left than the day', async () => {
    const decision = await limiterWith(redisAnswering([1, 4, 100, 0])).admit('key-1', limits, midMinuteMs);
    expect(decision).toEqual({ admitted: true, limit: 10, remaining: 6, resetSec: minuteResetSec, window: 'minute' });
  });

  it('describes the day window once it has fewer requests left than the minute', async () => {
    const decision = await limiterWith(redisAnswering([1, 1, 998, 0])).admit('key-1', limits, midMinuteMs);
    expect(decision).toEqual({ admitted: true, limit: 1000, remaining: 2, resetSec: dayResetSec, window: 'day' });
  });

  it('refuses with the minute window when the minute is spent', async () => {
    const decision = await limiterWith(redisAnswering([0, 10, 50, 1])).admit('key-1', limits, midMinuteMs);
    expect(decision).toEqual({ admitted: false, limit: 10, remaining: 0, resetSec: minuteResetSec, window: 'minute' });
  });

  it('refuses with the day window when the day is spent', async () => {
    const decision = await limiterWith(redisAnswering([0, 3, 1000, 2])).admit('key-1', limits, midMinuteMs);
    expect(decision).toEqual({ admitted: false, limit: 1000, remaining: 0, resetSec: dayResetSec, window: 'day' });
  });

  it('never reports negative remaining requests after the limit was lowered', async () => {
    const decision = await limiterWith(redisAnswering([0, 40, 40, 1])).admit('key-1', limits, midMinuteMs);
    expect(decision.remaining).toBe(0);
  });

  it('passes a Redis failure to the caller', async () => {
    const redis = { eval: vi.fn().mockRejectedValue(new Error('Connection is closed.')) };
    await expect(limiterWith(redis).admit('key-1', limits, midMinuteMs)).rejects.toThrow('Connection is closed.');
  });

  it("reads today's counters for each key, counting a missing counter as zero", async () => {
    const redis = { mget: vi.fn().mockResolvedValue(['7', null]) };
    const counts = await limiterWith(redis).requestsToday(['key-1', 'key-2'], midMinuteMs);
    expect(redis.mget).toHaveBeenCalledWith([`rf-unit:rl:key-1:d:${day}`, `rf-unit:rl:key-2:d:${day}`]);
    expect(counts).toEqual(
      new Map([
        ['key-1', 7],
        ['key-2', 0],
      ]),
    );
  });

  it('asks Redis nothing when there are no keys', async () => {
    const redis = { mget: vi.fn() };
    await expect(limiterWith(redis).requestsToday([], midMinuteMs)).resolves.toEqual(new Map());
    expect(redis.mget).not.toHaveBeenCalled();
  });
});
