import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AssetKind, type MediaInputRef, NotFoundError, payloadSource } from '@reelforge/contracts';
import { AssetEntity, type MediaInput, resolveMediaInput } from '@reelforge/db';
import { MediaTools } from '@reelforge/media/nest';
import { LocalStorage } from '@reelforge/storage';
import { type Repository } from 'typeorm';

/** Loads a job's input asset, scoped to the job's tenant, with the path ffmpeg should read. */
@Injectable()
export class SourceAssets {
  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly storage: LocalStorage,
    private readonly media: MediaTools,
  ) {}

  /** A tenant's uploaded font by family name, if there is one. */
  async findFont(tenantId: string, family: string): Promise<{ asset: AssetEntity; path: string } | null> {
    if (!family) return null;
    const asset = await this.assets.findOneBy({ tenantId, kind: AssetKind.Font, fontFamily: family });
    return asset ? { asset, path: this.storage.pathOf(asset.storageKey) } : null;
  }

  /**
   * An operation's input, asset or variant, through the resolution the API uses too; a variant's file is probed
   * here for exact facts (the API only has its row).
   */
  async input(
    tenantId: string,
    payload: { source?: MediaInputRef; assetId?: string },
    field = 'source',
  ): Promise<{ input: MediaInput; path: string }> {
    const input = await resolveMediaInput(this.assets.manager, tenantId, payloadSource(payload), {
      field,
      probeStored: (storageKey) => this.media.probe(this.storage.pathOf(storageKey)),
    });
    return { input, path: this.storage.pathOf(input.storageKey) };
  }

  async load(tenantId: string, assetId: string): Promise<{ asset: AssetEntity; path: string }> {
    const asset = await this.assets.findOneBy({ id: assetId, tenantId });
    if (!asset) throw new NotFoundError('asset', assetId);
    return { asset, path: this.storage.pathOf(asset.storageKey) };
  }
}
