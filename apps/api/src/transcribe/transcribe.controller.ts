import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { ApiKeyScope, DomainError, InvalidMediaError, JobType, NotFoundError } from '@reelforge/contracts';
import { TRANSCRIBE_SETTINGS_HINT } from '@reelforge/transcribe';
import { randomUUID } from 'node:crypto';
import { AssetsService } from '../assets/assets.service.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { IdempotencyKey } from '../jobs/idempotency-key.decorator.js';
import { JobsService } from '../jobs/jobs.service.js';
import { TranscribeAcceptedDto, TranscribeAssetDto, TranscriptDto } from './transcribe.dto.js';

const uuid = new ParseUUIDPipe();

/** Captions from speech: a job that makes a `subtitles` asset (SRT) with the word timings on its row. */
@ApiTags('Assets')
@Controller('v1/assets')
export class TranscribeController {
  constructor(
    private readonly assets: AssetsService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':id/transcribe')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.AssetsWrite)
  @ApiAcceptedResponse({ type: TranscribeAcceptedDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The asset has no audio stream' })
  @ApiResponse({ status: 501, type: ApiErrorDto, description: 'No transcription provider is configured' })
  async transcribe(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Body() dto: TranscribeAssetDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<TranscribeAcceptedDto> {
    const tenantId = principal.tenantId;
    const asset = await this.assets.getOwnedOrFail(tenantId, id);
    if (!asset.hasAudio) {
      throw new InvalidMediaError(`Asset ${asset.id} (${asset.kind}) has no audio stream to transcribe`, {
        assetId: asset.id,
        kind: asset.kind,
      });
    }
    // Checked after the request itself: a malformed request or a missing asset is the caller's 4xx either way.
    if (this.config.transcribe.provider === null) {
      throw new DomainError('not_configured', `Transcription is not configured: ${TRANSCRIBE_SETTINGS_HINT}`, {
        settings: ['WHISPER_BIN', 'WHISPER_MODEL', 'TRANSCRIBE_URL', 'TRANSCRIBE_API_KEY', 'TRANSCRIBE_MODEL'],
      });
    }
    const captionsAssetId = randomUUID();
    const compared = { ...dto, assetId: asset.id };
    const language = dto.language ?? null;
    const accepted = await this.jobs.create({
      tenantId,
      type: JobType.Transcribe,
      request: { assetId: asset.id, language, captionsAssetId },
      inputs: [asset.id],
      payload: (jobId) => ({ jobId, tenantId, assetId: asset.id, captionsAssetId, language }),
      // The asset is part of what an Idempotency-Key is compared by: the same key for another asset is a 409.
      dto: compared,
      idempotencyKey,
    });
    // A replayed Idempotency-Key answers the first job, so its captions asset id is the one to report.
    const row = await this.jobs.getOwnedOrFail(tenantId, accepted.jobId);
    return { ...accepted, captionsAssetId: String(row.request.captionsAssetId) };
  }

  @Get(':id/transcript')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: TranscriptDto, description: 'Word timings of a captions asset made by transcription.' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such asset, or it was not made by transcription' })
  async transcript(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<TranscriptDto> {
    const asset = await this.assets.getOwnedOrFail(principal.tenantId, id);
    if (!asset.transcript) throw new NotFoundError('transcript of asset', id);
    return asset.transcript;
  }
}
