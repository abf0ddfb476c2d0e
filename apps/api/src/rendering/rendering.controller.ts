import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../jobs/idempotency-key.decorator.js';
import { JobAcceptedDto, TranscodeAcceptedDto } from '../jobs/job.dto.js';
import { RenderingService } from './rendering.service.js';
import { CreateOverlaysDto, CreateWatermarkDto } from './overlay.dto.js';
import { OverlaysService } from './overlays.service.js';
import { CreateThumbnailsDto, CreateTranscodeDto } from './transcode.dto.js';
import { CreateTrimDto } from './trim.dto.js';
import { TextLayerDto } from '../text/text-layer.dto.js';

@ApiTags('Operations')
// The deprecated text object is referenced from a oneOf, which Swagger does not follow to register it.
@ApiExtraModels(TextLayerDto)
@ApiHeader({
  name: IDEMPOTENCY_KEY_HEADER,
  required: false,
  description:
    '1-255 visible ASCII characters. The same key and body within 24 h answer the first job again; the same key ' +
    'with another body is a 409 `idempotency_conflict`.',
})
@ApiConflictResponse({ type: ApiErrorDto, description: 'Idempotency-Key reused with a different body' })
@Controller('v1')
export class RenderingController {
  constructor(
    private readonly rendering: RenderingService,
    private readonly overlaysService: OverlaysService,
  ) {}

  @Post('trim')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; follow links.self.' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Malformed times, end <= start, start past the end' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such asset for this tenant' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The asset is not video or audio' })
  trim(
    @Principal() principal: ApiPrincipal,
    @Body() dto: CreateTrimDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JobAcceptedDto> {
    return this.rendering.trim(principal.tenantId, dto, idempotencyKey);
  }

  @Post('transcode')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: TranscodeAcceptedDto, description: 'Queued; `skipped` lists rungs above the source.' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'Not a video, or every rung is above the source' })
  transcode(
    @Principal() principal: ApiPrincipal,
    @Body() dto: CreateTranscodeDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<TranscodeAcceptedDto> {
    return this.rendering.transcode(principal.tenantId, dto, idempotencyKey);
  }

  @Post('thumbnails')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; each still becomes a thumbnail variant (JPEG).' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'Not a video' })
  thumbnails(
    @Principal() principal: ApiPrincipal,
    @Body() dto: CreateThumbnailsDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JobAcceptedDto> {
    return this.rendering.thumbnails(principal.tenantId, dto, idempotencyKey);
  }

  @Post('overlays')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; the output is an `overlay` variant.' })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'A field is malformed: expression, window, colour, font, source',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'A source of the wrong kind (a video where an image is needed)',
  })
  overlays(
    @Principal() principal: ApiPrincipal,
    @Body() dto: CreateOverlaysDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JobAcceptedDto> {
    return this.overlaysService.overlays(principal.tenantId, dto, idempotencyKey);
  }

  @Post('watermark')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; the output is a `watermark` variant.' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto })
  watermark(
    @Principal() principal: ApiPrincipal,
    @Body() dto: CreateWatermarkDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JobAcceptedDto> {
    return this.overlaysService.watermark(principal.tenantId, dto, idempotencyKey);
  }
}
