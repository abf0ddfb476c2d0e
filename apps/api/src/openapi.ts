import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Reelforge API')
    .setDescription(
      'Self-hostable video processing. Upload media, start operations (each answers 202 with a job), follow the job, download outputs. ' +
        'Errors are `{statusCode, error, message, details?}` where `error` is a stable snake_case code.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'rf_<prefix>_<secret>' }, 'api-key')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Master-Key', description: 'The deployment MASTER_KEY' },
      'master-key',
    )
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}
