import {
  AssetKind,
  DomainError,
  InvalidMediaError,
  type MediaInputRef,
  type ProbeFacts,
  VariantKind,
} from '@reelforge/contracts';
import { type EntityManager } from 'typeorm';
import { AssetEntity } from './entities/asset.entity.js';
import { VariantEntity } from './entities/variant.entity.js';

/** An operation's input, asset or variant alike: the file to read and what is known about it. */
export interface MediaInput {
  /** `asset <id>` or `variant <id>`, for messages. */
  label: string;
  /** Where the file is in storage; the caller turns it into a path (local disk) or a download (object storage). */
  storageKey: string;
  kind: AssetKind;
  probe: ProbeFacts;
  hasVideo: boolean;
  hasAudio: boolean;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  rotation: number;
  /** The uploaded asset at the root of the chain; null for outputs of multi-input generation. */
  rootAssetId: string | null;
  /** The variant read, when the input is one: an output records it as its `source_variant_id`. */
  sourceVariantId: string | null;
  /** The asset row when the input is an asset (its cached analysis, font family, ...). */
  asset: AssetEntity | null;
}

/** Variant files that are one playable media file; an HLS package is a playlist plus segments. */
const SINGLE_FILE_MIME = /^(video|audio|image)\//;

/**
 * What a variant row says about its file, for callers that may not run ffprobe (the API validating a
 * request). Outputs are encoded upright, so rotation is 0; the worker probes the file for the exact facts.
 */
function factsFromVariantRow(variant: VariantEntity): ProbeFacts {
  const hasVideo = variant.width !== null && !variant.mime.startsWith('audio/');
  return {
    formatName: variant.mime,
    durationSec: variant.durationSec,
    width: variant.width,
    height: variant.height,
    fps: null,
    videoCodec: null,
    audioCodec: null,
    hasVideo,
    hasAudio: !variant.mime.startsWith('image/'),
    rotation: 0,
    streams: [],
  };
}

export interface ResolveMediaInputOptions {
  /** Names the request field in errors: `source`, `assetId`, `layers[0].source`. */
  field: string;
  /**
   * Exact facts of a variant's file (the worker, which may run ffprobe). Without it the facts come from the
   * variant row: duration and size are exact, audio presence and rotation assumed.
   */
  probeStored?: (storageKey: string) => Promise<ProbeFacts>;
}

/**
 * The one resolution of `{assetId} | {variantId}` for the API and the worker, scoped to the tenant: a
 * missing row and another tenant's row are the same 404. A variant that is not a single media file (an HLS
 * package) is a 422.
 */
export async function resolveMediaInput(
  manager: EntityManager,
  tenantId: string,
  ref: MediaInputRef,
  options: ResolveMediaInputOptions,
): Promise<MediaInput> {
  const { field } = options;
  if ('assetId' in ref) {
    const asset = await manager.findOneBy(AssetEntity, { id: ref.assetId, tenantId });
    if (!asset) {
      throw new DomainError('not_found', `${field}: asset ${ref.assetId} not found`, {
        field,
        entity: 'asset',
        id: ref.assetId,
      });
    }
    return {
      label: `asset ${asset.id}`,
      storageKey: asset.storageKey,
      kind: asset.kind,
      probe: asset.probe,
      hasVideo: asset.hasVideo,
      hasAudio: asset.hasAudio,
      durationSec: asset.durationSec,
      width: asset.width,
      height: asset.height,
      rotation: asset.rotation,
      rootAssetId: asset.id,
      sourceVariantId: null,
      asset,
    };
  }
  const variant = await manager.findOneBy(VariantEntity, { id: ref.variantId, tenantId });
  if (!variant) {
    throw new DomainError('not_found', `${field}: variant ${ref.variantId} not found`, {
      field,
      entity: 'variant',
      id: ref.variantId,
    });
  }
  if (!SINGLE_FILE_MIME.test(variant.mime)) {
    throw new InvalidMediaError(
      `${field}: variant ${variant.id} is not a single media file (${variant.mime}); chain from an MP4 output instead`,
      { field, mime: variant.mime },
    );
  }
  const probe = options.probeStored ? await options.probeStored(variant.storageKey) : factsFromVariantRow(variant);
  const kind =
    variant.kind === VariantKind.Thumbnail || variant.mime.startsWith('image/')
      ? AssetKind.Image
      : probe.hasVideo
        ? AssetKind.Video
        : AssetKind.Audio;
  return {
    label: `variant ${variant.id}`,
    storageKey: variant.storageKey,
    kind,
    probe,
    hasVideo: probe.hasVideo,
    hasAudio: probe.hasAudio,
    durationSec: probe.durationSec ?? variant.durationSec,
    width: probe.width,
    height: probe.height,
    rotation: probe.rotation,
    rootAssetId: variant.sourceAssetId,
    sourceVariantId: variant.id,
    asset: null,
  };
}
