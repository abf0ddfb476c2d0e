import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig } from '@reelforge/config';
import { createRootLogger, PinoNestLogger } from '@reelforge/observability';
import { type DestinationStream } from 'pino';
import { WorkerModule } from './worker.module.js';

export interface WorkerAppOptions {
  /** false: no log output at all (the test default). */
  logger?: false;
  /** JSON lines go here instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** No public HTTP: the worker consumes queues (and answers /metrics when WORKER_METRICS_PORT is set). */
export async function createWorkerApp(
  config: AppConfig,
  options: WorkerAppOptions = {},
): Promise<INestApplicationContext> {
  const root = await createRootLogger(config, { service: 'worker', destination: options.logDestination });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: options.logger === false ? false : new PinoNestLogger(root),
  });
  app.enableShutdownHooks();
  return app;
}
