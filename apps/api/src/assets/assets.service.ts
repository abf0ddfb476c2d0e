import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { AssetKind, AssetOrigin, DomainError, InvalidMediaError, JobType, NotFoundError, type ProbeFacts } from '@reelforge/contracts';
import { AssetEntity, assetRowOf, posterThumbnailOf, VariantEntity } from '@reelforge/db';
import { classifyMedia, type MediaClassification } from '@reelforge/media';
import { MediaTools } from '@reelforge/media/nest';
import { ObjectStorage, Scratch, storageKeys } from '@reelforge/storage';
import { FontRegistry, MAX_CAPTION_FILE_BYTES, parseCaptions, sniffCaptionFormat, validateFontFile } from '@reelforge/text';
import { open, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { type Request } from 'express';
import { type Repository } from 'typeorm';
import { JobsService } from '../jobs/jobs.service.js';
import { type AssetDto, type AssetPageDto, type ListAssetsQueryDto } from './asset.dto.js';
import { receiveUpload } from './upload.js';

/** Kinds an upload may become; the kind comes from the content, never from the name. */
const UPLOADABLE_KINDS: readonly AssetKind[] = [
  AssetKind.Video,
  AssetKind.Image,
  AssetKind.Audio,
  AssetKind.Font,
  AssetKind.Subtitles,
];

/** sfnt/WOFF signatures; anything else goes to ffprobe. */
const FONT_SIGNATURES: ReadonlyArray<{ magic: string; extension: string; mime: string }> = [
  { magic: '00010000', extension: 'ttf', mime: 'font/ttf' },
  { magic: '74727565', extension: 'ttf', mime: 'font/ttf' },
  { magic: '4f54544f', extension: 'otf', mime: 'font/otf' },
  { magic: '774f4646', extension: 'woff', mime: 'font/woff' },
  { magic: '774f4632', extension: 'woff2', mime: 'font/woff2' },
];

/** Fonts (and captions) have no streams; these facts keep the asset row uniform. */
const FONT_FACTS: ProbeFacts = {
  formatName: 'font',
  durationSec: null,
  width: null,
  height: null,
  fps: null,
  videoCodec: null,
  audioCodec: null,
  hasVideo: false,
  hasAudio: false,
  rotation: 0,
  streams: [],
};

async function fontSignature(path: string): Promise<(typeof FONT_SIGNATURES)[number] | undefined> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 ? FONT_SIGNATURES.find((s) => s.magic === buffer.toString('hex')) : undefined;
  } finally {
    await file.close();
  }
}

const CAPTION_TYPES = {
  srt: { mime: 'application/x-subrip', extension: 'srt', formatName: 'srt' },
  vtt: { mime: 'text/vtt', extension: 'vtt', formatName: 'webvtt' },
} as const;

/**
 * Captions recognised by their first bytes (a WEBVTT header or an SRT cue), then held to UTF-8, the
 * size cap and parseCaptions; a malformed file is a 400 naming its line. Null: not captions.
 */
