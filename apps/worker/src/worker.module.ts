import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@reelforge/config';
import { DatabaseModule } from '@reelforge/db';
import { MediaModule } from '@reelforge/media/nest';
import { QueueModule } from '@reelforge/queue';
import { StorageModule } from '@reelforge/storage';
import { JobLifecycle } from './lifecycle/job-lifecycle.js';
import { TrimProcessor } from './processors/trim.processor.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, QueueModule, StorageModule, MediaModule],
      providers: [JobLifecycle, TrimProcessor],
    };
  }
}
