import { describe, expect, it } from 'vitest';
import { jsonDepthOf, MAX_JSON_DEPTH, verifyJsonDepth } from './body-guard.js';
import { hasAtMostDecimalPlaces } from './decimal-places.validator.js';

describe(jsonDepthOf.name, () => {
  it.each([
    ['a scalar', '1', 0],
    ['an object', '{"a":1}', 1],
    ['nesting', '{"a":[{"b":[1]}]}', 4],
    ['brackets inside strings', '{"a":"[[[{{{"}', 1],
    ['an escaped quote before brackets', '{"a":"\\"[[["}', 1],
    ['an escaped backslash before the closing quote', '{"a":"\\\\","b":[1]}', 2],
  ])('counts %s', (_name, json, depth) => expect(jsonDepthOf(Buffer.from(json))).toBe(depth));

  it('walks 100,000 brackets without recursion and refuses them with a 400 error', () => {
    const raw = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(jsonDepthOf(raw)).toBe(100_000);
    expect(() => verifyJsonDepth(null, null, raw)).toThrow(
      expect.objectContaining({ status: 400, expose: true, message: expect.stringContaining('the limit is 32') }),
    );
    expect(() => verifyJsonDepth(null, null, Buffer.from('['.repeat(MAX_JSON_DEPTH)))).not.toThrow();
  });
});

describe(hasAtMostDecimalPlaces.name, () => {
  it.each([
    [1.5, true],
    [0.001, true],
    [12.345, true],
    [1e21, true],
    [0.1 + 0.2, false],
    [1e-7, false],
    [5e-324, false],
    [12.3456, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['1.5', false],
  ])('%s -> %s for 3 places', (value, expected) => expect(hasAtMostDecimalPlaces(value, 3)).toBe(expected));
});