async function readCaptions(
  path: string,
  sizeBytes: number,
): Promise<(MediaClassification & { facts: ProbeFacts }) | null> {
  const file = await open(path, 'r');
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(512), 0, 512, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  const format = sniffCaptionFormat(head);
  if (!format) return null;
  if (sizeBytes > MAX_CAPTION_FILE_BYTES) {
    throw new DomainError('payload_too_large', `Caption files are limited to ${MAX_CAPTION_FILE_BYTES} bytes`, {
      maxBytes: MAX_CAPTION_FILE_BYTES,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch {
    throw new InvalidMediaError('Caption files must be UTF-8 text');
  }
  const cues = parseCaptions(text);
  const type = CAPTION_TYPES[format];
  return {
    kind: AssetKind.Subtitles,
    mime: type.mime,
    extension: type.extension,
    facts: {
      ...FONT_FACTS,
      formatName: type.formatName,
      durationSec: Math.max(...cues.map((cue) => cue.endSec)),
    },
  };
}

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
    fontFamily: asset.fontFamily,
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
    private readonly storage: ObjectStorage,
    private readonly scratch: Scratch,
    private readonly media: MediaTools,
    private readonly jobs: JobsService,
    private readonly fonts: FontRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Upload -> scratch file (hashed as it streams in) -> probe -> stored (renamed into place, or streamed
   * to S3 as a multipart upload) -> row. ffprobe needs a seekable local file, so the bytes land on this
   * machine's scratch first whatever the driver. Any failure removes the scratch file, and a failed
   * insert removes the stored object, so nothing is left behind either way.
   */
  async upload(tenantId: string, request: Request): Promise<AssetDto> {
    const tempPath = this.scratch.tempPath('upload');
    try {
      const received = await receiveUpload(
        request,
        { tempPath, open: (path) => this.scratch.createTempWriteStream(path) },
        this.config.media.maxUploadBytes,
      );
      if (received.sizeBytes === 0) throw new InvalidMediaError('The file is empty');
      const { kind, mime, extension, facts, fontFamily } = await this.identify(tenantId, tempPath, received.sizeBytes);
      if (!UPLOADABLE_KINDS.includes(kind)) throw new InvalidMediaError(`Uploads of kind ${kind} are not accepted here`);

      const id = randomUUID();
      const storageKey = storageKeys.assetOriginal(tenantId, id, extension);
      await this.storage.putFile(storageKey, tempPath, { contentType: mime });
      try {
        const asset = await this.assets.save(
          this.assets.create(
            assetRowOf({
              id,
              tenantId,
              kind,
              origin: AssetOrigin.Upload,
              originalName: received.originalName,
              storageKey,
              mime,
              sizeBytes: received.sizeBytes,
              sha256: received.sha256,
              facts,
              fontFamily,
            }),
          ),
        );
        if (asset.hasVideo) await this.requestPoster(asset);
        return toAssetDto(asset);
      } catch (error) {
        await this.storage.delete(storageKeys.removalUnit(storageKey));
        throw error;
      }
    } finally {
      await this.scratch.removeTemp(tempPath);
    }
  }

  /**
   * What the bytes are, by content: a font or captions by their signature, everything else by ffprobe
   * under the ingest allow-lists. Captions never reach ffprobe, whose subtitle demuxers are not allowed.
   */
  private async identify(
    tenantId: string,
    path: string,
    sizeBytes: number,
  ): Promise<MediaClassification & { facts: ProbeFacts; fontFamily: string | null }> {
    const font = await fontSignature(path);
    if (font) {
      return { kind: AssetKind.Font, ...font, facts: FONT_FACTS, fontFamily: await this.checkFont(tenantId, path) };
    }
    const captions = await readCaptions(path, sizeBytes);
    if (captions) return { ...captions, fontFamily: null };
    const facts = await this.media.probe(path);
    return { ...classifyMedia(facts), facts, fontFamily: null };
  }

  /**
   * A font is loaded in a child process (a hostile font cannot crash this one) and must bring a family
   * name that neither the bundled fonts nor this tenant's other fonts already use.
   */
  private async checkFont(tenantId: string, path: string): Promise<string> {
    const { family } = await validateFontFile(path);
    if (this.fonts.hasFamily(family)) {
      throw new DomainError('conflict', `"${family}" is a bundled font family; use it by name without uploading`, {
        fontFamily: family,
      });
    }
    if (await this.assets.existsBy({ tenantId, kind: AssetKind.Font, fontFamily: family })) {
      throw new DomainError('conflict', `You already uploaded the font family "${family}"; delete it first to replace it`, {
        fontFamily: family,
      });
    }
    return family;
  }

  /**
   * Every video gets a poster (a JPEG from the middle) as a thumbnail variant, made by a worker like any
   * other job. The upload has succeeded either way, so a queue hiccup here is logged, not thrown.
   */
  private async requestPoster(asset: AssetEntity): Promise<void> {
    const { timesSec, widthPx } = posterThumbnailOf(asset);
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
          timesSec,
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
    const units = new Set([asset.storageKey, ...variants.map((v) => v.storageKey)].map(storageKeys.removalUnit));
    for (const key of units) {
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`Could not remove ${key}: ${String(error)}`));
    }
  }
}
