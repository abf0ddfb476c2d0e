import { InvalidInputError } from '@reelforge/contracts';

/** One caption: when it shows and what it says (tags stripped, lines joined with `\n`). */
export interface CaptionCue {
  startSec: number;
  endSec: number;
  text: string;
}

export type CaptionFormat = 'srt' | 'vtt';

/** More cues than a feature film's worth is a generated or hostile file. */
export const MAX_CAPTION_CUES = 2_000;
/** Characters of one cue's text after tags are stripped; a caption is a line or two, not a page. */
export const MAX_CAPTION_CUE_CHARS = 1_000;
/** Caption files are small; this bounds what is read into memory and parsed on the request thread. */
export const MAX_CAPTION_FILE_BYTES = 1024 * 1024;

const BOM = '\uFEFF';
const VTT_SIGNATURE = /^WEBVTT(?:[ \t\r\n]|$)/;
/**
 * A cue number, then a line starting with a timestamp: enough to tell SRT from binary media, which never starts
 * so. The arrow is not required here, so a broken timing line (`->`) is refused by the parser naming its line
 * rather than by ffprobe as "not media".
 */
const SRT_SIGNATURE = /^[ \t]*\d+[ \t]*\r?\n[ \t]*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{3}/;
/** `hh:mm:ss,mmm` (SRT), `hh:mm:ss.mmm` or `mm:ss.mmm` (WebVTT); hours may have more than two digits. */
const TIMESTAMP = /^(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)[,.](\d{3})$/;
/** `start --> end`, then anything: WebVTT cue settings and SRT's `X1:` coordinates are ignored. */
const TIMING_LINE = /^[ \t]*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$/;

/** The format a file's first bytes announce, or null when they are not captions. */
export function sniffCaptionFormat(head: Buffer | string): CaptionFormat | null {
  const text = (typeof head === 'string' ? head : head.subarray(0, 512).toString('utf8')).replace(/^\uFEFF/, '');
  if (VTT_SIGNATURE.test(text)) return 'vtt';
  if (SRT_SIGNATURE.test(text)) return 'srt';
  return null;
}

function fail(line: number, problem: string): never {
  throw new InvalidInputError(`Captions line ${line}: ${problem}`, { line });
}

function parseTimestamp(raw: string, line: number): number {
  const match = TIMESTAMP.exec(raw);
  if (!match) fail(line, `"${raw.slice(0, 40)}" is not a timestamp (hh:mm:ss,mmm or mm:ss.mmm)`);
  const [, hours = '0', minutes, seconds, millis] = match;
  const totalMs = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
  return totalMs / 1000;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

/** Drops styling the renderer does not draw: HTML-like tags (`<i>`, `<c.x>`, `<v Name>`, `<00:01.000>`) and ASS overrides (`{\an8}`). */
function cleanText(lines: readonly string[]): string {
  return lines
    .map((line) =>
      line
        .replace(/<[^>]*>/g, '')
        .replace(/\{\\[^}]*\}/g, '')
        .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_entity, name: string) => ENTITIES[name] ?? '')
        .trim(),
    )
    .filter((line) => line.length > 0)
    .join('\n');
}

interface Block {
  /** 1-based line number of the block's first line. */
  firstLine: number;
  lines: string[];
}

/** Blank-line separated blocks; whitespace-only lines count as blank. */
function blocksOf(lines: readonly string[], fromIndex: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (let i = fromIndex; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      current = null;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { firstLine: i + 1, lines: [line] };
      blocks.push(current);
    }
  }
  return blocks;
}

function cueFrom(block: Block, timingIndex: number): CaptionCue {
  const timingLine = block.firstLine + timingIndex;
  const match = TIMING_LINE.exec(block.lines[timingIndex] ?? '');
  if (!match) fail(timingLine, 'expected a timing line "start --> end"');
  const startSec = parseTimestamp(match[1] as string, timingLine);
  const endSec = parseTimestamp(match[2] as string, timingLine);
  if (endSec <= startSec) fail(timingLine, `the cue ends (${endSec}s) at or before it starts (${startSec}s)`);
  const textLines = block.lines.slice(timingIndex + 1);
  if (textLines.length === 0) fail(timingLine, 'the cue has no text');
  const clash = textLines.findIndex((line) => line.includes('-->'));
  if (clash >= 0) fail(timingLine + 1 + clash, 'a timing line inside cue text (is a blank line missing?)');
  const text = cleanText(textLines);
  if (text.length > MAX_CAPTION_CUE_CHARS) {
    fail(timingLine + 1, `the cue has ${text.length} characters; the limit is ${MAX_CAPTION_CUE_CHARS}`);
  }
  return { startSec, endSec, text };
}

function parseSrt(lines: readonly string[]): CaptionCue[] {
  return blocksOf(lines, 0).map((block) => {
    if (!/^\s*\d+\s*$/.test(block.lines[0] as string)) {
      fail(block.firstLine, 'expected a cue number');
    }
    return cueFrom(block, 1);
  });
}

function parseVtt(lines: readonly string[]): CaptionCue[] {
  // The header runs from WEBVTT to the first blank line (metadata such as `Kind:` may follow it).
  let headerEnd = 0;
  while (headerEnd < lines.length && (lines[headerEnd] as string).trim() !== '') {
    if ((lines[headerEnd] as string).includes('-->')) fail(headerEnd + 1, 'a blank line must follow the WEBVTT header');
    headerEnd += 1;
  }
  const cues: CaptionCue[] = [];
  for (const block of blocksOf(lines, headerEnd)) {
    const first = block.lines[0] as string;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    // An optional identifier line precedes the timing line.
    cues.push(cueFrom(block, first.includes('-->') ? 0 : 1));
  }
  return cues;
}

/**
 * Parses SRT or WebVTT (told apart by the `WEBVTT` header) into cues. Strict: anything malformed is
 * an InvalidInputError naming its 1-based line, because a silently skipped cue is a missing caption.
 */
export function parseCaptions(text: string): CaptionCue[] {
  if (text.length > MAX_CAPTION_FILE_BYTES) {
    throw new InvalidInputError(`Caption files are limited to ${MAX_CAPTION_FILE_BYTES} bytes`);
  }
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  const format: CaptionFormat = VTT_SIGNATURE.test(body) ? 'vtt' : 'srt';
  const cues = format === 'vtt' ? parseVtt(lines) : parseSrt(lines);
  if (cues.length === 0) throw new InvalidInputError('The captions have no cues');
  if (cues.length > MAX_CAPTION_CUES) {
    throw new InvalidInputError(`The captions have ${cues.length} cues; the limit is ${MAX_CAPTION_CUES}`);
  }
  return cues;
}
