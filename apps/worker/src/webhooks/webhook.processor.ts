import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { WEBHOOK_QUEUE, type WebhookDeliveryPayload } from '@reelforge/contracts';
import { TenantEntity, WebhookDeliveryEntity } from '@reelforge/db';
import { DELIVERY_HEADER, EVENT_HEADER, NetError, safeRequest, SIGNATURE_HEADER, signWebhook } from '@reelforge/net';
import { type Job, type Queue } from 'bull';
import { type Repository } from 'typeorm';

/** Receivers answer with whatever they like; only the status matters, so little of the body is read. */
const MAX_RECEIVER_RESPONSE_BYTES = 16 * 1024;
/** Deliveries at once per worker process: they wait on the network, not the CPU. */
const WEBHOOK_CONCURRENCY = 8;

/** A delivery the receiver can never accept: retrying would not help. */
class PermanentDeliveryFailure extends Error {}

/**
 * Delivers one job event per Bull job: signs the stored body with the tenant's current secret,
 * POSTs it through the SSRF-safe client, and records every attempt in webhook_deliveries. A non-2xx
 * answer or a transport error is retried by Bull with exponential backoff (WebhookProducer sets the
 * attempts); a refused target (private address, bad URL) fails at once.
 */
@Injectable()
export class WebhookProcessor implements OnModuleInit {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue<WebhookDeliveryPayload>,
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    void this.queue.process(WEBHOOK_CONCURRENCY, (job: Job<WebhookDeliveryPayload>) => this.deliver(job));
  }

  async deliver(job: Job<WebhookDeliveryPayload>): Promise<void> {
    const payload = job.data;
    const attempt = job.attemptsMade + 1;
    const tenant = await this.tenants.findOneBy({ id: payload.tenantId });
    if (!tenant?.webhookSecret) {
      job.discard();
      await this.record(payload, attempt, {
        statusCode: null,
        error: 'the tenant has no webhook secret',
        durationMs: 0,
      });
      throw new PermanentDeliveryFailure(`Tenant ${payload.tenantId} has no webhook secret`);
    }

    const startedMs = Date.now();
    const timestampSec = Math.floor(startedMs / 1000);
    try {
      const response = await safeRequest(payload.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Reelforge-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(tenant.webhookSecret, payload.body, timestampSec),
          [EVENT_HEADER]: payload.event,
          [DELIVERY_HEADER]: payload.deliveryId,
        },
        body: payload.body,
        timeoutMs: this.config.webhooks.timeoutMs,
        maxResponseBytes: MAX_RECEIVER_RESPONSE_BYTES,
        // A receiver that moved must be reconfigured; following it would sign our body to wherever it points.
        maxRedirects: 0,
        policy: { allowPrivate: this.config.net.allowCidrs },
      });
      const durationMs = Date.now() - startedMs;
      const delivered = response.statusCode >= 200 && response.statusCode < 300;
      await this.record(payload, attempt, {
        statusCode: response.statusCode,
        error: delivered ? null : `the receiver answered ${response.statusCode}`,
        durationMs,
        deliveredAt: delivered ? new Date() : null,
      });
      if (!delivered) throw new Error(`${payload.url} answered ${response.statusCode}`);
    } catch (error) {
      if (!(error instanceof NetError)) throw error;
      const durationMs = Date.now() - startedMs;
      // `refused` and `invalid_url` are decided by the URL and our policy, not the weather.
      const permanent = error.kind === 'refused' || error.kind === 'invalid_url' || error.kind === 'unresolvable';
      await this.record(payload, attempt, { statusCode: null, error: `${error.kind}: ${error.message}`, durationMs });
      if (permanent) {
        job.discard();
        this.logger.warn(`Webhook ${payload.deliveryId} refused for good: ${error.message}`);
      }
      throw error;
    }
  }

  private async record(
    payload: WebhookDeliveryPayload,
    attempt: number,
    outcome: { statusCode: number | null; error: string | null; durationMs: number; deliveredAt?: Date | null },
  ): Promise<void> {
    await this.deliveries.insert({
      jobId: payload.jobId,
      tenantId: payload.tenantId,
      url: payload.url,
      event: payload.event,
      attempt,
      statusCode: outcome.statusCode,
      error: outcome.error?.slice(0, 2_000) ?? null,
      durationMs: outcome.durationMs,
      deliveredAt: outcome.deliveredAt ?? null,
    });
  }
}
