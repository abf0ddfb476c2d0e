import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { jobChangedChannel } from '@reelforge/contracts';
import { Redis } from 'ioredis';

/**
 * Wakes event streams when a job they follow ends. One subscriber connection per API process, opened
 * with the first stream (a process nobody streams from never holds it). The channel is a hint: a
 * stream still re-reads the row on its own interval, so a message lost while Redis is away only costs
 * that interval.
 */
@Injectable()
export class JobChangeListener implements OnApplicationShutdown {
  private readonly logger = new Logger(JobChangeListener.name);
  private readonly waiters = new Map<string, Set<(announced: boolean) => void>>();
  private subscribed: Promise<unknown> = Promise.resolve();
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Resolves true when `jobId` is announced, false after `timeoutMs` or when `signal` aborts, whichever comes first.
   */
  waitForChange(jobId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.ensureSubscribed();
    return new Promise((resolve) => {
      const finish = (announced: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const set = this.waiters.get(jobId);
        set?.delete(finish);
        if (set?.size === 0) this.waiters.delete(jobId);
        resolve(announced);
      };
      const onAbort = (): void => finish(false);
      const timer = setTimeout(onAbort, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      const set = this.waiters.get(jobId) ?? new Set<(announced: boolean) => void>();
      set.add(finish);
      this.waiters.set(jobId, set);
    });
  }

  /** Resolves once the subscription is in place (tests; streams do not need to wait for it). */
  async ready(): Promise<void> {
    this.ensureSubscribed();
    await this.subscribed;
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
    this.subscriber = null;
    for (const set of this.waiters.values()) for (const finish of [...set]) finish(false);
  }

  private ensureSubscribed(): void {
    if (this.subscriber) return;
    const channel = jobChangedChannel(this.config.queue.prefix);
    const subscriber = new Redis(this.config.redis.url, {
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    // Unhandled 'error' events would crash the process while Redis is down; streams fall back to polling.
    subscriber.on('error', (error: Error) => this.logger.debug(`Redis subscriber: ${error.message}`));
    subscriber.on('message', (received: string, jobId: string) => {
      if (received !== channel) return;
      for (const finish of [...(this.waiters.get(jobId) ?? [])]) finish(true);
    });
    // ioredis subscribes again by itself after a reconnect (autoResubscribe).
    this.subscribed = subscriber
      .subscribe(channel)
      .catch((error: unknown) => this.logger.warn(`Subscribe to ${channel} failed, polling only: ${String(error)}`));
    this.subscriber = subscriber;
  }
}
