import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadAppConfig, loadDotEnv } from '@reelforge/config';
import { createApiApp } from './bootstrap.js';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadAppConfig();
  const app = await createApiApp(config);
  await app.listen(config.api.port);
  new Logger('Api').log(`Listening on :${config.api.port}; docs at /docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
