import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { QUEUE_NAMES } from '@reelforge/contracts';
import { JobProducer } from './job-producer.js';

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
          lockDuration: 30_000,
          stalledInterval: 30_000,
          maxStalledCount: 2,
        },
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [JobProducer],
  exports: [BullModule, JobProducer],
})
export class QueueModule {}
