/** Measures the advance width of a string in pixels, with the font and letter spacing already applied. */
export type MeasureWidthPx = (text: string) => number;

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters: a ZWJ emoji sequence, a flag or a Devanagari conjunct cluster stays one unit. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (segment) => segment.segment);
}

/** Scripts written without spaces, where a line may break between any two characters. */
const BREAK_ANYWHERE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
/**
 * Kinsoku: these never start a line (closing punctuation, small kana, prolonged sound mark) and the
 * opening brackets never end one. A short list of the common ones from JIS X 4051 / CLREQ.
 */
const NO_LINE_START = new Set([
  ...'、。，．,.！？!?：；:;）)」』】〕〉》］｝〙〗ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・…',
]);
const NO_LINE_END = new Set([...'（(「『【〔〈《［｛〘〖']);

const WHITESPACE = /^\s+$/u;

/**
 * Splits a paragraph into the smallest pieces a line may break between: after whitespace, and
 * around each character of scripts written without spaces, respecting the kinsoku rules above.
 * Each piece keeps its trailing whitespace.
 */
export function breakOpportunities(paragraph: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let previous = '';
  for (const grapheme of graphemes(paragraph)) {
    const isSpace = WHITESPACE.test(grapheme);
    const breakBefore =
      current !== '' &&
      !isSpace &&
      (WHITESPACE.test(previous) || BREAK_ANYWHERE.test(grapheme) || BREAK_ANYWHERE.test(previous)) &&
      !NO_LINE_START.has(grapheme) &&
      !NO_LINE_END.has(previous);
    if (breakBefore) {
      pieces.push(current);
      current = '';
    }
    current += grapheme;
    previous = grapheme;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

export interface WrapResult {
  lines: string[];
  /** A single grapheme is wider than the line, so the text cannot fit at this size whatever the breaks. */
  graphemeTooWide: boolean;
}

/**
 * Greedy line filling by measured width. Hard line breaks ('\n') are kept. A piece wider than a whole
 * line (a long URL, a long German compound) is broken between graphemes, never inside one.
 */
export function wrapText(text: string, maxWidthPx: number, measure: MeasureWidthPx): WrapResult {
  const lines: string[] = [];
  let graphemeTooWide = false;
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const piece of breakOpportunities(paragraph)) {
      if (measure((line + piece).trimEnd()) <= maxWidthPx) {
        line += piece;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      if (measure(piece.trimEnd()) <= maxWidthPx) {
        line = piece;
        continue;
      }
      for (const grapheme of graphemes(piece)) {
        if (line === '' || measure((line + grapheme).trimEnd()) <= maxWidthPx) {
          if (line === '' && measure(grapheme) > maxWidthPx) graphemeTooWide = true;
          line += grapheme;
        } else {
          lines.push(line.trimEnd());
          line = WHITESPACE.test(grapheme) ? '' : grapheme;
          if (measure(grapheme) > maxWidthPx) graphemeTooWide = true;
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return { lines, graphemeTooWide };
}

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG = /\p{L}/u;

/**
 * The paragraph direction by the Unicode bidi rule P2/P3: the first strong character decides. Digits,
 * punctuation and emoji are weak or neutral and are skipped.
 */
export function detectDirection(text: string): 'ltr' | 'rtl' {
  for (const char of text) {
    if (STRONG_RTL.test(char)) return 'rtl';
    if (STRONG.test(char)) return 'ltr';
  }
  return 'ltr';
}
