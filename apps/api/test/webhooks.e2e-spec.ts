import { verifyWebhookSignature } from '@reelforge/net';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: records every request; `/flaky` answers 500 the first time, then 200. */
async function receiver(host: string): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body });
      const failFirst = path.startsWith('/flaky') && !seen.has(path);
      seen.add(path);
      response.writeHead(failFirst ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, base: `http://${host}:${(server.address() as AddressInfo).port}`, received };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('webhooks', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;
  let secret: string;
  let allowed: Awaited<ReturnType<typeof receiver>>;
  // 127.0.0.2 is loopback but outside NET_ALLOW_CIDRS: every delivery there must be refused.
  let forbidden: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    allowed = await receiver('127.0.0.1');
    forbidden = await receiver('127.0.0.2');
    harness = await startHarness(
      testConfig((config) => {
        config.net.allowCidrs = ['127.0.0.1/32'];
        config.webhooks.backoffBaseMs = 200;
      }),
      { worker: false },
    );
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip10s())).id as string;
    secret = (
      await harness.http
        .get(`/v1/admin/tenants/${tenant.tenantId}/webhook-secret`)
        .set('X-Master-Key', TEST_MASTER_KEY)
        .expect(200)
    ).body.secret as string;
  });

  afterAll(async () => {
    await harness?.close();
    allowed.server.close();
    forbidden.server.close();
  });

  const trim = (extra: Record<string, unknown> = {}) =>
    harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .send({ assetId: videoId, start: 1, end: 2, ...extra });
  const deliveries = async (jobId: string) =>
    (await harness.http.get(`/v1/jobs/${jobId}/webhooks`).set('X-API-Key', tenant.key).expect(200)).body as Array<
      Record<string, unknown>
    >;

  it('validates webhookUrl at request time', async () => {
    for (const webhookUrl of ['ftp://example.com/', 'https://user:pw@example.com/', 'not a url', 42]) {
      await trim({ webhookUrl }).expect(400);
    }
    await trim({ webhookUrl: `https://example.com/${'a'.repeat(2048)}` }).expect(400);
  });

  let canceledId: string;
  let refusedId: string;

  it('queues deliveries for jobs canceled before any worker runs', async () => {
    canceledId = (await trim({ webhookUrl: `${allowed.base}/flaky-cancel` }).expect(202)).body.jobId as string;
    await harness.http.post(`/v1/jobs/${canceledId}/cancel`).set('X-API-Key', tenant.key).expect(200);
    refusedId = (await trim({ webhookUrl: `${forbidden.base}/nope` }).expect(202)).body.jobId as string;
    await harness.http.post(`/v1/jobs/${refusedId}/cancel`).set('X-API-Key', tenant.key).expect(200);
    expect(await deliveries(canceledId)).toEqual([]);
    await harness.startWorker();
  });

  it('retries a receiver that answers 500, then records the 200', async () => {
    const rows = await until('two delivery attempts', async () => {
      const list = await deliveries(canceledId);
      return list.length >= 2 ? list : undefined;
    });
    expect(rows).toEqual([
      expect.objectContaining({ event: 'job.canceled', attempt: 1, statusCode: 500, deliveredAt: null }),
      expect.objectContaining({ event: 'job.canceled', attempt: 2, statusCode: 200, error: null }),
    ]);
    expect(rows[1]!.deliveredAt).not.toBeNull();
    expect(rows[0]!.durationMs).toEqual(expect.any(Number));
    const hits = allowed.received.filter((r) => r.path === '/flaky-cancel');
    expect(hits).toHaveLength(2);
    // Both attempts carry the same delivery id, so a receiver can dedupe.
    expect(hits[0]!.headers['x-reelforge-delivery']).toBe(hits[1]!.headers['x-reelforge-delivery']);
  });

  it('refuses a target outside the allow-list once, without a request reaching it', async () => {
    const rows = await until('the refused delivery', async () => {
      const list = await deliveries(refusedId);
      return list.length >= 1 ? list : undefined;
    });
    // The refusal is permanent: give a retry time to (wrongly) happen.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await deliveries(refusedId)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ statusCode: null, deliveredAt: null });
    expect(rows[0]!.error).toMatch(/^refused: .*127\.0\.0\.2 is loopback/);
    expect(forbidden.received).toEqual([]);
  });

  it('POSTs a signed job body when a job succeeds, to the tenant default URL', async () => {
    await harness.http
      .patch(`/v1/admin/tenants/${tenant.tenantId}`)
      .set('X-Master-Key', TEST_MASTER_KEY)
      .send({ webhookUrl: `${allowed.base}/default` })
      .expect(200)
      .expect((response) => expect(response.body).toMatchObject({ webhookUrl: `${allowed.base}/default` }));

    const jobId = (await trim().expect(202)).body.jobId as string;
    const job = await waitForJob(harness, tenant.key, jobId);
    expect(job.status).toBe('succeeded');
    const hit = await until('the success webhook', async () =>
      allowed.received.find((r) => r.path === '/default' && r.body.includes(jobId)),
    );

    expect(hit.headers['x-reelforge-event']).toBe('job.succeeded');
    expect(hit.headers['content-type']).toBe('application/json');
    const signature = hit.headers['x-reelforge-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, hit.body, signature)).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', hit.body, signature)).toBe(false);

    const body = JSON.parse(hit.body) as Record<string, unknown>;
    // The same shape as GET /v1/jobs/:id.
    expect(Object.keys(body).sort()).toEqual(Object.keys(job).sort());
    expect(body).toMatchObject({ id: jobId, status: 'succeeded', progress: 100, outputs: job.outputs });

    const rows = await until('the recorded delivery', async () => {
      const list = await deliveries(jobId);
      return list.some((row) => row.statusCode === 200) ? list : undefined;
    });
    expect(rows[0]).toMatchObject({ event: 'job.succeeded', url: `${allowed.base}/default`, attempt: 1 });
  });

  it("lists deliveries only for the job's own tenant, and rotates the secret", async () => {
    const other = await createTenantWithKey(harness);
    await harness.http.get(`/v1/jobs/${canceledId}/webhooks`).set('X-API-Key', other.key).expect(404);

    const rotated = await harness.http
      .post(`/v1/admin/tenants/${tenant.tenantId}/webhook-secret`)
      .set('X-Master-Key', TEST_MASTER_KEY)
      .expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
  });

  it('stores tenant settings and refuses bad ones', async () => {
    const patch = (body: Record<string, unknown>) =>
      harness.http.patch(`/v1/admin/tenants/${tenant.tenantId}`).set('X-Master-Key', TEST_MASTER_KEY).send(body);
    expect((await patch({ maxRunningJobs: 7 }).expect(200)).body).toMatchObject({
      maxRunningJobs: 7,
      webhookUrl: `${allowed.base}/default`,
      hasWebhookSecret: true,
    });
    expect((await patch({ webhookUrl: null }).expect(200)).body.webhookUrl).toBeNull();
    await patch({ maxRunningJobs: 0 }).expect(400);
    await patch({ webhookUrl: 'gopher://x' }).expect(400);
    await patch({ name: 'renamed' }).expect(400);
    await harness.http
      .patch('/v1/admin/tenants/00000000-0000-4000-8000-000000000000')
      .set('X-Master-Key', TEST_MASTER_KEY)
      .send({ maxRunningJobs: 2 })
      .expect(404);
    await harness.http.patch(`/v1/admin/tenants/${tenant.tenantId}`).send({ maxRunningJobs: 2 }).expect(401);
  });
});
