import { type AssetKind, type AssetOrigin, type ProbeFacts, type Transcript } from '@reelforge/contracts';
import { type AssetEntity } from './entities/asset.entity.js';

/** A stored file's identity and probe facts: everything an asset row is made of. */
export interface NewAsset {
  id: string;
  tenantId: string;
  kind: AssetKind;
  origin: AssetOrigin;
  /** For display only: a sanitised upload name or the last path segment of an imported URL. */
  originalName: string;
  storageKey: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  facts: ProbeFacts;
  fontFamily?: string | null;
  /** Word timings of a captions asset made by transcription. */
  transcript?: Transcript | null;
}

export type AssetRow = Omit<AssetEntity, 'createdAt' | 'tenant'>;

/** One mapping from probe facts to columns, shared by upload (API) and URL import (worker), so the two cannot drift. */
export function assetRowOf(asset: NewAsset): AssetRow {
  const { facts } = asset;
  return {
    id: asset.id,
    tenantId: asset.tenantId,
    kind: asset.kind,
    origin: asset.origin,
    originalName: asset.originalName,
    storageKey: asset.storageKey,
    mime: asset.mime,
    sizeBytes: asset.sizeBytes,
    sha256: asset.sha256,
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
    fontFamily: asset.fontFamily ?? null,
    analysis: null,
    transcript: asset.transcript ?? null,
  };
}

/** The poster every video asset gets: one still from the middle, at most 1280 px wide (display orientation). */
export function posterThumbnailOf(asset: Pick<AssetEntity, 'durationSec' | 'rotation' | 'width' | 'height'>): {
  timesSec: number[];
  widthPx: number;
} {
  const timeSec = Math.round((asset.durationSec ?? 0) * 500) / 1000;
  const displayWidthPx = asset.rotation === 90 || asset.rotation === 270 ? asset.height : asset.width;
  return { timesSec: [timeSec], widthPx: Math.min(displayWidthPx ?? 0, 1280) };
}
