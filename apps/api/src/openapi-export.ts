import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject } from '@nestjs/swagger';
import { loadAppConfig } from '@reelforge/config';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument } from './openapi.js';

/**
 * The spec from the code alone: preview mode scans modules and routes without instantiating
 * providers, so no database, Redis or ffmpeg is needed. The config is a placeholder for that reason.
 */
export async function exportOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadAppConfig({ MASTER_KEY: 'openapi-export-placeholder-key' });
  const app = await NestFactory.create(AppModule.forRoot(config, pino({ level: 'silent' })), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export function serialiseOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
