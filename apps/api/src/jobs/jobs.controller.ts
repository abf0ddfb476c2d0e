import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { LocalStorage } from '@reelforge/storage';
import { type Response } from 'express';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { variantFileName } from '../variants/variant.dto.js';
import { JobDto, JobPageDto, ListJobsQueryDto } from './job.dto.js';
import { JobsService } from './jobs.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('Jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly storage: LocalStorage,
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
    @Res() response: Response,
  ): Promise<void> {
    const variant = await this.jobs.resultVariant(principal.tenantId, id);
    await sendStoredFile(response, {
      absolutePath: this.storage.pathOf(variant.storageKey),
      mime: variant.mime,
      fileName: variantFileName(variant),
    });
  }
}
