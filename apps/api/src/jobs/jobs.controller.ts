import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { ObjectStorage } from '@reelforge/storage';
import { type Request, type Response } from 'express';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { variantFileName } from '../variants/variant.dto.js';
import { JobChangeListener } from './job-change-listener.js';
import { streamJobEvents } from './job-events.js';
import { JobDto, JobPageDto, ListJobsQueryDto, WebhookDeliveryDto } from './job.dto.js';
import { JobsService } from './jobs.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('Jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly storage: ObjectStorage,
    private readonly changes: JobChangeListener,
  ) {}

  @Get()
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: JobPageDto })
  list(@Principal() principal: ApiPrincipal, @Query() query: ListJobsQueryDto): Promise<JobPageDto> {
    return this.jobs.list(principal.tenantId, query);
  }

  @Get(':id')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: JobDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<JobDto> {
    return this.jobs.get(principal.tenantId, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiOkResponse({
    type: JobDto,
    description: 'Canceled: a waiting job is removed from its queue, a running one has its ffmpeg stopped.',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Already succeeded, failed or canceled' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  cancel(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<JobDto> {
    return this.jobs.cancel(principal.tenantId, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiOkResponse({ type: JobDto, description: 'Queued again under the same id; attempts keep counting.' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Not failed or canceled, or its last attempt still stopping' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  retry(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<JobDto> {
    return this.jobs.retry(principal.tenantId, id);
  }

  @Get(':id/webhooks')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiOkResponse({ type: [WebhookDeliveryDto], description: 'Every delivery attempt, oldest first.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  webhooks(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<WebhookDeliveryDto[]> {
    return this.jobs.webhookDeliveries(principal.tenantId, id);
  }

  @Get(':id/events')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-sent events: `status` {status, error}, `progress` {progress} and `eta` {etaSec, queuePosition}, each ' +
      'when it changes (checked every 500 ms; the end of a job is sent at once), a `: heartbeat` comment every 15 s; ' +
      'closes after a terminal status.',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async events(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Res() response: Response,
  ): Promise<void> {
    // Read once before the stream opens, so an unknown job is a plain 404 rather than an empty stream.
    const first = await this.jobs.snapshot(principal.tenantId, id);
    await streamJobEvents(
      response,
      first,
      () => this.jobs.snapshot(principal.tenantId, id),
      (ms, signal) => this.changes.waitForChange(id, ms, signal),
    );
  }

  @Get(':id/result')
  @Authenticated(ApiKeyScope.JobsRead)
  @ApiProduces('video/mp4', 'audio/mp4')
  @ApiOkResponse({ description: 'The main output. Supports Range (206).' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Still queued or processing, or canceled' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The job failed; the body carries its error' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async result(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const variant = await this.jobs.resultVariant(principal.tenantId, id);
    await sendStoredFile(
      request,
      response,
      { key: variant.storageKey, mime: variant.mime, fileName: variantFileName(variant) },
      this.storage,
    );
  }
}
