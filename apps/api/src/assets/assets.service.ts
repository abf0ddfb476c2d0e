import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { AssetKind, AssetOrigin, InvalidMediaError, JobType, NotFoundError } from '@reelforge/contracts';
import { AssetEntity, VariantEntity } from '@reelforge/db';
import { classifyMedia } from '@reelforge/media';
import { MediaTools } from '@reelforge/media/nest';
import { LocalStorage, storageKeys } from '@reelforge/storage';
import { randomUUID } from 'node:crypto';
import { type Request } from 'express';
import { type Repository } from 'typeorm';
import { JobsService } from '../jobs/jobs.service.js';
import { type AssetDto, type AssetPageDto, type ListAssetsQueryDto } from './asset.dto.js';
import { receiveUpload } from './upload.js';

/** Kinds a plain upload may become; fonts and overlays arrive with their own validation later. */
const UPLOADABLE_KINDS: readonly AssetKind[] = [AssetKind.Video, AssetKind.Image, AssetKind.Audio];

export function toAssetDto(asset: AssetEntity): AssetDto {
  const self = `/v1/assets/${asset.id}`;
  return {
    id: asset.id,
    kind: asset.kind,
    origin: asset.origin,
    originalName: asset.originalName,
    mime: asset.mime,
    sizeBytes: asset.sizeBytes,
    sha256: asset.sha256,
    durationSec: asset.durationSec,
    width: asset.width,
    height: asset.height,
    fps: asset.fps,
    videoCodec: asset.videoCodec,
    audioCodec: asset.audioCodec,
    hasVideo: asset.hasVideo,
    hasAudio: asset.hasAudio,
    rotation: asset.rotation,
    createdAt: asset.createdAt,
    links: { self, content: `${self}/content`, variants: `${self}/variants` },
  };
}

@Injectable()
export class AssetsService {
  private readonly logger = new Logger(AssetsService.name);

  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    @InjectRepository(VariantEntity) private readonly variants: Repository<VariantEntity>,
    private readonly storage: LocalStorage,
    private readonly media: MediaTools,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Upload -> temp file -> probe -> rename into place -> row. Any failure removes the temp file,
   * and a failed insert removes the renamed file, so nothing is left behind either way.
   */
  async upload(tenantId: string, request: Request): Promise<AssetDto> {
    const tempPath = this.storage.tempPath('upload');
    try {
      const received = await receiveUpload(
        request,
        { tempPath, open: (path) => this.storage.createTempWriteStream(path) },
        this.config.media.maxUploadBytes,
      );
      if (received.sizeBytes === 0) throw new InvalidMediaError('The file is empty');
      const facts = await this.media.probe(tempPath);
      const { kind, mime, extension } = classifyMedia(facts);
      if (!UPLOADABLE_KINDS.includes(kind)) throw new InvalidMediaError(`Uploads of kind ${kind} are not accepted here`);

      const id = randomUUID();
      const storageKey = storageKeys.assetOriginal(tenantId, id, extension);
      await this.storage.commit(tempPath, storageKey);
      try {
        const asset = await this.assets.save(
          this.assets.create({
            id,
            tenantId,
            kind,
            origin: AssetOrigin.Upload,
            originalName: received.originalName,
            storageKey,
            mime,
            sizeBytes: received.sizeBytes,
            sha256: received.sha256,
            durationSec: facts.durationSec,
            width: facts.width,
            height: facts.height,
            fps: facts.fps,
            videoCodec: facts.videoCodec,
            audioCodec: facts.audioCodec,
            hasVideo: facts.hasVideo,
            hasAudio: facts.hasAudio,
            rotation: facts.rotation,
            probe: facts,
          }),
        );
        if (asset.hasVideo) await this.requestPoster(asset);
        return toAssetDto(asset);
      } catch (error) {
        await this.storage.remove(storageKey);
        throw error;
      }
    } finally {
      await this.storage.removeTemp(tempPath);
    }
  }

  /**
   * Every video gets a poster (a JPEG from the middle) as a thumbnail variant, made by a worker like any
   * other job. The upload has succeeded either way, so a queue hiccup here is logged, not thrown.
   */
  private async requestPoster(asset: AssetEntity): Promise<void> {
    const timeSec = Math.round((asset.durationSec ?? 0) * 500) / 1000;
    const widthPx = Math.min(asset.rotation === 90 || asset.rotation === 270 ? (asset.height ?? 0) : (asset.width ?? 0), 1280);
    try {
      await this.jobs.create({
        tenantId: asset.tenantId,
        type: JobType.Thumbnail,
        request: { assetId: asset.id, purpose: 'poster' },
        inputs: [asset.id],
        payload: (jobId) => ({
          jobId,
          tenantId: asset.tenantId,
          assetId: asset.id,
          timesSec: [timeSec],
          widthPx,
          purpose: 'poster',
        }),
      });
    } catch (error) {
      this.logger.warn(`No poster for asset ${asset.id}: ${String(error)}`);
    }
  }

  async list(tenantId: string, query: ListAssetsQueryDto): Promise<AssetPageDto> {
    const [items, total] = await this.assets.findAndCount({
      where: { tenantId, ...(query.kind ? { kind: query.kind } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: items.map(toAssetDto), page: query.page, pageSize: query.pageSize, total };
  }

  async get(tenantId: string, id: string): Promise<AssetDto> {
    return toAssetDto(await this.getOwnedOrFail(tenantId, id));
  }

  /** Another tenant's asset is indistinguishable from a missing one. */
  async getOwnedOrFail(tenantId: string, id: string): Promise<AssetEntity> {
    const asset = await this.assets.findOneBy({ id, tenantId });
    if (!asset) throw new NotFoundError('asset', id);
    return asset;
  }

  /** Deletes the row (variants cascade), then the files; a file left by a crash here is swept later. */
  async delete(tenantId: string, id: string): Promise<void> {
    const asset = await this.getOwnedOrFail(tenantId, id);
    const variants = await this.variants.find({ where: { tenantId, sourceAssetId: id }, select: { storageKey: true } });
    await this.assets.delete({ id, tenantId });
    for (const key of [asset.storageKey, ...variants.map((v) => v.storageKey)]) {
      await this.storage.remove(key).catch((error: unknown) => this.logger.warn(`Could not remove ${key}: ${String(error)}`));
    }
  }
}
