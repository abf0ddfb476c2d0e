import { describe, expect, it } from 'vitest';
import { breakOpportunities, detectDirection, graphemes, wrapText } from './line-breaking.js';

/** Every grapheme is 10 px wide: enough to check the breaking rules without fonts. */
const tenPxPerGrapheme = (text: string) => graphemes(text).length * 10;
const FAMILY = '👩‍👩‍👧';

describe(wrapText.name, () => {
  it('fills lines word by word and drops the spaces at the breaks', () => {
    expect(wrapText('the quick brown fox jumps', 100, tenPxPerGrapheme).lines).toEqual([
      'the quick',
      'brown fox',
      'jumps',
    ]);
  });

  it('keeps hard line breaks, including empty lines', () => {
    expect(wrapText('one\n\ntwo', 100, tenPxPerGrapheme).lines).toEqual(['one', '', 'two']);
  });

  it('breaks a word longer than the line between graphemes', () => {
    const result = wrapText('a supercalifragilistic day', 80, tenPxPerGrapheme);
    expect(result.lines).toEqual(['a', 'supercal', 'ifragili', 'stic day']);
    expect(result.graphemeTooWide).toBe(false);
  });

  it('breaks Chinese and Japanese between any characters but never before closing punctuation', () => {
    // At 20 px '，' would start the second line, so '好' moves down with it.
    expect(wrapText('你好，世界和平', 20, tenPxPerGrapheme).lines).toEqual(['你', '好，', '世界', '和平']);
    expect(wrapText('こんにちは世界', 40, tenPxPerGrapheme).lines).toEqual(['こんにち', 'は世界']);
  });

  it('never splits a ZWJ emoji sequence, even inside a long word', () => {
    const text = `Family${FAMILY}${FAMILY}${FAMILY}time`;
    expect(graphemes(text)).toContain(FAMILY);
    for (const widthPx of [20, 30, 50, 70]) {
      const { lines } = wrapText(text, widthPx, tenPxPerGrapheme);
      expect(lines.join('')).toBe(text);
      for (const line of lines) {
        // A split sequence would leave a dangling ZWJ at a line end or start.
        expect(line.startsWith('\u200d') || line.endsWith('\u200d')).toBe(false);
      }
    }
  });

  it('keeps a Devanagari conjunct cluster together', () => {
    // Unicode 15.1 grapheme rules (Node 20's ICU) keep the whole conjunct स्ते as one cluster.
    expect(graphemes('नमस्ते')).toEqual(['न', 'म', 'स्ते']);
    expect(wrapText('नमस्ते', 20, tenPxPerGrapheme).lines).toEqual(['नम', 'स्ते']);
  });

  it('reports a grapheme wider than the line', () => {
    expect(wrapText('ab', 5, tenPxPerGrapheme)).toEqual({ lines: ['a', 'b'], graphemeTooWide: true });
  });
});

describe(breakOpportunities.name, () => {
  it('keeps trailing spaces with their word and does not end a line on an opening bracket', () => {
    expect(breakOpportunities('hi there')).toEqual(['hi ', 'there']);
    expect(breakOpportunities('「東京」へ')).toEqual(['「東', '京」', 'へ']);
  });
});

describe(detectDirection.name, () => {
  it.each([
    ['Hello', 'ltr'],
    ['مرحبا بالعالم', 'rtl'],
    ['שלום', 'rtl'],
    ['123 مرحبا', 'rtl'],
    ['👋 مرحبا Hello', 'rtl'],
    ['Hello مرحبا', 'ltr'],
    ['नमस्ते', 'ltr'],
    ['你好', 'ltr'],
    ['123 !?', 'ltr'],
  ] as const)('%s is %s', (text, direction) => expect(detectDirection(text)).toBe(direction));
});
