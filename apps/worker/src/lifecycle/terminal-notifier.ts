import { Injectable, Logger } from '@nestjs/common';
import { WebhookProducer } from '@reelforge/queue';

/**
 * The worker's one webhook call site: told once per job when this worker committed a terminal state
 * (succeeded, or failed by us or by Bull's stall limit). Not called for `canceled`: the API writes
 * that state and queues its webhook itself. Never throws: the job's state is already committed,
 * and a webhook that cannot be queued must not turn a success into a retry.
 */
@Injectable()
export class JobTerminalNotifier {
  private readonly logger = new Logger(JobTerminalNotifier.name);

  constructor(private readonly webhooks: WebhookProducer) {}

  jobFinished(jobId: string): void {
    this.webhooks
      .jobFinished(jobId)
      .catch((error: unknown) => this.logger.warn(`Webhook for job ${jobId} not queued: ${String(error)}`));
  }
}
