import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AssetKind, type MediaInputRef, NotFoundError, payloadSource } from '@reelforge/contracts';
import { AssetEntity, type MediaInput, resolveMediaInput } from '@reelforge/db';
import { MediaTools } from '@reelforge/media/nest';
import { MediaInputs } from '@reelforge/storage';
import { type Repository } from 'typeorm';

/** Loads a job's input (asset or variant), scoped to the job's tenant, with a local path ffmpeg can read. */
@Injectable()
export class SourceAssets {
  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly inputs: MediaInputs,
    private readonly media: MediaTools,
  ) {}

  /** A tenant's uploaded font by family name, if there is one; kept locally for the life of the process. */
  async findFont(tenantId: string, family: string): Promise<{ asset: AssetEntity; path: string } | null> {
    if (!family) return null;
    const asset = await this.assets.findOneBy({ tenantId, kind: AssetKind.Font, fontFamily: family });
    return asset ? { asset, path: await this.inputs.cachedFile(asset.storageKey) } : null;
  }

  /**
   * An operation's input, asset or variant, through the resolution the API uses too, without its bytes: the
   * stored facts of the row, for checks made before a scratch directory exists.
   */
  async inputRow(
    tenantId: string,
    payload: { source?: MediaInputRef; assetId?: string },
    field = 'source',
  ): Promise<MediaInput> {
    return resolveMediaInput(this.assets.manager, tenantId, payloadSource(payload), { field });
  }

  /**
   * An operation's input with a local file of it in `workDir` (the job's scratch, removed with it); a variant's
   * file is probed there for exact facts (the API only has its row).
   */
  async input(
    tenantId: string,
    payload: { source?: MediaInputRef; assetId?: string },
    workDir: string,
    field = 'source',
  ): Promise<{ input: MediaInput; path: string }> {
    // localFile fetches a key once per scratch directory, so the probe and the render share one download.
    const input = await resolveMediaInput(this.assets.manager, tenantId, payloadSource(payload), {
      field,
      probeStored: async (storageKey) => this.media.probe(await this.inputs.localFile(storageKey, workDir)),
    });
    return { input, path: await this.inputs.localFile(input.storageKey, workDir) };
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
