import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { type AppConfig } from '@reelforge/config';
import { createRootLogger, HttpMetrics } from '@reelforge/observability';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { corsOptions } from './observability/cors.js';
import { mountQueueDashboard } from './observability/dashboard.js';
import { requestLogging } from './observability/request-logging.js';
import { refuseForbiddenCharacters, verifyJsonDepth } from './http/body-guard.js';
import { buildOpenApiDocument } from './openapi.js';

export interface ApiAppOptions {
  /** false: no log output at all (the test default); requests still get ids and metrics. */
  logger?: false;
  /** JSON lines go here instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** Builds the HTTP app without listening, so main.ts and the e2e tests share every setting. */
export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}): Promise<INestApplication> {
  const root = await createRootLogger(config, { service: 'api', destination: options.logDestination });
  if (options.logger === false) root.level = 'silent';
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, root), {
    // Held until the pino logger is installed below, so boot messages come out as JSON too.
    bufferLogs: options.logger !== false,
    logger: options.logger === false ? false : undefined,
    // Multipart uploads are streamed by the assets service; JSON bodies are small specs.
    bodyParser: false,
  });
  if (options.logger !== false) app.useLogger(app.get(PinoNestLogger));

  // Before everything else, so that CORS preflights, the docs and the dashboard are logged and measured too.
  app.use(requestLogging(root, app.get(HttpMetrics)));
  const cors = corsOptions(config);
  if (cors) app.enableCors(cors);

  // JSON Patch bodies (RFC 6902) are JSON under their own media type. Nest's option type omits
  // body-parser's `verify`, but passes it through; it sees the raw bytes first.
  const jsonOptions = {
    limit: '1mb',
    type: ['application/json', 'application/json-patch+json'],
    verify: verifyJsonDepth,
  };
  app.useBodyParser('json', jsonOptions);
  app.use(refuseForbiddenCharacters);
  app.set('trust proxy', config.api.trustProxy);
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  mountQueueDashboard(app, config);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  return app;
}
