import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadAppConfig, loadDotEnv } from '@reelforge/config';
import { createWorkerApp } from './bootstrap.js';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadAppConfig();
  await createWorkerApp(config);
  new Logger('Worker').log(`Consuming queues with concurrency ${config.worker.concurrency} per queue`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
