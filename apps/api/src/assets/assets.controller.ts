import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
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
import { AssetDto, AssetPageDto, ListAssetsQueryDto } from './asset.dto.js';
import { AssetsService } from './assets.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('Assets')
@Controller('v1/assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly storage: LocalStorage,
  ) {}

  @Post()
  @Authenticated(ApiKeyScope.AssetsWrite)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'A video, image or audio file.' } },
    },
  })
  @ApiCreatedResponse({ type: AssetDto })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto, description: 'Larger than MAX_UPLOAD_BYTES' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'Not media of an allowed kind, or probing timed out' })
  upload(@Principal() principal: ApiPrincipal, @Req() request: Request): Promise<AssetDto> {
    return this.assets.upload(principal.tenantId, request);
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
