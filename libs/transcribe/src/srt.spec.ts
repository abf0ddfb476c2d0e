import { parseCaptions } from '@reelforge/text';
import { describe, expect, it } from 'vitest';
import { captionCues, DEFAULT_CUE_OPTIONS, formatSrt, srtTimestamp, toMs } from './srt.js';

const segment = (startSec: number, endSec: number, text: string, words: Array<[string, number, number]> = []) => ({
  startSec,
  endSec,
  text,
  words: words.map(([word, s, e]) => ({ word, startSec: s, endSec: e })),
});

describe('srtTimestamp and toMs', () => {
  it.each([
    [0, '00:00:00,000'],
    [1.0004, '00:00:01,000'],
    [1.0005, '00:00:01,001'],
    [59.9999, '00:01:00,000'],
    [3661.2345, '01:01:01,235'],
    [-0.2, '00:00:00,000'],
    [36_000.5, '10:00:00,500'],
  ])('rounds %s s to %s', (seconds, expected) => {
    expect(srtTimestamp(toMs(seconds))).toBe(expected);
  });
});

describe('captionCues', () => {
  it('keeps a short segment as one cue, with its times rounded to milliseconds', () => {
    expect(captionCues([segment(0.2004, 1.9996, ' Hello there. ')])).toEqual([
      { startMs: 200, endMs: 2000, lines: ['Hello there.'] },
    ]);
  });

  it('breaks lines at maxLineChars and starts a new cue past maxLines, using word timings', () => {
    const words: Array<[string, number, number]> = [];
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    text.split(' ').forEach((word, i) => words.push([word, i * 0.5, i * 0.5 + 0.4]));
    const cues = captionCues([segment(0, 6, text, words)], { ...DEFAULT_CUE_OPTIONS, maxLineChars: 14, maxLines: 2 });
    expect(cues.map((cue) => cue.lines)).toEqual([
      ['one two three', 'four five six'],
      ['seven eight', 'nine ten'],
      ['eleven twelve'],
    ]);
    for (const cue of cues) for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(14);
    // Each cue spans its own words: the first ends when "six" ends, the second starts when "seven" starts.
    expect(cues.map((cue) => [cue.startMs, cue.endMs])).toEqual([
      [0, 2900],
      [3000, 4900],
      [5000, 5900],
    ]);
  });

  it('gives a word longer than a line a line of its own instead of cutting it', () => {
    const cues = captionCues([segment(0, 2, 'a Donaudampfschifffahrtsgesellschaft b')], {
      ...DEFAULT_CUE_OPTIONS,
      maxLineChars: 10,
      maxLines: 3,
    });
    expect(cues[0].lines).toEqual(['a', 'Donaudampfschifffahrtsgesellschaft', 'b']);
  });

  it('shares a segment without word timings out by characters when it must split it', () => {
    const cues = captionCues([segment(10, 14, 'aaaa bbbb cccc dddd')], {
      ...DEFAULT_CUE_OPTIONS,
      maxLineChars: 9,
      maxLines: 1,
    });
    expect(cues).toEqual([
      { startMs: 10_000, endMs: 12_000, lines: ['aaaa bbbb'] },
      { startMs: 12_000, endMs: 14_000, lines: ['cccc dddd'] },
    ]);
  });

  it('splits a cue that would stay on screen longer than maxCueMs', () => {
    const words: Array<[string, number, number]> = [
      ['slow', 0, 3],
      ['words', 3, 6],
      ['here', 6, 9],
    ];
    const cues = captionCues([segment(0, 9, 'slow words here', words)]);
    expect(cues.map((cue) => cue.lines.join(' '))).toEqual(['slow words', 'here']);
  });

  it('ends a cue where the next begins when segments overlap', () => {
    const cues = captionCues([segment(0, 2.5, 'first'), segment(2, 4, 'second')]);
    expect(cues.map((cue) => [cue.startMs, cue.endMs])).toEqual([
      [0, 2000],
      [2000, 4000],
    ]);
  });

  it('starts a cue after the previous one when both start together, so none has zero length', () => {
    const cues = captionCues([segment(1, 2, 'a'), segment(1, 3, 'b')]);
    expect(cues.map((cue) => [cue.startMs, cue.endMs])).toEqual([
      [1000, 2000],
      [2000, 3000],
    ]);
  });

  it('sorts segments by start and stretches flashes to the minimum as far as the gap allows', () => {
    const cues = captionCues([segment(5, 5.1, 'late'), segment(1, 1.1, 'early'), segment(1.5, 1.6, 'squeezed')]);
    expect(cues.map((cue) => [cue.lines[0], cue.startMs, cue.endMs])).toEqual([
      ['early', 1000, 1500],
      ['squeezed', 1500, 2300],
      ['late', 5000, 5800],
    ]);
  });

  it('skips empty segments', () => {
    expect(captionCues([segment(0, 1, '   '), segment(1, 2, 'x')])).toHaveLength(1);
  });
});

describe('formatSrt', () => {
  it('writes SubRip that the captions parser reads back to the same cues', () => {
    const cues = captionCues([segment(0.5, 2, 'Hello world'), segment(2.25, 4.1, 'Second line here')]);
    const srt = formatSrt(cues);
    expect(srt).toBe(
      '1\n00:00:00,500 --> 00:00:02,000\nHello world\n\n2\n00:00:02,250 --> 00:00:04,100\nSecond line here\n',
    );
    expect(parseCaptions(srt)).toEqual([
      { startSec: 0.5, endSec: 2, text: 'Hello world' },
      { startSec: 2.25, endSec: 4.1, text: 'Second line here' },
    ]);
  });
});
