import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig } from '@reelforge/config';
import { WorkerModule } from './worker.module.js';

/** No HTTP: the worker only consumes queues. Shared by main.ts and the e2e tests. */
export async function createWorkerApp(
  config: AppConfig,
  options: { logger?: false } = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: options.logger === false ? false : new Logger(),
  });
  app.enableShutdownHooks();
  return app;
}
