import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { jobCancelChannel } from '@reelforge/contracts';
import { RunningJobs } from './running-jobs.js';
import { WorkerRedis } from './worker-redis.js';

/**
 * Stops a canceled job on whichever worker runs it: the API publishes the job id after writing
 * `canceled`; every worker hears it, and the one running the job aborts it, which SIGKILLs its ffmpeg.
 * Pub/sub is fire-and-forget: a worker that is disconnected at that instant misses the message, and
 * then its fenced succeed fails on the `canceled` row, so outputs are still discarded.
 */
@Injectable()
export class CancelListener implements OnApplicationBootstrap {
  private readonly logger = new Logger(CancelListener.name);

  constructor(
    private readonly redis: WorkerRedis,
    private readonly running: RunningJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const channel = jobCancelChannel(this.config.queue.prefix);
    this.redis.subscriber.on('message', (received: string, message: string) => {
      if (received !== channel) return;
      const jobId = parseJobId(message);
      if (jobId && this.running.abort(jobId, 'canceled')) this.logger.log(`Canceling job ${jobId}`);
    });
    // ioredis re-subscribes by itself after a reconnect (autoResubscribe, on by default).
    await this.redis.subscriber
      .subscribe(channel)
      .catch((error: unknown) =>
        this.logger.warn(`Subscribe to ${channel} failed, retrying on reconnect: ${String(error)}`),
      );
  }
}

/** The message is the job id; a JSON object `{"jobId": ...}` is accepted too. */
export function parseJobId(message: string): string | null {
  const text = message.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { jobId?: unknown };
      return typeof parsed.jobId === 'string' ? parsed.jobId : null;
    } catch {
      return null;
    }
  }
  return text || null;
}
