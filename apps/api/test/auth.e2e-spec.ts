import { ApiKeyEntity } from '@reelforge/db';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
} from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';
import { countStatuses, untilRedisReady, withinOneMinuteWindow } from '../../../test/support/rate-limit.js';

/**
 * The rate limiter fails open while its Redis client is still connecting, and such a request is not
 * counted; waiting for `ready` keeps the counts in these tests exact.
 */
describe('API key authentication', () => {
  let harness: Harness;
  let tenant: TenantKey;

  beforeAll(async () => {
    harness = await startHarness(testConfig(), { worker: false });
    await untilRedisReady(harness);
    tenant = await createTenantWithKey(harness);
  });

  afterAll(() => harness?.close());

  const listAssets = () => harness.http.get('/v1/assets');

  describe('keys', () => {
    it('answers 401 without a key', async () => {
      const response = await listAssets().expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'unauthorized' });
      expect(response.body.message).toContain('Missing API key');
    });

    it.each([
      ['a random string', 'not-a-key'],
      ['a secret one character short', `rf_0123456789ab_${'A'.repeat(42)}`],
      ['a secret with base64 padding', `rf_0123456789ab_${'A'.repeat(42)}=`],
      ['an upper-case prefix', `rf_0123456789AB_${'A'.repeat(43)}`],
      ['the master key', TEST_MASTER_KEY],
    ])('answers 401 for a malformed key: %s', async (_name, key) => {
      const response = await listAssets().set('X-API-Key', key).expect(401);
      expect(response.body).toMatchObject({ error: 'unauthorized', message: 'Malformed API key' });
    });

    it('answers 401 for a well-formed key whose secret is wrong', async () => {
      const last = tenant.key.at(-1) === 'A' ? 'B' : 'A';
      const wrongSecret = `${tenant.key.slice(0, -1)}${last}`;
      const response = await listAssets().set('X-API-Key', wrongSecret).expect(401);
      expect(response.body).toMatchObject({ error: 'unauthorized', message: 'Unknown API key' });
    });

    it('answers 401 for a well-formed key with an unknown prefix', async () => {
      const unknownPrefix = `rf_ffffffffffff_${tenant.key.slice(16)}`;
      await listAssets().set('X-API-Key', unknownPrefix).expect(401);
    });

    it('accepts the key as X-API-Key or as an Authorization bearer token', async () => {
      await listAssets().set('X-API-Key', tenant.key).expect(200);
      await listAssets().set('X-API-Key', ` ${tenant.key} `).expect(200);
      await listAssets().set('Authorization', `Bearer ${tenant.key}`).expect(200);
      await listAssets().set('Authorization', `bearer ${tenant.key}`).expect(200);
    });

    it('answers 401 for other Authorization schemes', async () => {
      await listAssets()
        .set('Authorization', `Basic ${Buffer.from(`x:${tenant.key}`).toString('base64')}`)
        .expect(401);
      await listAssets().set('Authorization', tenant.key).expect(401);
    });

    it('answers 401 for a key created already expired, and for one that expires after creation', async () => {
      const expired = await createTenantWithKey(harness, { expiresAt: '2020-01-01T00:00:00Z' });
      const response = await listAssets().set('X-API-Key', expired.key).expect(401);
      expect(response.body).toMatchObject({ error: 'unauthorized', message: 'API key has expired' });

      const later = await createTenantWithKey(harness, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      await listAssets().set('X-API-Key', later.key).expect(200);
      await harness.api
        .get(DataSource)
        .getRepository(ApiKeyEntity)
        .update({ id: later.apiKeyId }, { expiresAt: new Date(Date.now() - 1_000) });
      await listAssets().set('X-API-Key', later.key).expect(401);
    });
  });

  describe('scopes', () => {
    it('answers 403 for routes outside the key scopes and 200 inside them', async () => {
      const reader = await createTenantWithKey(harness, { scopes: ['assets:read'] });
      await listAssets().set('X-API-Key', reader.key).expect(200);

      const trim = await harness.http
        .post('/v1/trim')
        .set('X-API-Key', reader.key)
        .send({ assetId: '00000000-0000-4000-8000-000000000000', start: 0, end: 1 })
        .expect(403);
      expect(trim.body).toMatchObject({
        statusCode: 403,
        error: 'forbidden',
        message: 'API key lacks the jobs:write scope',
      });
      await harness.http.get('/v1/jobs').set('X-API-Key', reader.key).expect(403);
      await harness.http.post('/v1/assets').set('X-API-Key', reader.key).attach('file', testMedia.png64()).expect(403);
    });

    it('answers 403 for every route of a key with no scopes', async () => {
      const none = await createTenantWithKey(harness, { scopes: [] });
      await listAssets().set('X-API-Key', none.key).expect(403);
      await harness.http.get('/v1/jobs').set('X-API-Key', none.key).expect(403);
    });
  });

  describe('tenant isolation', () => {
    it('answers 404 to another tenant for every route of an asset, and leaves the asset in place', async () => {
      const owner = await createTenantWithKey(harness);
      const stranger = await createTenantWithKey(harness);
      const asset = await uploadAsset(harness, owner.key, testMedia.png64());
      const as = (key: string) => ({
        get: (path: string) => harness.http.get(path).set('X-API-Key', key),
        delete: (path: string) => harness.http.delete(path).set('X-API-Key', key),
      });

      for (const path of [
        `/v1/assets/${asset.id}`,
        `/v1/assets/${asset.id}/content`,
        `/v1/assets/${asset.id}/variants`,
      ]) {
        const response = await as(stranger.key).get(path).expect(404);
        expect(response.body).toMatchObject({ statusCode: 404, error: 'not_found' });
      }
      await as(stranger.key).delete(`/v1/assets/${asset.id}`).expect(404);
      const strangerList = await as(stranger.key).get('/v1/assets').expect(200);
      expect(strangerList.body).toMatchObject({ items: [], total: 0 });

      await as(owner.key).get(`/v1/assets/${asset.id}`).expect(200);
      await as(owner.key).get(`/v1/assets/${asset.id}/content`).expect(200);
      const ownerList = await as(owner.key).get('/v1/assets').expect(200);
      expect(ownerList.body.items.map((a: { id: string }) => a.id)).toEqual([asset.id]);
    });
  });

  describe('rate limits', () => {
    it('admits exactly minuteLimit of a parallel burst and answers 429 with retry headers to the rest', async () => {
      const limited = await createTenantWithKey(harness, { minuteLimit: 5 });
      await withinOneMinuteWindow();
      const responses = await Promise.all(Array.from({ length: 20 }, () => listAssets().set('X-API-Key', limited.key)));

      expect(countStatuses(responses)).toEqual({ 200: 5, 429: 15 });
      const admitted = responses.filter((r) => r.status === 200);
      expect(admitted.map((r) => Number(r.headers['ratelimit-remaining'])).sort()).toEqual([0, 1, 2, 3, 4]);
      for (const refused of responses.filter((r) => r.status === 429)) {
        const retryAfter = Number(refused.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(refused.headers).toMatchObject({
          'ratelimit-limit': '5',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(retryAfter),
        });
        expect(refused.body).toMatchObject({
          statusCode: 429,
          error: 'rate_limited',
          details: { window: 'minute', limit: 5, retryAfterSec: retryAfter },
        });
      }
    });

    it('answers 429 for the day window once dailyLimit is spent, without counting refused requests', async () => {
      const limited = await createTenantWithKey(harness, { minuteLimit: 1_000, dailyLimit: 3 });
      await withinOneMinuteWindow();
      for (let i = 0; i < 3; i++) await listAssets().set('X-API-Key', limited.key).expect(200);
      const refused = await listAssets().set('X-API-Key', limited.key).expect(429);
      await listAssets().set('X-API-Key', limited.key).expect(429);

      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(86_400);
      expect(refused.headers).toMatchObject({
        'ratelimit-limit': '3',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(retryAfter),
      });
      expect(refused.body).toMatchObject({ error: 'rate_limited', details: { window: 'day', limit: 3 } });

      const usage = await harness.http.get('/v1/admin/usage').set('X-Master-Key', TEST_MASTER_KEY).expect(200);
      const mine = usage.body.find((u: { tenantId: string }) => u.tenantId === limited.tenantId);
      expect(mine.keys).toEqual([expect.objectContaining({ requestsToday: 3 })]);
    });

    it('does not count requests refused for authentication or scope', async () => {
      const reader = await createTenantWithKey(harness, { minuteLimit: 2, scopes: ['assets:read'] });
      await withinOneMinuteWindow();
      for (let i = 0; i < 3; i++) await harness.http.get('/v1/jobs').set('X-API-Key', reader.key).expect(403);
      await listAssets().set('X-API-Key', reader.key).expect(200);
      await listAssets().set('X-API-Key', reader.key).expect(200);
      await listAssets().set('X-API-Key', reader.key).expect(429);
    });

    it('shares one limit across two API processes', async () => {
      // One config for both apps: same database, same Redis prefix, so the same counters.
      const config = testConfig();
      const first = await startHarness(config, { worker: false });
      const second = await startHarness(config, { worker: false });
      try {
        await Promise.all([untilRedisReady(first), untilRedisReady(second)]);
        const shared = await createTenantWithKey(first, { minuteLimit: 7 });
        await withinOneMinuteWindow();
        const responses = await Promise.all(
          [first, second].flatMap((h) =>
            Array.from({ length: 10 }, () => h.http.get('/v1/assets').set('X-API-Key', shared.key)),
          ),
        );
        expect(countStatuses(responses)).toEqual({ 200: 7, 429: 13 });
        // Every answer went through the limiter (a fail-open admission carries no RateLimit headers).
        expect(responses.every((r) => r.headers['ratelimit-limit'] === '7')).toBe(true);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
});
