import { type TranscriptSegment, type TranscriptWord } from '@reelforge/contracts';

/** One subtitle as it will be written: up to `maxLines` lines, on screen from startMs to endMs. */
export interface SrtCue {
  startMs: number;
  endMs: number;
  lines: string[];
}

export interface CueOptions {
  /** Characters per line; 42 is the common broadcast/Netflix guideline for Latin scripts. */
  maxLineChars: number;
  maxLines: number;
  /** A cue longer than this is split even when its text would fit (readers lose their place). */
  maxCueMs: number;
  /** Shorter cues are stretched towards the next one, as far as the gap allows (flashes are unreadable). */
  minCueMs: number;
}

export const DEFAULT_CUE_OPTIONS: CueOptions = { maxLineChars: 42, maxLines: 2, maxCueMs: 7_000, minCueMs: 800 };

/** Seconds to whole milliseconds, never negative: SRT has millisecond resolution. */
export function toMs(seconds: number): number {
  return Math.max(0, Math.round(seconds * 1000));
}

/** `HH:MM:SS,mmm`, the SRT timestamp (comma before the milliseconds). */
export function srtTimestamp(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const seconds = Math.floor((whole % 60_000) / 1000);
  const millis = whole % 1000;
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)},${pad(millis, 3)}`;
}

/**
 * Word timings for a segment: the provider's when it gave them, else the segment's span shared out by
 * character count (a long word takes longer to say), so a long segment can still be split sensibly.
 */
function wordsOf(segment: TranscriptSegment): TranscriptWord[] {
  const given = segment.words.filter((word) => word.word.trim() !== '');
  if (given.length > 0) return given.map((word) => ({ ...word, word: word.word.trim() }));
  const tokens = segment.text.split(/\s+/).filter(Boolean);
  const totalChars = tokens.reduce((sum, token) => sum + token.length, 0);
  const spanSec = Math.max(0, segment.endSec - segment.startSec);
  let at = segment.startSec;
  return tokens.map((token) => {
    const durationSec = totalChars > 0 ? (spanSec * token.length) / totalChars : 0;
    const word = { word: token, startSec: at, endSec: at + durationSec };
    at += durationSec;
    return word;
  });
}

/** Greedy line filling; a word longer than a line gets a line of its own rather than being cut. */
function linesOf(words: readonly string[], maxLineChars: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= maxLineChars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * Segments to cues: each segment's words are packed into cues of at most `maxLines` lines of
 * `maxLineChars` and `maxCueMs`; cues never cross a segment boundary (a provider's segments follow
 * pauses and sentences). Times are rounded to milliseconds, then overlaps are removed: a cue ends no
 * later than the next one starts, and a cue squeezed to nothing is dropped into its neighbour's time.
 * Short cues are stretched to `minCueMs` where the gap to the next allows.
 */
export function captionCues(
  segments: readonly TranscriptSegment[],
  options: CueOptions = DEFAULT_CUE_OPTIONS,
): SrtCue[] {
  const cues: SrtCue[] = [];
  const ordered = [...segments].sort((a, b) => a.startSec - b.startSec);
  for (const segment of ordered) {
    let pending: TranscriptWord[] = [];
    const flush = (): void => {
      if (pending.length === 0) return;
      cues.push({
        startMs: toMs(pending[0].startSec),
        endMs: toMs(pending[pending.length - 1].endSec),
        lines: linesOf(
          pending.map((word) => word.word),
          options.maxLineChars,
        ),
      });
      pending = [];
    };
    for (const word of wordsOf(segment)) {
      const candidate = [...pending, word];
      const tooManyLines =
        linesOf(
          candidate.map((w) => w.word),
          options.maxLineChars,
        ).length > options.maxLines;
      const tooLong = pending.length > 0 && toMs(word.endSec) - toMs(pending[0].startSec) > options.maxCueMs;
      if (pending.length > 0 && (tooManyLines || tooLong)) flush();
      pending.push(word);
    }
    flush();
  }
  return settleTimings(cues, options.minCueMs);
}

function settleTimings(cues: SrtCue[], minCueMs: number): SrtCue[] {
  const settled: SrtCue[] = [];
  for (const cue of cues) {
    const previous = settled[settled.length - 1];
    let startMs = cue.startMs;
    if (previous && startMs < previous.endMs) {
      // Overlap: the earlier cue gives way, unless that would leave it no time; then this one starts later.
      if (startMs > previous.startMs) previous.endMs = startMs;
      else startMs = previous.endMs;
    }
    const endMs = Math.max(cue.endMs, startMs + 1);
    settled.push({ ...cue, startMs, endMs });
  }
  for (const [i, cue] of settled.entries()) {
    if (cue.endMs - cue.startMs >= minCueMs) continue;
    const limitMs = settled[i + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    cue.endMs = Math.min(cue.startMs + minCueMs, Math.max(cue.endMs, limitMs));
  }
  return settled;
}

/** SubRip text: numbered cues, CRLF-free, a blank line between cues and at the end. */
export function formatSrt(cues: readonly SrtCue[]): string {
  return cues
    .map((cue, i) => `${i + 1}\n${srtTimestamp(cue.startMs)} --> ${srtTimestamp(cue.endMs)}\n${cue.lines.join('\n')}\n`)
    .join('\n');
}
