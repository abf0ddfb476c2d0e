/** The ffprobe facts kept with an asset, already checked against the limits. */
export interface ProbeFacts {
  /** ffprobe's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  hasVideo: boolean;
  hasAudio: boolean;
  /** Clockwise degrees a player applies (0, 90, 180, 270). */
  rotation: number;
  /** The picture's matrix tag (`bt709`, `smpte170m`, ...); null when untagged. Absent on rows probed before it was recorded. */
  colorSpace?: string | null;
  /**
   * `tv` (limited), `pc` (full) or null when untagged (decoders then take limited, except for `yuvj*` formats).
   * Absent (undefined) on rows probed before it was recorded, which are treated as unknown and converted.
   */
  colorRange?: string | null;
  /** e.g. `yuv420p`, `rgb24`, `pal8`; tells RGB sources from YUV ones. */
  pixelFormat?: string | null;
  /** H.264 profile and level as ffprobe names them (`High`, 40); HLS master playlists need them. */
  videoProfile?: string | null;
  videoLevel?: number | null;
  streams: Array<{ index: number; type: string; codec: string | null }>;
}

/** Beat analysis of an asset's audio as cached on the asset (`assets.analysis`) and answered by the API. */
export interface AudioAnalysis {
  /** Beats per minute; null when the audio has no clear pulse. */
  tempoBpm: number | null;
  /** Seconds from the start of the asset, millisecond precision; empty without a clear pulse. */
  beats: number[];
  /** Seconds from the start: where notes or hits begin. */
  onsets: number[];
  /** 0-1: how strongly the onsets repeat at the tempo; below ~0.1 the pulse is unclear. */
  confidence: number;
  /** Seconds of audio analysed: the whole track, or the first AUDIO_ANALYSIS_MAX_SEC of a longer one. */
  analysedSec: number;
}

/** Only this much of a track is analysed: it bounds the decoded PCM (~53 MB) and the CPU time. */
export const AUDIO_ANALYSIS_MAX_SEC = 600;
