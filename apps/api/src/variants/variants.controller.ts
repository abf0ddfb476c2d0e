import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiKeyScope, NotFoundError } from '@reelforge/contracts';
import { VariantEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { type Response } from 'express';
import { type Repository } from 'typeorm';
import { AssetsService } from '../assets/assets.service.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { type ApiPrincipal, Principal } from '../auth/principal.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { sendStoredFile } from '../http/send-stored-file.js';
import { toVariantDto, VariantDto, variantFileName } from './variant.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('Variants')
@Controller('v1')
export class VariantsController {
  constructor(
    @InjectRepository(VariantEntity) private readonly variants: Repository<VariantEntity>,
    private readonly assets: AssetsService,
    private readonly storage: LocalStorage,
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
    @Res() response: Response,
  ): Promise<void> {
    const variant = await this.getOwnedOrFail(principal.tenantId, id);
    await sendStoredFile(response, {
      absolutePath: this.storage.pathOf(variant.storageKey),
      mime: variant.mime,
      fileName: variantFileName(variant),
    });
  }

  private async getOwnedOrFail(tenantId: string, id: string): Promise<VariantEntity> {
    const variant = await this.variants.findOneBy({ id, tenantId });
    if (!variant) throw new NotFoundError('variant', id);
    return variant;
  }
}
