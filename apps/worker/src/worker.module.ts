import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@reelforge/config';
import { FontRegistry } from '@reelforge/text';
import { join } from 'node:path';
import { DatabaseModule } from '@reelforge/db';
import { MediaModule } from '@reelforge/media/nest';
import { QueueModule } from '@reelforge/queue';
import { StorageModule } from '@reelforge/storage';
import { JobLifecycle } from './lifecycle/job-lifecycle.js';
import { OutputRecorder } from './lifecycle/output-recorder.js';
import { OverlayProcessor } from './processors/overlay.processor.js';
import { SourceAssets } from './processors/source-assets.js';
import { ThumbnailProcessor } from './processors/thumbnail.processor.js';
import { TranscodeProcessor } from './processors/transcode.processor.js';
import { TrimProcessor } from './processors/trim.processor.js';

/** Fonts are registered with the canvas once per process. */
const fontRegistryProvider = {
  provide: FontRegistry,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new FontRegistry(join(config.assets.dir, 'fonts')),
};

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, QueueModule, StorageModule, MediaModule],
      providers: [
        JobLifecycle,
        OutputRecorder,
        SourceAssets,
        TrimProcessor,
        TranscodeProcessor,
        ThumbnailProcessor,
        OverlayProcessor,
        fontRegistryProvider,
      ],
    };
  }
}
