import { InjectQueue } from '@nestjs/bull';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { WEBHOOK_QUEUE, type WebhookDeliveryPayload } from '@reelforge/contracts';
import { MediaTools } from '@reelforge/media/nest';
import { createRegistry, currentJobContext, isScrapeAuthorized, WorkerMetrics } from '@reelforge/observability';
import { type Job, type Queue } from 'bull';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Registry } from 'prom-client';

/**
 * The worker's metrics and its one HTTP listener (WORKER_METRICS_PORT): GET /metrics and nothing else.
 * ffmpeg CPU is attributed to the job type of the async context the run happened in (JobTracker binds it).
 */
@Injectable()
export class WorkerMetricsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsService.name);
  readonly registry: Registry = createRegistry('worker');
  readonly metrics = new WorkerMetrics(this.registry);
  private server: Server | null = null;

  constructor(
    private readonly media: MediaTools,
    @InjectQueue(WEBHOOK_QUEUE) private readonly webhooks: Queue<WebhookDeliveryPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.media.onRunFinished((record) => {
      if (record.cpuSec === null) return;
      this.metrics.ffmpegCpu.inc({ type: currentJobContext()?.jobType ?? 'other' }, record.cpuSec);
    });
    // Webhook outcomes from the queue's own events: the processor stays about delivering.
    this.webhooks.on('completed', () => this.metrics.webhookDeliveries.inc({ outcome: 'delivered' }));
    this.webhooks.on('failed', (job: Job<WebhookDeliveryPayload> | null) => {
      if (!job) return;
      // After 'failed' Bull has either scheduled the retry (delayed) or left the job in the failed set.
      void job
        .isFailed()
        .then((final) => this.metrics.webhookDeliveries.inc({ outcome: final ? 'failed' : 'retry' }))
        .catch(() => this.metrics.webhookDeliveries.inc({ outcome: 'retry' }));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.observability.workerMetricsPort;
    if (port === null) return;
    const server = createServer((request, response) => {
      void this.answer(request.method, request.url, request.headers.authorization, response);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, this.config.observability.workerMetricsHost, resolve);
      });
    } catch (error) {
      // Metrics are not worth a worker: a second worker on the host with the same port still consumes jobs.
      this.logger.error(`Metrics listener not started on port ${port}: ${String(error)}`);
      return;
    }
    this.server = server;
    this.logger.log(`Metrics on :${this.port()}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The bound port (useful with WORKER_METRICS_PORT=0); null without a listener. */
  port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }

  private async answer(
    method: string | undefined,
    url: string | undefined,
    authorization: string | undefined,
    response: ServerResponse,
  ): Promise<void> {
    const path = (url ?? '/').split('?')[0];
    if (path !== '/metrics' || (method !== 'GET' && method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"statusCode":404,"error":"not_found"}');
      return;
    }
    if (!isScrapeAuthorized(authorization, this.config.observability.metricsToken)) {
      response
        .writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer realm="metrics"' })
        .end('{"statusCode":401,"error":"unauthorized","message":"Send Authorization: Bearer <METRICS_TOKEN>"}');
      return;
    }
    try {
      const body = await this.registry.metrics();
      response.writeHead(200, { 'Content-Type': this.registry.contentType }).end(method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(`Metrics not collected: ${String(error)}`);
      response.writeHead(500).end();
    }
  }
}
