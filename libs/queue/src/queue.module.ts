import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { QUEUE_NAMES, WEBHOOK_QUEUE } from '@reelforge/contracts';
import { JobProducer } from './job-producer.js';
import { WebhookProducer } from './webhook-producer.js';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        url: config.redis.url,
        prefix: config.queue.prefix,
        settings: {
          // A worker that dies mid-job loses its lock; after this long another worker takes the job again.
          // Configurable so the fault tests can watch a stall recover in seconds instead of a minute.
          // Past maxStalledCount Bull fails the job without its retries; the worker's 'failed' handler
          // then ends the row (https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queue).
          lockDuration: config.queue.lockMs,
          stalledInterval: config.queue.stalledIntervalMs,
          maxStalledCount: config.queue.maxStalledCount,
        },
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name })), { name: WEBHOOK_QUEUE }),
  ],
  providers: [JobProducer, WebhookProducer],
  exports: [BullModule, JobProducer, WebhookProducer],
})
export class QueueModule {}
