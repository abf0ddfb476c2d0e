/** One recognised word with its timing, seconds from the start of the source's audio. */
export interface TranscriptWord {
  word: string;
  startSec: number;
  endSec: number;
}

/** A stretch of speech as the provider segmented it; `words` are empty when it gave no word timings. */
export interface TranscriptSegment {
  startSec: number;
  endSec: number;
  text: string;
  words: TranscriptWord[];
}

/**
 * Speech recognised from an asset's audio, kept on the captions asset made from it: the SRT is the
 * asset's file, the word timings live here (karaoke-style captions, cut points on words).
 */
export interface Transcript {
  /** Which provider made it: `whisper.cpp` or `http`. */
  provider: string;
  /** The model named by the provider, when it says. */
  model: string | null;
  /** ISO 639-1 when known (as detected or asked for). */
  language: string | null;
  /** The asset the speech came from. */
  sourceAssetId: string;
  segments: TranscriptSegment[];
  /** Every word of every segment, in order. */
  words: TranscriptWord[];
}
