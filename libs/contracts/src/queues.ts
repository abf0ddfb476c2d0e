// Type-only: the text library depends on contracts at runtime, never the other way round.
import type { TextLayerSpec } from '@reelforge/text';
import { type MediaInputRef } from './media.js';
import { type AssetKind, JobType, type Quality, type TranscodeFormat, TrimMode } from './enums.js';

/** One Bull queue per processor; the queue name is the job type, so the two can never disagree. */
export const QUEUE_NAMES: readonly JobType[] = Object.values(JobType);

/** Every payload names the `jobs` row it reports to; the row id is also the Bull job id. */
interface JobPayloadBase {
  jobId: string;
  tenantId: string;
}

export interface TrimJobPayload extends JobPayloadBase {
  /** An asset or a single-file variant of the tenant. Payloads queued before chaining have `assetId` instead. */
  source: MediaInputRef;
  /** Seconds from the start of the source, already validated against its duration. */
  startSec: number;
  /** Seconds from the start of the source; `endSec > startSec`, clamped to the source duration. */
  endSec: number;
  mode: TrimMode;
}

export interface TranscodeJobPayload extends JobPayloadBase {
  source: MediaInputRef;
  /** Rungs to make, already checked against the source: none above it. */
  qualities: Quality[];
  format: TranscodeFormat;
}

export interface ThumbnailJobPayload extends JobPayloadBase {
  source: MediaInputRef;
  /** Instants in seconds from the start, each inside the source. */
  timesSec: number[];
  /** Output width; null keeps the source width. */
  widthPx: number | null;
  /** `poster` is the one still made for every uploaded video. */
  purpose: 'poster' | 'thumbnails';
}

/** A user's media for a layer: a bundled library item or one of the tenant's assets. */
export type MediaSourceRef = { library: string } | { assetId: string };

/** Where and when a layer shows, already validated and resolved to pixels and safe expressions. */
export interface LayerPlacement {
  /** overlay expressions rebuilt by the filter-graph expression compiler; never raw user text. */
  x: string;
  y: string;
  /** Pixels; -1 keeps the aspect ratio from the other side; both null keep the layer's own size. */
  widthPx: number | null;
  heightPx: number | null;
  /** 0-1, multiplied into the layer's alpha. */
  opacity: number;
  startSec: number;
  /** Null: until the end of the video. */
  endSec: number | null;
  fadeInSec: number;
  fadeOutSec: number;
}

export type OverlayLayerPayload =
  | (LayerPlacement & { kind: 'text'; text: TextLayerSpec })
  | (LayerPlacement & { kind: 'image'; source: MediaSourceRef })
  | (LayerPlacement & { kind: 'video'; source: MediaSourceRef; loop: boolean });

export interface OverlayJobPayload extends JobPayloadBase {
  source: MediaInputRef;
  /** Bottom first; the watermark, when asked for, is the last (top) layer. */
  layers: OverlayLayerPayload[];
}

/** A watermark is one overlay layer; its own job type keeps its variants and listings apart. */
export type WatermarkJobPayload = OverlayJobPayload;

/**
 * What `POST /v1/generate` accepted, already checked by the API: template fields against the template's
 * schema and asset references against the tenant. The worker expands a template (it needs the music's
 * beats and fetched URLs for that) and validates the resulting composition again before rendering.
 */
export type GenerateRequest =
  | { template: string; fields: Record<string, unknown>; output?: Record<string, unknown> }
  | { composition: Record<string, unknown> };

export interface GenerateJobPayload extends JobPayloadBase {
  request: GenerateRequest;
}

export interface ImportJobPayload extends JobPayloadBase {
  /** Chosen by the API and answered in the 202, so the caller knows it; the row exists only once the job succeeds. */
  assetId: string;
  /** http(s) only; every hop (DNS answer and redirect) is checked again by the worker. */
  url: string;
  /** The kind the caller expects; a different probed kind fails the job. Null: any of video, image, audio. */
  expectedKind: AssetKind | null;
}

export interface AnalysisJobPayload extends JobPayloadBase {
  /** An asset with an audio stream; the result is cached on its row. */
  assetId: string;
}

export interface TranscribeJobPayload extends JobPayloadBase {
  /** An asset with an audio stream. */
  assetId: string;
  /** Chosen by the API and answered in the 202; the captions asset exists only once the job succeeds. */
  captionsAssetId: string;
  /** ISO 639-1 to skip language detection; null: detect. */
  language: string | null;
}

/**
 * The one table of job type -> payload. Adding an operation starts here; the worker's handler
 * table is typed from it, so a type without a handler does not compile.
 */
export interface JobPayloads {
  [JobType.Trim]: TrimJobPayload;
  [JobType.Transcode]: TranscodeJobPayload;
  [JobType.Thumbnail]: ThumbnailJobPayload;
  [JobType.Overlay]: OverlayJobPayload;
  [JobType.Watermark]: WatermarkJobPayload;
  [JobType.Import]: ImportJobPayload;
  [JobType.Analysis]: AnalysisJobPayload;
  [JobType.Generate]: GenerateJobPayload;
  [JobType.Transcribe]: TranscribeJobPayload;
}

export type QueuedJobType = keyof JobPayloads;
export type JobPayload<T extends QueuedJobType> = JobPayloads[T];

/** `{ type, data }` pairs derived from the table, so producer and consumer agree by construction. */
export type JobItem = { [T in QueuedJobType]: { type: T; data: JobPayloads[T] } }[QueuedJobType];

/** Webhook deliveries have their own queue, so a slow receiver never delays a render. Not a JobType. */
export const WEBHOOK_QUEUE = 'webhook';

/**
 * The Redis pub/sub channel on which the API announces `{jobId}` of a job canceled while processing;
 * every worker subscribes and kills that job's ffmpeg if it runs it. One builder, so both sides agree.
 */
export function jobCancelChannel(prefix: string): string {
  return `${prefix}:job-cancel`;
}

/**
 * The Redis pub/sub channel on which whoever commits a job's terminal state (the worker on success or
 * failure, the API on cancel) publishes its id, so event streams answer at once instead of at their next
 * poll. A hint only: a missed message costs one poll interval, never a wrong answer (the row decides).
 */
export function jobChangedChannel(prefix: string): string {
  return `${prefix}:job-changed`;
}

/** What is published on {@link jobCancelChannel}. */
export interface JobCancelMessage {
  jobId: string;
}

export type WebhookEvent = 'job.succeeded' | 'job.failed' | 'job.canceled';

/** One event to deliver; the Bull job id is `deliveryId`, so the same event is never queued twice. */
export interface WebhookDeliveryPayload {
  /** Sent as X-Reelforge-Delivery; the same on every retry of this event, so receivers can dedupe. */
  deliveryId: string;
  jobId: string;
  tenantId: string;
  event: WebhookEvent;
  url: string;
  /** The job body as JSON, serialized once at enqueue so every retry signs and sends the same bytes. */
  body: string;
}
