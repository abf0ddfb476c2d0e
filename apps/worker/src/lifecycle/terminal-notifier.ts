import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { jobChangedChannel } from '@reelforge/contracts';
import { WebhookProducer } from '@reelforge/queue';
import { WorkerRedis } from '../runtime/worker-redis.js';

/**
 * The worker's one call site for "this job ended": told once per job when this worker committed a
 * terminal state (succeeded, or failed by us or by Bull's stall limit). It queues the webhook and
 * announces the job on the job-changed channel, so event streams (`GET /v1/jobs/:id/events`) answer
 * at once rather than at their next poll. Not called for `canceled`: the API writes that state and
 * notifies itself. Never throws: the job's state is already committed, and a webhook that cannot be
 * queued must not turn a success into a retry.
 */
@Injectable()
export class JobTerminalNotifier {
  private readonly logger = new Logger(JobTerminalNotifier.name);

  constructor(
    private readonly webhooks: WebhookProducer,
    private readonly redis: WorkerRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  jobFinished(jobId: string): void {
    this.webhooks
      .jobFinished(jobId)
      .catch((error: unknown) => this.logger.warn(`Webhook for job ${jobId} not queued: ${String(error)}`));
    // A missed announcement only costs a stream one poll interval.
    this.redis.commands
      .publish(jobChangedChannel(this.config.queue.prefix), jobId)
      .catch((error: unknown) => this.logger.debug(`Job ${jobId} change not announced: ${String(error)}`));
  }
}
