import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiHeader,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyScope } from '@reelforge/contracts';
import { LocalStorage } from '@reelforge/storage';
import { type Request, type Response } from 'express';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../jobs/idempotency-key.decorator.js';
import { JobAcceptedDto } from '../jobs/job.dto.js';
import { AudioAnalysisDto, ImportAcceptedDto, ImportAssetDto } from './asset-jobs.dto.js';
import { AssetJobsService } from './asset-jobs.service.js';
import { AssetDto, AssetPageDto, ListAssetsQueryDto } from './asset.dto.js';
import { AssetsService } from './assets.service.js';
import { UploadedAssetDto, UploadQueryDto } from './upload-analysis.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('Assets')
@Controller('v1/assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly assetJobs: AssetJobsService,
    private readonly storage: LocalStorage,
  ) {}

  @Post()
  @Authenticated(ApiKeyScope.AssetsWrite)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'A video, image, audio, font, or SRT/WebVTT captions file (UTF-8, at most 1 MiB).',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: UploadedAssetDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'Larger than MAX_UPLOAD_BYTES' })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Malformed captions (the message names the line)' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'Not media of an allowed kind, or probing timed out' })
  async upload(
    @Principal() principal: ApiPrincipal,
    @Req() request: Request,
    @Query() query: UploadQueryDto,
  ): Promise<UploadedAssetDto> {
    const asset = await this.assets.upload(principal.tenantId, request);
    if (query.analyze !== 'beats') return asset;
    if (!asset.hasAudio) return { ...asset, analysis: { status: 'unavailable', reason: 'The asset has no audio stream' } };
    // The file is stored either way: a queue outage must not turn a good upload into an error.
    const answer = await this.assetJobs.analysis(principal.tenantId, asset.id).catch(() => null);
    if (answer === null) {
      return {
        ...asset,
        analysis: { status: 'unavailable', reason: 'The analysis could not be queued; GET its analysis to retry' },
      };
    }
    if (answer.kind === 'cached') return { ...asset, analysis: { status: 'cached' } };
    return { ...asset, analysis: { status: 'queued', jobId: answer.job.jobId, links: answer.job.links } };
  }

  @Post('import')
  @HttpCode(202)
  @Authenticated(ApiKeyScope.AssetsWrite)
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'As for operations: the same key and body within 24 h answer the first job (and its assetId).',
  })
  @ApiAcceptedResponse({
    type: ImportAcceptedDto,
    description:
      'Queued: a worker fetches the URL, probes the bytes like an upload and creates the asset under `assetId`. ' +
      'The job fails with `invalid_input` for a refused target (private address, bad redirect) and ' +
      '`invalid_media` for content that is not allowed media; no asset is made then.',
  })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Not an http(s) URL, or an unknown kind' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Idempotency-Key reused with a different body' })
  importFromUrl(
    @Principal() principal: ApiPrincipal,
    @Body() dto: ImportAssetDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ImportAcceptedDto> {
    return this.assetJobs.importFromUrl(principal.tenantId, dto, idempotencyKey);
  }

  @Get()
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: AssetPageDto })
  list(@Principal() principal: ApiPrincipal, @Query() query: ListAssetsQueryDto): Promise<AssetPageDto> {
    return this.assets.list(principal.tenantId, query);
  }

  @Get(':id')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: AssetDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<AssetDto> {
    return this.assets.get(principal.tenantId, id);
  }

  @Get(':id/analysis')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: AudioAnalysisDto, description: 'The analysis, computed once per asset and cached.' })
  @ApiAcceptedResponse({
    type: JobAcceptedDto,
    description:
      'Not computed yet: an `analysis` job is queued (Location: the job). Repeated requests while it runs ' +
      'answer the same job; once it has succeeded, this answers 200.',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The asset has no audio stream' })
  async analysis(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AudioAnalysisDto | JobAcceptedDto> {
    const answer = await this.assetJobs.analysis(principal.tenantId, id);
    if (answer.kind === 'cached') return answer.analysis;
    response.status(202).location(answer.job.links.self);
    return answer.job;
  }

  @Get(':id/content')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The original bytes, with the probed Content-Type. Supports Range (206).' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async content(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const asset = await this.assets.getOwnedOrFail(principal.tenantId, id);
    await sendStoredFile(response, {
      absolutePath: this.storage.pathOf(asset.storageKey),
      mime: asset.mime,
      fileName: asset.originalName,
      sha256: asset.sha256,
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(ApiKeyScope.AssetsWrite)
  @ApiNoContentResponse({ description: 'The asset, its variants and their files are gone.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  delete(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<void> {
    return this.assets.delete(principal.tenantId, id);
  }
}
