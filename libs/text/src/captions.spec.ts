import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_CAPTION_CUE_CHARS, MAX_CAPTION_CUES, parseCaptions, sniffCaptionFormat } from './captions.js';

const srt = (...blocks: string[]): string => blocks.join('\n\n') + '\n';

/** The InvalidInputError a parse throws, so a test can check its line. */
function errorOf(text: string): InvalidInputError {
  try {
    parseCaptions(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('parseCaptions accepted the input');
}

describe(parseCaptions.name, () => {
  it('parses SRT cues with hours, commas and multi-line text', () => {
    const text = srt('1\n00:00:01,000 --> 00:00:02,500\nHello', '2\n01:02:03,004 --> 01:02:04,000\nTwo\nlines');
    expect(parseCaptions(text)).toEqual([
      { startSec: 1, endSec: 2.5, text: 'Hello' },
      { startSec: 3723.004, endSec: 3724, text: 'Two\nlines' },
    ]);
  });

  it('handles a BOM, CRLF line ends and several blank lines between cues', () => {
    const text = '\uFEFF1\r\n00:00:00,100 --> 00:00:00,900\r\nA\r\n\r\n\r\n2\r\n00:00:01,000 --> 00:00:02,000\r\nB\r\n';
    expect(parseCaptions(text).map((cue) => cue.text)).toEqual(['A', 'B']);
  });

  it('strips HTML-like tags, ASS overrides and entities', () => {
    const text = srt(
      '1\n00:00:01,000 --> 00:00:02,000 X1:10 X2:20\n{\\an8}<i>Hi</i> <b>there</b> &amp; <font color="red">you</font>',
    );
    expect(parseCaptions(text)[0]?.text).toBe('Hi there & you');
  });

  it('parses WebVTT with a header, identifiers, mm:ss timestamps, settings, NOTE and STYLE blocks', () => {
    const text = [
      'WEBVTT - a title',
      'Kind: captions',
      '',
      'NOTE this is ignored',
      '--> even with arrows',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      'intro',
      '00:01.000 --> 00:02.000 align:start position:10%',
      '<v Roger>Hello <c.loud>world</c>',
      '',
      '01:00:00.000 --> 01:00:01.250',
      'Line one',
      '<00:00:00.500>line two',
    ].join('\n');
    expect(parseCaptions(text)).toEqual([
      { startSec: 1, endSec: 2, text: 'Hello world' },
      { startSec: 3600, endSec: 3601.25, text: 'Line one\nline two' },
    ]);
  });

  it.each([
    ['a missing cue number', srt('00:00:01,000 --> 00:00:02,000\nHi'), 1],
    ['a malformed timestamp', srt('1\n00:00:01,000 --> 00:00:02,000\nA', '2\n00:00:61,000 --> 00:01:02,000\nB'), 6],
    ['a missing arrow', srt('1\n00:00:01,000 00:00:02,000\nA'), 2],
    ['an end before the start', srt('1\n00:00:03,000 --> 00:00:02,000\nA'), 2],
    ['a cue without text', '1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n', 2],
    [
      'a missing blank line between cues',
      '1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:03,000 --> 00:00:04,000\nB\n',
      5,
    ],
    ['a WebVTT header without a blank line', 'WEBVTT\n00:01.000 --> 00:02.000\nA\n', 2],
    ['a bad WebVTT timestamp', 'WEBVTT\n\n00:01.000 --> 00:02.0\nA\n', 3],
  ])('refuses %s, naming the line', (_name, text, line) => {
    const error = errorOf(text);
    expect(error.message).toContain(`line ${line}:`);
    expect(error.details).toEqual({ line });
  });

  it('refuses a file without cues', () => {
    expect(errorOf('WEBVTT\n\nNOTE nothing here\n').message).toBe('The captions have no cues');
    expect(errorOf('').message).toBe('The captions have no cues');
  });

  it('caps the number of cues and the text of one cue', () => {
    const many = Array.from({ length: MAX_CAPTION_CUES + 1 }, (_, i) => `${i + 1}\n00:00:01,000 --> 00:00:02,000\nx`);
    expect(errorOf(srt(...many)).message).toContain(`limit is ${MAX_CAPTION_CUES}`);
    const long = srt(`1\n00:00:01,000 --> 00:00:02,000\n${'a'.repeat(MAX_CAPTION_CUE_CHARS + 1)}`);
    expect(errorOf(long).message).toContain('line 3:');
  });
});

describe('a broken SRT timing line', () => {
  it('is refused naming the line', () => {
    expect(() => parseCaptions('1\n00:00:00,500 -> 00:00:02,500\nbroken\n')).toThrow(/line 2/);
  });
});

describe(sniffCaptionFormat.name, () => {
  it.each([
    ['WEBVTT\n\n00:01.000 --> 00:02.000\nA', 'vtt'],
    ['\uFEFFWEBVTT', 'vtt'],
    ['1\r\n00:00:01,000 --> 00:00:02,000\r\nA', 'srt'],
    ['\uFEFF12\n00:00:01.000 --> 00:00:02.000', 'srt'],
    // Recognised with a broken arrow, so the parser can name the line.
    ['1\n00:00:00,500 -> 00:00:02,500\nbroken', 'srt'],
    ['WEBVTTX', null],
    ['just some text', null],
    ['#EXTM3U\n#EXTINF:10,\nhttp://example.com/a.ts', null],
  ])('tells %j is %s', (head, format) => {
    expect(sniffCaptionFormat(head)).toBe(format);
    expect(sniffCaptionFormat(Buffer.from(head))).toBe(format);
  });
});
