import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiKeyScope, NotFoundError } from '@reelforge/contracts';
import { VariantEntity } from '@reelforge/db';
import { contentTypeOf, ObjectStorage } from '@reelforge/storage';
import { type Request, type Response } from 'express';
import { type Repository } from 'typeorm';
import { AssetsService } from '../assets/assets.service.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { SignedUrlDto, SignedUrlQueryDto } from '../links/links.dto.js';
import { LinksService } from '../links/links.service.js';
import { toVariantDto, VariantDto, variantFileName } from './variant.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('Variants')
@Controller('v1')
export class VariantsController {
  constructor(
    @InjectRepository(VariantEntity) private readonly variants: Repository<VariantEntity>,
    private readonly assets: AssetsService,
    private readonly storage: ObjectStorage,
    private readonly links: LinksService,
  ) {}

  @Get('assets/:id/variants')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: [VariantDto] })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async listForAsset(@Principal() principal: ApiPrincipal, @Param('id', uuid) assetId: string): Promise<VariantDto[]> {
    await this.assets.getOwnedOrFail(principal.tenantId, assetId);
    const variants = await this.variants.find({
      where: { tenantId: principal.tenantId, sourceAssetId: assetId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return variants.map(toVariantDto);
  }

  @Get('variants/:id')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: VariantDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async get(@Principal() principal: ApiPrincipal, @Param('id', uuid) id: string): Promise<VariantDto> {
    return toVariantDto(await this.getOwnedOrFail(principal.tenantId, id));
  }

  @Get('variants/:id/content')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ description: 'The output bytes. Supports Range (206).' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async content(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const variant = await this.getOwnedOrFail(principal.tenantId, id);
    await sendStoredFile(
      request,
      response,
      { key: variant.storageKey, mime: variant.mime, fileName: variantFileName(variant) },
      this.storage,
    );
  }

  /**
   * A link to the variant that works without an API key until it expires (a browser, a player, a CDN).
   * For an HLS playlist the link covers its whole package, so it plays as it is.
   */
  @Get('variants/:id/url')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: SignedUrlDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'expiresInSec out of bounds' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async url(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Query() query: SignedUrlQueryDto,
    @Req() request: Request,
  ): Promise<SignedUrlDto> {
    const variant = await this.getOwnedOrFail(principal.tenantId, id);
    return this.links.issue(
      request,
      { storageKey: variant.storageKey, mime: variant.mime, fileName: variantFileName(variant) },
      query.expiresInSec,
    );
  }

  /**
   * Files of a multi-file output (an HLS package): `GET /v1/variants/<master>/files/master.m3u8`, and the
   * playlists' relative URIs resolve to siblings under the same path. Names are checked against a strict
   * pattern and looked up in the variant's own directory only.
   */
  @Get('variants/:id/files/:name')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ description: 'A playlist (application/vnd.apple.mpegurl) or a segment (video/mp2t).' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async file(
    @Principal() principal: ApiPrincipal,
    @Param('id', uuid) id: string,
    @Param('name') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const variant = await this.getOwnedOrFail(principal.tenantId, id);
    const match = /^[A-Za-z0-9_-]{1,64}\.(m3u8|ts)$/.exec(name);
    const directory = variant.storageKey.slice(0, variant.storageKey.lastIndexOf('/'));
    if (!match || !variant.storageKey.endsWith('.m3u8')) throw new NotFoundError('file', name);
    const key = `${directory}/${name}`;
    await sendStoredFile(request, response, { key, mime: contentTypeOf(key), fileName: name }, this.storage);
  }

  private async getOwnedOrFail(tenantId: string, id: string): Promise<VariantEntity> {
    const variant = await this.variants.findOneBy({ id, tenantId });
    if (!variant) throw new NotFoundError('variant', id);
    return variant;
  }
}
