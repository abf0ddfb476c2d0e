import { describe, expect, it } from 'vitest';
import { parseTimecode } from './timecode.js';

describe(parseTimecode.name, () => {
  it.each([
    ['zero', 0, 0],
    ['a whole number of seconds', 12, 12],
    ['fractional seconds', 12.5, 12.5],
    ['seconds as text', '12.5', 12.5],
    ['seconds as text with surrounding spaces', ' 7 ', 7],
    ['zero as text', '0', 0],
    ['MM:SS', '01:02', 62],
    ['MM:SS.sss', '01:02.250', 62.25],
    ['HH:MM:SS', '01:02:03', 3723],
    ['HH:MM:SS.sss', '00:01:02.250', 62.25],
    ['single-digit clock parts', '1:2:3', 3723],
    ['hours beyond 24', '100:00:00', 360_000],
    ['the last second of a minute', '00:59:59.999', 3599.999],
  ])('reads %s', (_name, input, expected) => {
    expect(parseTimecode(input)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['a negative number', -1],
    ['a negative number as text', '-1'],
    ['a negative clock', '-00:00:01'],
    ['NaN', Number.NaN],
    ['NaN as text', 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['Infinity as text', 'Infinity'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['a leading plus', '+5'],
    ['a trailing dot', '12.'],
    ['a leading dot', '.5'],
    ['a comma as decimal mark', '12,5'],
    ['minutes of 60', '00:60:00'],
    ['seconds of 60', '00:00:60'],
    ['MM:SS with 60 seconds', '01:60'],
    ['too many clock parts', '1:00:00:00'],
    ['an empty clock part', '01::02'],
    ['a unit suffix', '5s'],
    ['the empty string', ''],
    ['only spaces', '   '],
    ['null', null],
    ['undefined', undefined],
    ['a boolean', true],
    ['an object', { seconds: 5 }],
    ['an array', [5]],
    ['a boxed number', Object(5)],
    ['a bigint', 5n],
  ])('refuses %s', (_name, input) => {
    expect(parseTimecode(input)).toBeNull();
  });

  it('refuses seconds as text that overflow to Infinity', () => {
    expect(parseTimecode('9'.repeat(400))).toBeNull();
  });
});
