import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { type AppConfig } from '@reelforge/config';
import { type DestinationStream } from 'pino';
import request, { type Response } from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createWorkerApp } from '../../apps/worker/src/bootstrap.js';
import { TEST_MASTER_KEY } from './test-config.js';

export interface Harness {
  config: AppConfig;
  api: INestApplication;
  worker: INestApplicationContext | null;
  http: ReturnType<typeof request>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The real API (and optionally the real worker) against the real Postgres, Redis and ffmpeg. */
export async function startHarness(
  config: AppConfig,
  options: { worker: boolean; logDestination?: DestinationStream } = { worker: true },
): Promise<Harness> {
  // Quiet by default; a suite that reads the logs passes where the JSON lines should go.
  const logging = options.logDestination ? { logDestination: options.logDestination } : { logger: false as const };
  const api = await createApiApp(config, logging);
  await api.init();
  const harness: Harness = {
    config,
    api,
    worker: null,
    http: request(api.getHttpServer()),
    async startWorker() {
      harness.worker ??= await createWorkerApp(config, logging);
      await harness.worker.init();
    },
    async close() {
      await harness.worker?.close();
      await api.close();
    },
  };
  if (options.worker) await harness.startWorker();
  return harness;
}

export interface TenantKey {
  tenantId: string;
  apiKeyId: string;
  key: string;
}

export async function createTenantWithKey(
  harness: Harness,
  limits: { minuteLimit?: number; dailyLimit?: number; scopes?: string[]; expiresAt?: string } = {},
): Promise<TenantKey> {
  const tenant = await harness.http
    .post('/v1/admin/tenants')
    .set('X-Master-Key', TEST_MASTER_KEY)
    .send({ name: `tenant-${Date.now()}` })
    .expect(201);
  const key = await harness.http
    .post('/v1/admin/keys')
    .set('X-Master-Key', TEST_MASTER_KEY)
    .send({ tenantId: tenant.body.id, name: 'test', minuteLimit: 10_000, dailyLimit: 100_000, ...limits })
    .expect(201);
  return { tenantId: tenant.body.id as string, apiKeyId: key.body.id as string, key: key.body.key as string };
}

export async function uploadAsset(harness: Harness, key: string, path: string): Promise<Record<string, unknown>> {
  const response = await harness.http.post('/v1/assets').set('X-API-Key', key).attach('file', path).expect(201);
  return response.body as Record<string, unknown>;
}

/** Polls the job until it leaves queued/processing. */
export async function waitForJob(
  harness: Harness,
  key: string,
  jobId: string,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await harness.http.get(`/v1/jobs/${jobId}`).set('X-API-Key', key).expect(200);
    if (!['queued', 'processing'].includes(response.body.status as string)) {
      return response.body as Record<string, unknown>;
    }
    if (Date.now() > deadline) throw new Error(`Job ${jobId} still ${response.body.status} after ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Collects a response body as a Buffer whatever its Content-Type (superagent only buffers text by default). */
export function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  // At parse time superagent hands over the raw IncomingMessage.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
