import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AssetKind, NotFoundError } from '@reelforge/contracts';
import { AssetEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { type Repository } from 'typeorm';

/** Loads a job's input asset, scoped to the job's tenant, with the path ffmpeg should read. */
@Injectable()
export class SourceAssets {
  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly storage: LocalStorage,
  ) {}

  /** A tenant's uploaded font by family name, if there is one. */
  async findFont(tenantId: string, family: string): Promise<{ asset: AssetEntity; path: string } | null> {
    if (!family) return null;
    const asset = await this.assets.findOneBy({ tenantId, kind: AssetKind.Font, fontFamily: family });
    return asset ? { asset, path: this.storage.pathOf(asset.storageKey) } : null;
  }

  async load(tenantId: string, assetId: string): Promise<{ asset: AssetEntity; path: string }> {
    const asset = await this.assets.findOneBy({ id: assetId, tenantId });
    if (!asset) throw new NotFoundError('asset', assetId);
    return { asset, path: this.storage.pathOf(asset.storageKey) };
  }
}
