import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AssetKind, NotFoundError } from '@reelforge/contracts';
import { AssetEntity } from '@reelforge/db';
import { MediaInputs } from '@reelforge/storage';
import { type Repository } from 'typeorm';

/** Loads a job's input asset, scoped to the job's tenant, with a local path ffmpeg can read. */
@Injectable()
export class SourceAssets {
  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly inputs: MediaInputs,
  ) {}

  /** A tenant's uploaded font by family name, if there is one; kept locally for the life of the process. */
  async findFont(tenantId: string, family: string): Promise<{ asset: AssetEntity; path: string } | null> {
    if (!family) return null;
    const asset = await this.assets.findOneBy({ tenantId, kind: AssetKind.Font, fontFamily: family });
    return asset ? { asset, path: await this.inputs.cachedFile(asset.storageKey) } : null;
  }

  /** The row only: for checks that need no bytes. */
  async row(tenantId: string, assetId: string): Promise<AssetEntity> {
    const asset = await this.assets.findOneBy({ id: assetId, tenantId });
    if (!asset) throw new NotFoundError('asset', assetId);
    return asset;
  }

  /** The row and a local file of it; a download lands in `workDir` (the job's scratch) and goes with it. */
  async load(tenantId: string, assetId: string, workDir: string): Promise<{ asset: AssetEntity; path: string }> {
    const asset = await this.row(tenantId, assetId);
    return { asset, path: await this.inputs.localFile(asset.storageKey, workDir) };
  }
}
