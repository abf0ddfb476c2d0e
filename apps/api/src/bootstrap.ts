import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { type AppConfig } from '@reelforge/config';
import { AppModule } from './app.module.js';
import { refuseForbiddenCharacters, verifyJsonDepth } from './http/body-guard.js';
import { buildOpenApiDocument } from './openapi.js';

/** Builds the HTTP app without listening, so main.ts and the e2e tests share every setting. */
export async function createApiApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false ? false : new Logger(),
    // Multipart uploads are streamed by the assets service; JSON bodies are small specs.
    bodyParser: false,
  });
  // Nest's option type omits body-parser's `verify`, but passes it through; it sees the raw bytes first.
  const jsonOptions = { limit: '1mb', verify: verifyJsonDepth };
  app.useBodyParser('json', jsonOptions);
  app.use(refuseForbiddenCharacters);
  app.set('trust proxy', config.api.trustProxy);
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  return app;
}
