import { describe, expect, it } from 'vitest';
import { parseRange } from './send-stored-file.js';

describe(parseRange.name, () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=50-5000', 100, { start: 50, end: 99 }],
  ])('reads %s of %i bytes', (header, size, range) => {
    expect(parseRange(header, size)).toEqual(range);
  });

  it.each([['bytes=100-'], ['bytes=-0'], ['bytes=200-300']])('finds %s unsatisfiable for 100 bytes', (header) => {
    expect(parseRange(header, 100)).toBe('unsatisfiable');
  });

  it.each([[undefined], [''], ['bytes=-'], ['items=0-1'], ['bytes=0-1,5-9'], ['bytes=9-2']])(
    'ignores %j and serves the whole body',
    (header) => {
      expect(parseRange(header, 100)).toBeNull();
    },
  );
});
