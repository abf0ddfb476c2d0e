import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { checkRedisEvictionPolicy } from '@reelforge/queue';

/**
 * The worker's own Redis connections besides Bull's: `commands` fails fast while Redis is away
 * (status, reconciler), `subscriber` is dedicated to pub/sub, which a connection in subscriber mode
 * requires. Both reconnect by themselves (ioredis retryStrategy).
 */
@Injectable()
export class WorkerRedis implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerRedis.name);
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** Names this process in status keys and logs. */
  readonly workerId = `${hostname()}:${process.pid}`;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const reconnect = (times: number): number => Math.min(times * 200, 2_000);
    this.commands = new Redis(config.redis.url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      retryStrategy: reconnect,
      lazyConnect: false,
    });
    this.subscriber = new Redis(config.redis.url, { connectTimeout: 2_000, retryStrategy: reconnect });
    // Unhandled 'error' events would crash the process while Redis is down; log them instead.
    this.commands.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
    this.subscriber.on('error', (error: Error) => this.logger.debug(`Redis subscriber: ${error.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.waitReady(this.commands, 5_000);
    await checkRedisEvictionPolicy(this.commands, this.logger).catch(() => null);
  }

  onApplicationShutdown(): void {
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  private async waitReady(redis: Redis, timeoutMs: number): Promise<void> {
    if (redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
