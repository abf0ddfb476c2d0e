import { type Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithKey, type Harness, startHarness } from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { rateLimitWindows } from '../src/auth/rate-limiter.js';
import { REDIS } from '../src/auth/redis.provider.js';
import { countStatuses, untilRedisReady, withinOneMinuteWindow } from '../../../test/support/rate-limit.js';

/** The limiter fails open while its Redis client connects; waiting for `ready` keeps counts exact. */
describe('rate limits under concurrency', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(testConfig(), { worker: false });
    await untilRedisReady(harness);
  });

  afterAll(() => harness?.close());

  const listAssets = (key: string) => harness.http.get('/v1/assets').set('X-API-Key', key);

  it('admits exactly 50 of 200 parallel requests with minuteLimit 50', async () => {
    const tenant = await createTenantWithKey(harness, { minuteLimit: 50 });
    await withinOneMinuteWindow();
    const responses = await Promise.all(Array.from({ length: 200 }, () => listAssets(tenant.key)));
    expect(countStatuses(responses)).toEqual({ 200: 50, 429: 150 });
    // Every answer went through the limiter: a fail-open admission would carry no RateLimit headers.
    expect(responses.every((r) => r.headers['ratelimit-limit'] === '50')).toBe(true);
    const remaining = responses.filter((r) => r.status === 200).map((r) => Number(r.headers['ratelimit-remaining']));
    expect(new Set(remaining).size).toBe(50);
  });

  it('admits exactly one of 50 parallel requests when the daily quota has one unit left', async () => {
    const dailyLimit = 1_000;
    const tenant = await createTenantWithKey(harness, { minuteLimit: 10_000, dailyLimit });
    await withinOneMinuteWindow();
    // dailyLimit - 1 requests already spent today, written where the limiter counts them.
    const { day, dayResetSec } = rateLimitWindows(Date.now());
    const redis = harness.api.get<Redis>(REDIS);
    await redis.set(
      `${harness.config.queue.prefix}:rl:${tenant.apiKeyId}:d:${day}`,
      dailyLimit - 1,
      'EX',
      dayResetSec + 60,
    );

    const responses = await Promise.all(Array.from({ length: 50 }, () => listAssets(tenant.key)));
    expect(countStatuses(responses)).toEqual({ 200: 1, 429: 49 });
    for (const refused of responses.filter((r) => r.status === 429)) {
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'rate_limited', details: { window: 'day' } });
    }
    const usage = await harness.http.get('/v1/admin/usage').set('X-Master-Key', TEST_MASTER_KEY).expect(200);
    const mine = usage.body.find((u: { tenantId: string }) => u.tenantId === tenant.tenantId);
    expect(mine.keys).toEqual([expect.objectContaining({ requestsToday: dailyLimit })]);
  });

  describe('admin IP allow-list and TRUST_PROXY', () => {
    const adminFrom = async (trustProxy: boolean, forwardedFor: string | null): Promise<number> => {
      const restricted = await startHarness(
        testConfig((c) => {
          c.auth.masterIps = ['10.1.2.3'];
          c.api.trustProxy = trustProxy;
        }),
        { worker: false },
      );
      try {
        const request = restricted.http.get('/v1/admin/tenants').set('X-Master-Key', TEST_MASTER_KEY);
        if (forwardedFor !== null) request.set('X-Forwarded-For', forwardedFor);
        return (await request).status;
      } finally {
        await restricted.close();
      }
    };

    it('ignores X-Forwarded-For from localhost when TRUST_PROXY is unset', async () => {
      await expect(adminFrom(false, '10.1.2.3')).resolves.toBe(403);
    });

    it('believes X-Forwarded-For when TRUST_PROXY is set', async () => {
      await expect(adminFrom(true, '10.1.2.3')).resolves.toBe(200);
      await expect(adminFrom(true, '10.9.9.9')).resolves.toBe(403);
      // Without the header the proxy itself (localhost) is the caller, and it is not listed.
      await expect(adminFrom(true, null)).resolves.toBe(403);
    });
  });
});
