/** Kinds of stored media. Values are persisted in `assets.kind` and appear in the API. */
export enum AssetKind {
  Video = 'video',
  Image = 'image',
  Audio = 'audio',
  Font = 'font',
  Overlay = 'overlay',
  /** SRT or WebVTT captions, recognised by content and validated by parseCaptions. */
  Subtitles = 'subtitles',
}

export enum AssetOrigin {
  Upload = 'upload',
  Url = 'url',
  Generated = 'generated',
}

export enum JobType {
  Trim = 'trim',
  Overlay = 'overlay',
  Watermark = 'watermark',
  Transcode = 'transcode',
  Generate = 'generate',
  Thumbnail = 'thumbnail',
  /** Fetches a URL into a new asset. */
  Import = 'import',
  /** Beat and onset analysis of an asset's audio, cached on the asset. */
  Analysis = 'analysis',
  /** Speech in an asset's audio to a captions asset (SRT + word timings). */
  Transcribe = 'transcribe',
}

export enum JobStatus {
  Queued = 'queued',
  Processing = 'processing',
  Succeeded = 'succeeded',
  Failed = 'failed',
  Canceled = 'canceled',
}

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = [JobStatus.Succeeded, JobStatus.Failed, JobStatus.Canceled];

export enum VariantKind {
  Trim = 'trim',
  Overlay = 'overlay',
  Watermark = 'watermark',
  Transcode = 'transcode',
  Generated = 'generated',
  Thumbnail = 'thumbnail',
}

export enum TrimMode {
  /** Re-encodes, so the cut lands on the exact requested frame. */
  Accurate = 'accurate',
  /** Copies streams from the keyframe at or before `start`: no re-encode, but the cut can start early. */
  Fast = 'fast',
}

export enum ApiKeyScope {
  AssetsRead = 'assets:read',
  AssetsWrite = 'assets:write',
  JobsRead = 'jobs:read',
  JobsWrite = 'jobs:write',
}

export const ALL_API_KEY_SCOPES: readonly ApiKeyScope[] = Object.values(ApiKeyScope);

/** Ladder rungs, named by the picture's short side. */
export enum Quality {
  P2160 = '2160p',
  P1440 = '1440p',
  P1080 = '1080p',
  P720 = '720p',
  P480 = '480p',
  P360 = '360p',
  P240 = '240p',
}

export enum TranscodeFormat {
  Mp4 = 'mp4',
  /** A master playlist plus one playlist and MPEG-TS segments per rendition. */
  Hls = 'hls',
}
