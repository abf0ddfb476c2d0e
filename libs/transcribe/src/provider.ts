import { type TranscriptSegment } from '@reelforge/contracts';

/** What a provider hears in one audio file. */
export interface ProviderTranscript {
  /** The model that made it, when the provider says. */
  model: string | null;
  /** As the provider reports it (an ISO 639-1 code, or a name such as `english`); null when unknown. */
  language: string | null;
  /** In time order, seconds from the start of the file. */
  segments: TranscriptSegment[];
}

export interface TranscribeInput {
  /** 16 kHz mono 16-bit PCM WAV: what whisper.cpp requires and every OpenAI-compatible server accepts. */
  audioPath: string;
  /** ISO 639-1 to skip detection; null: the provider detects it. */
  language: string | null;
  /** Aborted when the job is canceled or the worker shuts down. */
  signal: AbortSignal;
}

/** Speech to timed text. Implementations: whisper.cpp run locally, or an OpenAI-compatible HTTP endpoint. */
export interface TranscriptionProvider {
  /** `whisper.cpp` or `http`: recorded on the transcript. */
  readonly name: string;
  transcribe(input: TranscribeInput): Promise<ProviderTranscript>;
}

/**
 * The provider failed in a way a retry will not fix (bad key, audio refused): the job fails at once.
 * Anything else a provider throws (connection refused, 5xx, 429) is transient and retried.
 */
export class TranscriptionRefused extends Error {
  constructor(
    readonly reason: 'unauthorized' | 'refused' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'TranscriptionRefused';
  }
}
