import { ApiKeyEntity } from '@reelforge/db';
import { createHash } from 'node:crypto';
import { type Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithKey, type Harness, startHarness, uploadAsset } from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';
import { REDIS } from '../src/auth/redis.provider.js';

const KEY_SHAPE = /^rf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;
const ALL_SCOPES = ['assets:read', 'assets:write', 'jobs:read', 'jobs:write'];

/**
 * The rate limiter fails open while its Redis client is still connecting, and such a request is not
 * counted; waiting for `ready` keeps request counts exact.
 */
async function untilRedisReady(harness: Harness): Promise<void> {
  const redis = harness.api.get<Redis>(REDIS);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
}

describe('/v1/admin', () => {
  let harness: Harness;
  let dataSource: DataSource;

  beforeAll(async () => {
    harness = await startHarness(testConfig(), { worker: false });
    dataSource = harness.api.get(DataSource);
    await untilRedisReady(harness);
  });

  afterAll(() => harness?.close());

  const admin = {
    get: (path: string) => harness.http.get(path).set('X-Master-Key', TEST_MASTER_KEY),
    post: (path: string, body?: object) => harness.http.post(path).set('X-Master-Key', TEST_MASTER_KEY).send(body),
    patch: (path: string, body: object) => harness.http.patch(path).set('X-Master-Key', TEST_MASTER_KEY).send(body),
  };

  async function createTenant(name = `tenant-${Date.now()}`): Promise<string> {
    return (await admin.post('/v1/admin/tenants', { name }).expect(201)).body.id as string;
  }

  const assetsWith = (key: string) => harness.http.get('/v1/assets').set('X-API-Key', key);

  describe('master key', () => {
    it('answers 401 without X-Master-Key', async () => {
      const response = await harness.http.get('/v1/admin/tenants').expect(401);
      expect(response.body).toEqual({ statusCode: 401, error: 'unauthorized', message: 'Missing X-Master-Key' });
    });

    it.each([
      ['a wrong key of the same length', TEST_MASTER_KEY.replace(/.$/, 'X')],
      ['a prefix of the right key', TEST_MASTER_KEY.slice(0, 8)],
      ['the right key with more after it', `${TEST_MASTER_KEY}0`],
      ['the right key in upper case', TEST_MASTER_KEY.toUpperCase()],
    ])('answers 401 for %s', async (_name, key) => {
      const response = await harness.http.get('/v1/admin/tenants').set('X-Master-Key', key).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'unauthorized', message: 'Wrong master key' });
    });

    it('does not take a tenant API key as the master key', async () => {
      const tenant = await createTenantWithKey(harness);
      await harness.http.get('/v1/admin/tenants').set('X-Master-Key', tenant.key).expect(401);
      await harness.http.get('/v1/admin/tenants').set('X-API-Key', tenant.key).expect(401);
    });
  });

  describe('MASTER_IPS', () => {
    it('answers 403 with the right key from an address not in the list, even when it claims one that is', async () => {
      const restricted = await startHarness(
        testConfig((c) => {
          c.auth.masterIps = ['10.9.8.7'];
        }),
        { worker: false },
      );
      try {
        const response = await restricted.http
          .get('/v1/admin/tenants')
          .set('X-Master-Key', TEST_MASTER_KEY)
          .expect(403);
        expect(response.body).toMatchObject({ statusCode: 403, error: 'forbidden' });
        // TRUST_PROXY is off, so a forwarded address is not believed.
        await restricted.http
          .get('/v1/admin/tenants')
          .set('X-Master-Key', TEST_MASTER_KEY)
          .set('X-Forwarded-For', '10.9.8.7')
          .expect(403);
      } finally {
        await restricted.close();
      }
    });

    it('admits the master key from a listed address, written as IPv4 or IPv4-mapped IPv6', async () => {
      for (const ip of ['127.0.0.1', '::ffff:127.0.0.1']) {
        const allowed = await startHarness(
          testConfig((c) => {
            c.auth.masterIps = ['10.9.8.7', ip];
          }),
          { worker: false },
        );
        try {
          await allowed.http.get('/v1/admin/tenants').set('X-Master-Key', TEST_MASTER_KEY).expect(200);
          await allowed.http.get('/v1/admin/tenants').set('X-Master-Key', 'wrong-key').expect(401);
        } finally {
          await allowed.close();
        }
      }
    });
  });

  describe('tenants', () => {
    it('creates a tenant with a trimmed name and lists it', async () => {
      const created = await admin.post('/v1/admin/tenants', { name: '  Acme Studio  ' }).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Acme Studio',
        maxRunningJobs: 4,
        webhookUrl: null,
        hasWebhookSecret: false,
        createdAt: expect.any(String),
      });

      const listed = await admin.get('/v1/admin/tenants').expect(200);
      expect(listed.body).toContainEqual(created.body);
    });

    it.each([
      ['an empty name', { name: '' }],
      ['no name', {}],
      ['a name over 200 characters', { name: 'x'.repeat(201) }],
      ['a numeric name', { name: 42 }],
      ['an unknown field', { name: 'Acme', plan: 'gold' }],
    ])('answers 400 for %s', async (_name, body) => {
      const response = await admin.post('/v1/admin/tenants', body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_input' });
    });

    it('answers 400 for a name of only spaces instead of storing an empty name', async () => {
      await admin.post('/v1/admin/tenants', { name: '   ' }).expect(400);
    });
  });

  describe('keys', () => {
    let tenantId: string;

    beforeAll(async () => {
      tenantId = await createTenant();
    });

    const createKey = (body: Record<string, unknown> = {}) =>
      admin.post('/v1/admin/keys', { tenantId, name: 'ci-uploader', minuteLimit: 100, dailyLimit: 1000, ...body });

    it('creates a key shown once, storing only the SHA-256 of its secret', async () => {
      const response = await createKey().expect(201);
      const key = response.body.key as string;
      expect(key).toMatch(KEY_SHAPE);
      expect(response.body).toEqual({
        id: expect.any(String),
        tenantId,
        name: 'ci-uploader',
        prefix: key.slice(3, 15),
        scopes: ALL_SCOPES,
        minuteLimit: 100,
        dailyLimit: 1000,
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
        createdAt: expect.any(String),
        key,
      });

      const secret = key.slice(16);
      const row = await dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id: response.body.id as string });
      expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
      const [raw] = await dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM api_keys WHERE id = $1', [
        response.body.id,
      ]);
      const stored = JSON.stringify(raw);
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(key);
    });

    it('creates a key with chosen scopes and an expiry', async () => {
      const response = await createKey({ scopes: ['assets:read'], expiresAt: '2099-01-01T00:00:00Z' }).expect(201);
      expect(response.body).toMatchObject({ scopes: ['assets:read'], expiresAt: '2099-01-01T00:00:00.000Z' });
    });

    it('never lists the key or its hash', async () => {
      await createKey().expect(201);
      const response = await admin.get(`/v1/admin/keys?tenantId=${tenantId}`).expect(200);
      expect(response.body.length).toBeGreaterThan(0);
      for (const item of response.body as Array<Record<string, unknown>>) {
        expect(item.tenantId).toBe(tenantId);
        expect(item).not.toHaveProperty('key');
        expect(item).not.toHaveProperty('secretHash');
        expect(JSON.stringify(item)).not.toMatch(/rf_[0-9a-f]{12}_/);
      }
      const all = await admin.get('/v1/admin/keys').expect(200);
      expect(all.body.length).toBeGreaterThanOrEqual(response.body.length);
      expect(all.body.some((item: Record<string, unknown>) => 'key' in item || 'secretHash' in item)).toBe(false);
    });

    it('answers 400 for a tenant filter that is not a UUID', async () => {
      await admin.get('/v1/admin/keys?tenantId=abc').expect(400);
    });

    it('answers 404 for a key of an unknown tenant', async () => {
      const response = await createKey({ tenantId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'not_found' });
    });

    it.each([
      ['minuteLimit 0', { minuteLimit: 0 }, 'minuteLimit'],
      ['a fractional minuteLimit', { minuteLimit: 1.5 }, 'minuteLimit'],
      ['minuteLimit as text', { minuteLimit: '10' }, 'minuteLimit'],
      ['dailyLimit over the maximum', { dailyLimit: 100_000_001 }, 'dailyLimit'],
      ['no dailyLimit', { dailyLimit: undefined }, 'dailyLimit'],
      ['an empty name', { name: '' }, 'name'],
      ['an unknown field', { role: 'admin' }, 'role'],
      ['an unknown scope', { scopes: ['assets:delete'] }, 'scopes'],
      ['a repeated scope', { scopes: ['assets:read', 'assets:read'] }, 'scopes'],
      ['scopes that are not a list', { scopes: 'assets:read' }, 'scopes'],
      ['an expiry that is not a date', { expiresAt: 'tomorrow' }, 'expiresAt'],
      ['a tenant id that is not a UUID', { tenantId: 'acme' }, 'tenantId'],
    ])('answers 400 for %s, naming the field', async (_name, body, field) => {
      const response = await createKey(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_input' });
      expect(response.body.details).toContainEqual(expect.objectContaining({ field }));
    });

    it('updates limits, name and scopes, and the new scopes apply to the next request', async () => {
      const created = await createKey().expect(201);
      await assetsWith(created.body.key).expect(200);

      const updated = await admin
        .patch(`/v1/admin/keys/${created.body.id}`, {
          name: ' renamed ',
          minuteLimit: 7,
          dailyLimit: 70,
          scopes: ['jobs:read'],
        })
        .expect(200);
      expect(updated.body).toMatchObject({
        id: created.body.id,
        name: 'renamed',
        minuteLimit: 7,
        dailyLimit: 70,
        scopes: ['jobs:read'],
      });
      expect(updated.body).not.toHaveProperty('key');
      const row = await dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id: created.body.id as string });
      expect(row).toMatchObject({ name: 'renamed', minuteLimit: 7, dailyLimit: 70, scopes: ['jobs:read'] });

      await assetsWith(created.body.key).expect(403);
      const limited = await harness.http.get('/v1/jobs').set('X-API-Key', created.body.key).expect(200);
      expect(limited.headers['ratelimit-policy']).toBe('7;w=60, 70;w=86400');
    });

    it('leaves fields out of a PATCH unchanged', async () => {
      const created = await createKey({ scopes: ['assets:read'] }).expect(201);
      const updated = await admin.patch(`/v1/admin/keys/${created.body.id}`, { dailyLimit: 5 }).expect(200);
      expect(updated.body).toMatchObject({
        name: 'ci-uploader',
        minuteLimit: 100,
        dailyLimit: 5,
        scopes: ['assets:read'],
      });
    });

    it.each([
      ['minuteLimit 0', { minuteLimit: 0 }],
      ['an empty name', { name: '' }],
      ['an unknown scope', { scopes: ['everything'] }],
      ['a field that cannot change', { tenantId: '00000000-0000-4000-8000-000000000000' }],
    ])('answers 400 to a PATCH with %s', async (_name, body) => {
      const created = await createKey().expect(201);
      await admin.patch(`/v1/admin/keys/${created.body.id}`, body).expect(400);
    });

    it('answers 404 for an unknown key id and 400 for a malformed one', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      await admin.patch(`/v1/admin/keys/${unknown}`, { name: 'x' }).expect(404);
      await admin.post(`/v1/admin/keys/${unknown}/revoke`).expect(404);
      await admin.post(`/v1/admin/keys/${unknown}/rotate`).expect(404);
      await admin.patch('/v1/admin/keys/not-a-uuid', { name: 'x' }).expect(400);
      await admin.post('/v1/admin/keys/not-a-uuid/revoke').expect(400);
    });

    it('revokes a key, which then answers 401, and revoking again keeps the first time', async () => {
      const created = await createKey().expect(201);
      await assetsWith(created.body.key).expect(200);

      const revoked = await admin.post(`/v1/admin/keys/${created.body.id}/revoke`).expect(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const refused = await assetsWith(created.body.key).expect(401);
      expect(refused.body).toMatchObject({ error: 'unauthorized', message: 'API key has been revoked' });

      const again = await admin.post(`/v1/admin/keys/${created.body.id}/revoke`).expect(200);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
      await admin.post(`/v1/admin/keys/${created.body.id}/rotate`).expect(404);
    });

    it('rotates a key: the old key answers 401 and the new one works, on the same record', async () => {
      const created = await createKey().expect(201);
      await assetsWith(created.body.key).expect(200);

      const rotated = await admin.post(`/v1/admin/keys/${created.body.id}/rotate`).expect(200);
      expect(rotated.body.key).toMatch(KEY_SHAPE);
      expect(rotated.body).toMatchObject({ id: created.body.id, name: 'ci-uploader', minuteLimit: 100 });
      expect(rotated.body.prefix).not.toBe(created.body.prefix);

      await assetsWith(created.body.key).expect(401);
      await assetsWith(rotated.body.key).expect(200);
    });
  });

  describe('usage', () => {
    it('reports each tenant with its assets, bytes and the requests each key made today', async () => {
      const tenant = await createTenantWithKey(harness);
      const image = await uploadAsset(harness, tenant.key, testMedia.png64());
      await assetsWith(tenant.key).expect(200);
      await harness.http.get(`/v1/assets/${image.id}`).set('X-API-Key', tenant.key).expect(200);
      const other = await createTenantWithKey(harness);

      const response = await admin.get('/v1/admin/usage').expect(200);
      const usage = (response.body as Array<Record<string, unknown>>).find((u) => u.tenantId === tenant.tenantId);
      expect(usage).toEqual({
        tenantId: tenant.tenantId,
        name: expect.any(String),
        assetCount: 1,
        storageBytes: image.sizeBytes,
        jobsLast24h: {},
        keys: [{ apiKeyId: tenant.apiKeyId, name: 'test', requestsToday: 3 }],
      });
      const idle = (response.body as Array<Record<string, unknown>>).find((u) => u.tenantId === other.tenantId);
      expect(idle).toMatchObject({ assetCount: 0, storageBytes: 0, keys: [{ requestsToday: 0 }] });
    });
  });
});
