import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { JobAcceptedDto, TranscodeAcceptedDto } from '../jobs/job.dto.js';
import { RenderingService } from './rendering.service.js';
import { CreateOverlaysDto, CreateWatermarkDto } from './overlay.dto.js';
import { OverlaysService } from './overlays.service.js';
import { CreateThumbnailsDto, CreateTranscodeDto } from './transcode.dto.js';
import { CreateTrimDto } from './trim.dto.js';

@ApiTags('Operations')
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
  trim(@Principal() principal: ApiPrincipal, @Body() dto: CreateTrimDto): Promise<JobAcceptedDto> {
    return this.rendering.trim(principal.tenantId, dto);
  }

  @Post('transcode')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: TranscodeAcceptedDto, description: 'Queued; `skipped` lists rungs above the source.' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'Not a video, or every rung is above the source' })
  transcode(@Principal() principal: ApiPrincipal, @Body() dto: CreateTranscodeDto): Promise<TranscodeAcceptedDto> {
    return this.rendering.transcode(principal.tenantId, dto);
  }

  @Post('thumbnails')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; each still becomes a thumbnail variant (JPEG).' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'Not a video' })
  thumbnails(@Principal() principal: ApiPrincipal, @Body() dto: CreateThumbnailsDto): Promise<JobAcceptedDto> {
    return this.rendering.thumbnails(principal.tenantId, dto);
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
  overlays(@Principal() principal: ApiPrincipal, @Body() dto: CreateOverlaysDto): Promise<JobAcceptedDto> {
    return this.overlaysService.overlays(principal.tenantId, dto);
  }

  @Post('watermark')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.JobsWrite)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Queued; the output is a `watermark` variant.' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto })
  watermark(@Principal() principal: ApiPrincipal, @Body() dto: CreateWatermarkDto): Promise<JobAcceptedDto> {
    return this.overlaysService.watermark(principal.tenantId, dto);
  }
}
