import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { checkRedisEvictionPolicy } from '@reelforge/queue';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { Redis } from 'ioredis';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

@Injectable()
class RedisLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Warn loudly, without blocking boot, when Redis could evict queue keys. */
  onApplicationBootstrap(): void {
    const check = (): void => void checkRedisEvictionPolicy(this.redis, new Logger('Redis')).catch(() => null);
    // Commands fail fast while disconnected (no offline queue), so check once the connection is up.
    if (this.redis.status === 'ready') check();
    else this.redis.once('ready', check);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

/** The API's own Redis client (rate limits, health). Fails fast instead of queueing commands while Redis is away. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis(config.redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 }),
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
