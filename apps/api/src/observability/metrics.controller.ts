import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { isScrapeAuthorized } from '@reelforge/observability';
import { type Request, type Response } from 'express';
import { Registry } from 'prom-client';

/** Prometheus scrape endpoint; outside the OpenAPI document, which is for API clients. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async metrics(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!isScrapeAuthorized(request.header('authorization'), this.config.observability.metricsToken)) {
      response
        .status(HttpStatus.UNAUTHORIZED)
        .setHeader('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({ statusCode: 401, error: 'unauthorized', message: 'Send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    response.setHeader('Content-Type', this.registry.contentType);
    response.send(await this.registry.metrics());
  }
}
