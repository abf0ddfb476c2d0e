import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { type AppConfig, ConfigModule } from '@reelforge/config';
import { LoggerModule } from 'nestjs-pino';
import { type Logger } from 'pino';
import { DatabaseModule } from '@reelforge/db';
import { MediaModule } from '@reelforge/media/nest';
import { QueueModule } from '@reelforge/queue';
import { StorageModule } from '@reelforge/storage';
import { AdminModule } from './admin/admin.module.js';
import { AssetsModule } from './assets/assets.module.js';
import { AuthModule } from './auth/auth.module.js';
import { GenerateModule } from './generate/generate.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { createValidationPipe } from './http/validation.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LibraryModule } from './library/library.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { RenderingModule } from './rendering/rendering.module.js';
import { TextModule } from './text/text.module.js';
import { TranscribeModule } from './transcribe/transcribe.module.js';
import { VariantsModule } from './variants/variants.module.js';

@Module({})
export class AppModule {
  /** `logger`: the process's root pino logger; requests log through children of it (see requestLogging). */
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // useExisting: the request id and the per-request logger come from our first middleware (req.log).
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        ObservabilityModule,
        DatabaseModule,
        QueueModule,
        StorageModule,
        MediaModule,
        AuthModule,
        AdminModule,
        AssetsModule,
        JobsModule,
        RenderingModule,
        GenerateModule,
        ProjectsModule,
        TranscribeModule,
        VariantsModule,
        LibraryModule,
        TextModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
