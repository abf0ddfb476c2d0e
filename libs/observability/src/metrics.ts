import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Request latency: API calls answer in milliseconds, uploads and downloads can take seconds. */
const HTTP_BUCKETS_SEC = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];
/** Jobs: a probe takes under a second, a long transcode an hour. */
const JOB_BUCKETS_SEC = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * One registry per app instance, not prom-client's global one: the tests run an API and a worker
 * in one process, and each must export only its own series.
 */
export function createRegistry(service: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export class HttpMetrics {
  readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly rateLimitRejections: Counter<'route'>;

  constructor(registry: Registry) {
    this.requestDuration = new Histogram({
      name: 'reelforge_http_request_duration_seconds',
      help: 'HTTP requests by route template (not the raw path, to bound cardinality), method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS_SEC,
      registers: [registry],
    });
    this.rateLimitRejections = new Counter({
      name: 'reelforge_rate_limit_rejections_total',
      help: 'Requests refused with 429 by the per-key minute or daily limit',
      labelNames: ['route'],
      registers: [registry],
    });
  }
}

export type JobOutcome = 'succeeded' | 'failed' | 'retried' | 'canceled' | 'requeued';
export type WebhookOutcome = 'delivered' | 'retry' | 'failed';

export class WorkerMetrics {
  readonly jobsFinished: Counter<'type' | 'outcome'>;
  readonly jobDuration: Histogram<'type'>;
  readonly ffmpegCpu: Counter<'type'>;
  readonly webhookDeliveries: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.jobsFinished = new Counter({
      name: 'reelforge_jobs_finished_total',
      help: 'Job attempts that ended, by job type and outcome (succeeded, failed, retried, canceled, requeued)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.jobDuration = new Histogram({
      name: 'reelforge_job_duration_seconds',
      help: 'Wall-clock time of one job attempt in the worker, by job type',
      labelNames: ['type'],
      buckets: JOB_BUCKETS_SEC,
      registers: [registry],
    });
    this.ffmpegCpu = new Counter({
      name: 'reelforge_ffmpeg_cpu_seconds_total',
      help: 'CPU time (user + system, all threads) of ffmpeg children, by job type',
      labelNames: ['type'],
      registers: [registry],
    });
    this.webhookDeliveries = new Counter({
      name: 'reelforge_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (delivered, retry, failed: gave up)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }
}

export interface QueueSnapshot {
  name: string;
  counts: Record<string, number>;
  /** Null when nothing waits. */
  oldestWaitingAgeSec: number | null;
}

/** Gauges read from Redis at scrape time, so they are never stale and cost nothing between scrapes. */
export function registerQueueGauges(registry: Registry, snapshot: () => Promise<QueueSnapshot[]>): void {
  let pending: Promise<QueueSnapshot[]> | null = null;
  // Both gauges are collected in one scrape; one Redis round per scrape is enough for both.
  const read = (): Promise<QueueSnapshot[]> => {
    pending ??= snapshot().finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
  new Gauge({
    name: 'reelforge_queue_jobs',
    help: 'Jobs in each Bull queue by state (waiting, active, delayed, failed, paused)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of await read()) {
        for (const [state, count] of Object.entries(queue.counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  new Gauge({
    name: 'reelforge_queue_oldest_waiting_age_seconds',
    help: 'Age of the job that has waited longest in each queue (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of await read()) this.set({ queue: queue.name }, queue.oldestWaitingAgeSec ?? 0);
    },
  });
}

/** True when no token is configured, or the request's `Authorization: Bearer` matches it. */
export function isScrapeAuthorized(authorization: string | undefined, token: string | null): boolean {
  if (token === null) return true;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
