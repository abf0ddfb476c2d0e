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
import { JobTerminalNotifier } from './lifecycle/terminal-notifier.js';
import { JobTracker } from './lifecycle/tracked-processor.js';
import { WorkerMetricsService } from './observability/worker-metrics.js';
import { GenerateProcessor } from './processors/generate.processor.js';
import { AnalysisProcessor } from './processors/analysis.processor.js';
import { AudioAnalysisService } from './processors/audio-analysis.js';
import { ImportProcessor } from './processors/import.processor.js';
import { OverlayProcessor } from './processors/overlay.processor.js';
import { RemoteMediaFetcher } from './processors/remote-media.js';
import { SourceAssets } from './processors/source-assets.js';
import { ThumbnailProcessor } from './processors/thumbnail.processor.js';
import { TranscodeProcessor } from './processors/transcode.processor.js';
import { TranscribeProcessor } from './processors/transcribe.processor.js';
import { TrimProcessor } from './processors/trim.processor.js';
import { CancelListener } from './runtime/cancel-listener.js';
import { CircuitBreaker } from './runtime/circuit-breaker.js';
import { QueueGate } from './runtime/queue-gate.js';
import { Reconciler } from './runtime/reconciler.js';
import { RunningJobs } from './runtime/running-jobs.js';
import { Sweeper } from './runtime/sweeper.js';
import { WorkerRedis } from './runtime/worker-redis.js';
import { WorkerShutdown } from './runtime/worker-shutdown.js';
import { WorkerStatus } from './runtime/worker-status.js';
import { WebhookProcessor } from './webhooks/webhook.processor.js';

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
        JobTerminalNotifier,
        JobTracker,
        WorkerMetricsService,
        RunningJobs,
        QueueGate,
        CircuitBreaker,
        WorkerRedis,
        WorkerStatus,
        CancelListener,
        WorkerShutdown,
        Reconciler,
        Sweeper,
        SourceAssets,
        TrimProcessor,
        TranscodeProcessor,
        ThumbnailProcessor,
        OverlayProcessor,
        RemoteMediaFetcher,
        ImportProcessor,
        AudioAnalysisService,
        AnalysisProcessor,
        GenerateProcessor,
        TranscribeProcessor,
        WebhookProcessor,
        fontRegistryProvider,
      ],
    };
  }
}
