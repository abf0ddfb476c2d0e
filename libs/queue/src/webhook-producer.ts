import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import {
  buildJobBody,
  JobStatus,
  retryPlan,
  TERMINAL_JOB_STATUSES,
  WEBHOOK_QUEUE,
  type WebhookDeliveryPayload,
  type WebhookEvent,
} from '@reelforge/contracts';
import { JobEntity, TenantEntity, VariantEntity } from '@reelforge/db';
import { generateWebhookSecret } from '@reelforge/net';
import { type Queue } from 'bull';
import { In, IsNull, type Repository } from 'typeorm';
import { withEnqueueTimeout } from './job-producer.js';

const EVENT_BY_STATUS: Partial<Record<JobStatus, WebhookEvent>> = {
  [JobStatus.Succeeded]: 'job.succeeded',
  [JobStatus.Failed]: 'job.failed',
  [JobStatus.Canceled]: 'job.canceled',
};

/**
 * Queues the webhook for a job that reached a terminal state. Call it after the terminal state is
 * committed (worker: after succeed/fail; API: after cancel). Calling it twice for the same outcome
 * is harmless: the Bull job id is derived from the outcome, and Bull refuses a duplicate id.
 */
@Injectable()
export class WebhookProducer {
  constructor(
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue<WebhookDeliveryPayload>,
    @InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>,
    @InjectRepository(TenantEntity) private readonly tenants: Repository<TenantEntity>,
    @InjectRepository(VariantEntity) private readonly variants: Repository<VariantEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Enqueues a delivery when the job is terminal and a URL applies (its own, else the tenant's). */
  async jobFinished(jobId: string): Promise<void> {
    const job = await this.jobs.findOneBy({ id: jobId });
    if (!job || !TERMINAL_JOB_STATUSES.includes(job.status)) return;
    const tenant = await this.tenants.findOneBy({ id: job.tenantId });
    const url = job.webhookUrl ?? tenant?.webhookUrl ?? null;
    const event = EVENT_BY_STATUS[job.status];
    if (!tenant || !url || !event) return;
    await this.ensureSecret(tenant);

    const variants =
      job.outputVariantIds.length === 0
        ? []
        : await this.variants.find({
            where: { id: In(job.outputVariantIds), tenantId: job.tenantId },
            select: { id: true, storageKey: true, mime: true, kind: true, quality: true },
          });
    const body = buildJobBody(job, job.outputVariantIds, variants, { queuePosition: null, etaSec: null });
    // One id per outcome: a retried job that ends again gets a new finishedAt, so a new delivery.
    const deliveryId = `${job.id}.${job.status}.${(job.finishedAt ?? job.updatedAt).getTime()}`;
    const plan = retryPlan(this.config.webhooks.backoffBaseMs, this.config.webhooks.retryWindowMs);
    const payload: WebhookDeliveryPayload = {
      deliveryId,
      jobId: job.id,
      tenantId: job.tenantId,
      event,
      url,
      body: JSON.stringify(body),
    };
    await withEnqueueTimeout(
      this.queue.add(payload, {
        jobId: deliveryId,
        attempts: plan.attempts,
        backoff: { type: 'exponential', delay: this.config.webhooks.backoffBaseMs },
        // Kept for a day so a repeated jobFinished for the same outcome finds the id taken.
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
    );
  }

  /** A tenant gets its signing key on first use; admins read or rotate it. */
  private async ensureSecret(tenant: TenantEntity): Promise<void> {
    if (tenant.webhookSecret) return;
    // Conditional, so two first deliveries at once cannot leave them signed with different keys.
    await this.tenants.update({ id: tenant.id, webhookSecret: IsNull() }, { webhookSecret: generateWebhookSecret() });
  }
}
