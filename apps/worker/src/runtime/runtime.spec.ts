import { type AppConfig } from '@reelforge/config';
import { type Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJobId } from './cancel-listener.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { type QueueGate } from './queue-gate.js';
import { checkRedisEvictionPolicy } from '@reelforge/queue';
import { RunningJobs } from './running-jobs.js';

const config = { worker: { breakerThreshold: 3, breakerPauseMs: 1_000 } } as AppConfig;

function fakeGate(): QueueGate & { closed: string[]; opened: string[] } {
  const gate = { closed: [] as string[], opened: [] as string[] };
  return Object.assign(gate, {
    close: async (reason: string) => void gate.closed.push(reason),
    open: async (reason: string) => void gate.opened.push(reason),
  }) as unknown as QueueGate & { closed: string[]; opened: string[] };
}

afterEach(() => vi.useRealTimers());

describe(CircuitBreaker.name, () => {
  it('pauses the queues after N consecutive failures of one kind, then half-opens after the pause', async () => {
    vi.useFakeTimers();
    const gate = fakeGate();
    const breaker = new CircuitBreaker(config, gate);
    breaker.recordFailure('storage');
    breaker.recordFailure('storage');
    expect(gate.closed).toEqual([]);
    breaker.recordFailure('storage');
    expect(gate.closed).toEqual(['breaker:storage']);
    expect(breaker.state().storage).toMatchObject({ open: true, consecutiveFailures: 3 });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(gate.opened).toEqual(['breaker:storage']);
    expect(breaker.state().storage.open).toBe(false);
    // Half-open: one more failure trips it again.
    breaker.recordFailure('storage');
    expect(gate.closed).toEqual(['breaker:storage', 'breaker:storage']);
    breaker.onApplicationShutdown();
  });

  it('counts kinds apart and resets on a success', () => {
    const gate = fakeGate();
    const breaker = new CircuitBreaker(config, gate);
    breaker.recordFailure('storage');
    breaker.recordFailure('database');
    breaker.recordFailure('storage');
    breaker.recordSuccess();
    breaker.recordFailure('storage');
    breaker.recordFailure('database');
    expect(gate.closed).toEqual([]);
  });
});

describe(RunningJobs.name, () => {
  it('aborts a tracked job with its reason and waits until every job is untracked', async () => {
    const running = new RunningJobs();
    const { signal, untrack } = running.track('a');
    expect(running.abort('other', 'canceled')).toBe(false);
    expect(running.abort('a', 'canceled')).toBe(true);
    expect(signal.reason).toBe('canceled');
    expect(await running.waitUntilIdle(10)).toBe(false);
    setTimeout(untrack, 5);
    expect(await running.waitUntilIdle(1_000)).toBe(true);
  });
});

describe(parseJobId.name, () => {
  it.each([
    ['{"jobId":"j1"}', 'j1'],
    ['j2', 'j2'],
    ['{"jobId":1}', null],
    ['{not json', null],
    ['  ', null],
  ])('reads %j as %j', (message, jobId) => {
    expect(parseJobId(message)).toBe(jobId);
  });
});

describe(checkRedisEvictionPolicy.name, () => {
  const logger = () => ({ warn: vi.fn(), error: vi.fn(), log: vi.fn() });
  const redisAnswering = (answer: () => Promise<unknown>) => ({ call: answer }) as unknown as Redis;

  it('is quiet about noeviction', async () => {
    const log = logger();
    expect(
      await checkRedisEvictionPolicy(
        redisAnswering(async () => ['maxmemory-policy', 'noeviction']),
        log,
      ),
    ).toBe('noeviction');
    expect(log.error).not.toHaveBeenCalled();
  });

  it('warns loudly about an evicting policy', async () => {
    const log = logger();
    await checkRedisEvictionPolicy(
      redisAnswering(async () => ['maxmemory-policy', 'allkeys-lru']),
      log,
    );
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('allkeys-lru'));
  });

  it('tolerates CONFIG being disabled', async () => {
    const log = logger();
    const disabled = redisAnswering(async () => {
      throw new Error("ERR unknown command 'CONFIG'");
    });
    expect(await checkRedisEvictionPolicy(disabled, log)).toBeNull();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('noeviction'));
  });
});
