import { getQueueToken } from '@nestjs/bull';
import { type INestApplication } from '@nestjs/common';
import { JobType } from '@reelforge/contracts';
import { type Queue } from 'bull';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../src/bootstrap.js';
import { WorkerMetricsService } from '../../worker/src/observability/worker-metrics.js';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { untilRedisReady } from '../../../test/support/rate-limit.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const EDITOR_ORIGIN = 'https://editor.example.com';

type LogLine = Record<string, unknown>;

/** Where the API and the worker write their JSON lines in this suite: memory, so the run stays quiet. */
function logCollector(): { write(line: string): void; text(): string; lines(): LogLine[] } {
  const chunks: string[] = [];
  return {
    write: (line) => void chunks.push(line),
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine),
  };
}

/** One sample of a Prometheus text exposition, by metric name and exact labels (order-insensitive). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
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

describe('observability', () => {
  const logs = logCollector();
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;
  let webhookSecret: string;
  let receiver: Server;
  let receiverBase: string;
  /** Every secret this run handled; none may appear in any log line. */
  const secrets: string[] = [TEST_MASTER_KEY, METRICS_TOKEN];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    harness = await startHarness(
      testConfig((config) => {
        config.net.allowCidrs = ['127.0.0.1/32'];
        config.observability.logLevel = 'debug';
        config.observability.metricsToken = METRICS_TOKEN;
        config.observability.workerMetricsPort = 0;
        config.observability.workerMetricsHost = '127.0.0.1';
      }),
      { worker: false, logDestination: logs },
    );
    tenant = await createTenantWithKey(harness);
    secrets.push(tenant.key);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip10s())).id as string;
    webhookSecret = (
      await harness.http
        .get(`/v1/admin/tenants/${tenant.tenantId}/webhook-secret`)
        .set('X-Master-Key', TEST_MASTER_KEY)
        .expect(200)
    ).body.secret as string;
    secrets.push(webhookSecret);
  });

  afterAll(async () => {
    await harness?.close();
    receiver?.close();
  });

  const apiMetrics = async (): Promise<string> =>
    (await harness.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

  describe('queue gauges and request ids', () => {
    let jobId: string;

    it('shows a job waiting with no worker, and echoes the caller X-Request-Id', async () => {
      const response = await harness.http
        .post('/v1/trim')
        .set('X-API-Key', tenant.key)
        .set('X-Request-Id', 'client-req-42')
        .send({ assetId: videoId, start: 1, end: 3, webhookUrl: `${receiverBase}/hook` })
        .expect(202);
      expect(response.headers['x-request-id']).toBe('client-req-42');
      jobId = response.body.jobId as string;

      const text = await apiMetrics();
      expect(sample(text, 'reelforge_queue_jobs', { queue: 'trim', state: 'waiting' })).toBe(1);
      expect(sample(text, 'reelforge_queue_jobs', { queue: 'overlay', state: 'waiting' })).toBe(0);
      expect(sample(text, 'reelforge_queue_oldest_waiting_age_seconds', { queue: 'trim' })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'reelforge_queue_oldest_waiting_age_seconds', { queue: 'transcode' })).toBe(0);
    });

    it('generates a request id when the caller sends none or an unusable one', async () => {
      const plain = await harness.http.get('/health/live').expect(200);
      expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      for (const unusable of ['a"b{c}', 'x'.repeat(129)]) {
        const response = await harness.http.get('/health/live').set('X-Request-Id', unusable).expect(200);
        expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('runs the job in the worker, which logs and counts it', async () => {
      await harness.startWorker();
      const done = await waitForJob(harness, tenant.key, jobId);
      expect(done.status).toBe('succeeded');
      // The webhook delivery follows the job; wait for it to be recorded.
      await until('the webhook delivery', async () => {
        const rows = (await harness.http.get(`/v1/jobs/${jobId}/webhooks`).set('X-API-Key', tenant.key)).body as Array<
          Record<string, unknown>
        >;
        return rows.some((row) => row.statusCode === 200) ? true : undefined;
      });

      const port = harness.worker?.get(WorkerMetricsService).port();
      expect(port).toEqual(expect.any(Number));
      const workerHttp = request(`http://127.0.0.1:${port}`);
      await workerHttp.get('/metrics').expect(401);
      await workerHttp.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789abcdef').expect(401);
      await workerHttp.get('/elsewhere').expect(404);
      const text = await until('the delivered webhook in the worker metrics', async () => {
        const body = (await workerHttp.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200))
          .text;
        return sample(body, 'reelforge_webhook_deliveries_total', { outcome: 'delivered' }) === 1 ? body : undefined;
      });
      expect(sample(text, 'reelforge_jobs_finished_total', { type: 'trim', outcome: 'succeeded' })).toBe(1);
      expect(sample(text, 'reelforge_job_duration_seconds_count', { type: 'trim' })).toBe(1);
      expect(sample(text, 'reelforge_job_duration_seconds_sum', { type: 'trim' })).toBeGreaterThan(0);
      expect(sample(text, 'reelforge_ffmpeg_cpu_seconds_total', { type: 'trim' })).toBeGreaterThan(0);
      expect(text).toContain('process_cpu_seconds_total{service="worker"}');

      const apiText = await apiMetrics();
      expect(
        sample(apiText, 'reelforge_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/v1/trim',
          status: '202',
        }),
      ).toBe(1);
      expect(
        sample(apiText, 'reelforge_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/v1/jobs/:id',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
    });
  });

  describe('/metrics', () => {
    it('asks for the bearer token when METRICS_TOKEN is set', async () => {
      const response = await harness.http.get('/metrics').expect(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      await harness.http.get('/metrics').set('Authorization', 'Bearer not-the-token-0123456789').expect(401);
      expect((await apiMetrics()).startsWith('# HELP')).toBe(true);
    });

    it('counts rate-limit rejections by route', async () => {
      const limited = await createTenantWithKey(harness, { dailyLimit: 1 });
      secrets.push(limited.key);
      await untilRedisReady(harness);
      await harness.http.get('/v1/assets').set('X-API-Key', limited.key).expect(200);
      await harness.http.get('/v1/assets').set('X-API-Key', limited.key).expect(429);
      const text = await apiMetrics();
      expect(sample(text, 'reelforge_rate_limit_rejections_total', { route: '/v1/assets' })).toBe(1);
    });
  });

  describe('health', () => {
    it('answers the public probe with status and check names only', async () => {
      const response = await harness.http.get('/health/ready').expect(200);
      expect(response.body).toEqual({
        status: 'ok',
        checks: { db: 'ok', redis: 'ok', ffmpeg: 'ok', disk: 'ok' },
      });
    });

    it('keeps versions, workers, running jobs and breakers behind the master key', async () => {
      await harness.http.get('/v1/admin/health').expect(401);
      await harness.http.get('/v1/admin/health').set('X-Master-Key', 'wrong-master-key-0123456789').expect(401);
      const response = await harness.http.get('/v1/admin/health').set('X-Master-Key', TEST_MASTER_KEY).expect(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.checks.ffmpeg).toEqual({ ok: true, detail: expect.stringContaining('ffmpeg version') });
      expect(response.body.workers).toEqual([
        expect.objectContaining({
          workerId: expect.any(String),
          ready: true,
          runningJobIds: [],
          breakers: expect.any(Object),
        }),
      ]);
    });
  });

  describe('queue dashboard', () => {
    it('refuses without the master key or a session', async () => {
      await harness.http.get('/admin/queues').expect(401);
      await harness.http.get('/admin/queues/api/queues').expect(401);
      await harness.http.get('/admin/queues').set('X-Master-Key', 'wrong-master-key-0123456789').expect(401);
      await harness.http.get('/admin/queues').set('Cookie', 'rf_dashboard=session.9999999999.forged').expect(401);
      await harness.http.post('/v1/admin/dashboard/session').expect(401);
      const forged = await harness.http.get(
        '/admin/queues/login?token=login.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      );
      expect(forged.status).toBe(401);
      expect(forged.headers['set-cookie']).toBeUndefined();
    });

    it('serves the board to the master key header', async () => {
      const page = await harness.http.get('/admin/queues').set('X-Master-Key', TEST_MASTER_KEY).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Reelforge queues');
      const queues = await harness.http
        .get('/admin/queues/api/queues')
        .set('X-Master-Key', TEST_MASTER_KEY)
        .expect(200);
      const names = (queues.body.queues as Array<{ name: string }>).map((queue) => queue.name);
      expect(names).toEqual(expect.arrayContaining(['trim', 'transcode', 'generate', 'webhook']));
    });

    it('opens in a browser through the login link, and pauses and resumes a queue', async () => {
      const session = await harness.http
        .post('/v1/admin/dashboard/session')
        .set('X-Master-Key', TEST_MASTER_KEY)
        .expect(201);
      const loginUrl = session.body.loginUrl as string;
      secrets.push(new URL(loginUrl, 'http://x').searchParams.get('token') as string);
      const login = await harness.http.get(loginUrl).expect(303);
      expect(login.headers.location).toBe('/admin/queues');
      const setCookie = (login.headers['set-cookie'] as unknown as string[])[0];
      expect(setCookie).toMatch(
        /^rf_dashboard=session\.\d+\.[\w-]{43}; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict/,
      );
      const cookie = setCookie.split(';')[0];
      secrets.push(cookie.split('=')[1]);

      await harness.http.get('/admin/queues').set('Cookie', cookie).expect(200);
      const trimQueue = harness.api.get<Queue>(getQueueToken(JobType.Trim));
      await harness.http.put('/admin/queues/api/queues/trim/pause').set('Cookie', cookie).expect(200);
      expect(await trimQueue.isPaused()).toBe(true);
      await harness.http.put('/admin/queues/api/queues/trim/resume').set('Cookie', cookie).expect(200);
      expect(await trimQueue.isPaused()).toBe(false);
      // The session cookie opens the board only, never the admin API.
      await harness.http.get('/v1/admin/tenants').set('Cookie', cookie).expect(401);
    });
  });

  describe('logs', () => {
    it('writes one JSON access line per request with id, tenant, route, status and duration', () => {
      const access = logs.lines().filter((line) => line.msg === 'request');
      const trim = access.find((line) => line.reqId === 'client-req-42');
      expect(trim).toMatchObject({
        level: 'info',
        service: 'api',
        method: 'POST',
        route: '/v1/trim',
        path: '/v1/trim',
        status: 202,
        tenantId: tenant.tenantId,
        durationMs: expect.any(Number),
      });
      expect(access.find((line) => line.status === 429)).toMatchObject({ level: 'warn', route: '/v1/assets' });
      expect(access.find((line) => line.route === '/admin/queues/login')?.path).toBe('/admin/queues/login');
    });

    it('puts job id, type and attempt on the worker lines about a job, with outcome and duration at the end', () => {
      const jobLines = logs.lines().filter((line) => line.jobType === 'trim');
      expect(jobLines.length).toBeGreaterThanOrEqual(3);
      for (const line of jobLines) expect(line).toMatchObject({ jobId: expect.any(String), service: 'worker' });
      expect(jobLines.find((line) => line.outcome === 'succeeded')).toMatchObject({
        attempt: 1,
        durationMs: expect.any(Number),
      });
      const argv = jobLines.find((line) => String(line.msg).startsWith('ffmpeg '));
      expect(argv).toMatchObject({ level: 'debug', attempt: 1 });
    });

    it('never writes a key, a token, a secret or a login link', () => {
      const text = logs.text();
      expect(text.length).toBeGreaterThan(1_000);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/whsec_[A-Za-z0-9_-]{16}/);
      expect(text).not.toMatch(/rf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/);
      expect(text).not.toMatch(/x-api-key|x-master-key|authorization/i);
    });
  });
});

describe('CORS and MASTER_IPS', () => {
  let app: INestApplication;
  let plain: INestApplication;

  beforeAll(async () => {
    app = await createApiApp(
      testConfig((config) => {
        config.observability.corsOrigins = [EDITOR_ORIGIN];
        config.auth.masterIps = ['10.9.9.9'];
      }),
      { logger: false },
    );
    await app.init();
    plain = await createApiApp(testConfig(), { logger: false });
    await plain.init();
  });

  afterAll(async () => {
    await app?.close();
    await plain?.close();
  });

  const preflight = (target: INestApplication, origin: string) =>
    request(target.getHttpServer())
      .options('/v1/jobs/00000000-0000-4000-8000-000000000000')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'x-api-key, authorization, idempotency-key, if-match, content-type');

  it('answers a preflight from a listed origin for the API-key, idempotency and If-Match headers', async () => {
    const response = await preflight(app, EDITOR_ORIGIN).expect(204);
    expect(response.headers['access-control-allow-origin']).toBe(EDITOR_ORIGIN);
    const allowed = String(response.headers['access-control-allow-headers']).toLowerCase().split(',');
    for (const header of ['x-api-key', 'authorization', 'idempotency-key', 'if-match', 'content-type']) {
      expect(allowed).toContain(header);
    }
    expect(String(response.headers['access-control-allow-methods'])).toContain('PATCH');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets the page read the request id and rate-limit headers of a real response', async () => {
    const response = await request(app.getHttpServer()).get('/health/live').set('Origin', EDITOR_ORIGIN).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(EDITOR_ORIGIN);
    expect(String(response.headers['access-control-expose-headers'])).toContain('X-Request-Id');
    expect(String(response.headers['access-control-expose-headers'])).toContain('Retry-After');
  });

  it('gives an unlisted origin no CORS headers', async () => {
    const response = await preflight(app, 'https://evil.example.com');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is off by default', async () => {
    const response = await preflight(plain, EDITOR_ORIGIN);
    expect(response.status).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(plain.getHttpServer()).get('/health/live').set('Origin', EDITOR_ORIGIN).expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses the dashboard and its login to an address outside MASTER_IPS', async () => {
    await request(app.getHttpServer()).get('/admin/queues').set('X-Master-Key', TEST_MASTER_KEY).expect(403);
    await request(app.getHttpServer()).get('/admin/queues/login?token=x').expect(403);
  });
});
