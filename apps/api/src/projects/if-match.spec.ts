import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { parseIfMatch, projectEtag } from './projects.service.js';

describe(parseIfMatch.name, () => {
  it.each<[string | undefined, ReturnType<typeof parseIfMatch>]>([
    [undefined, null],
    ['*', { kind: 'any' }],
    ['"3"', { kind: 'versions', versions: [3] }],
    ['W/"3"', { kind: 'versions', versions: [3] }],
    [' "3" , "4"', { kind: 'versions', versions: [3, 4] }],
    [projectEtag(12), { kind: 'versions', versions: [12] }],
  ])('reads %s', (header, expected) => {
    expect(parseIfMatch(header)).toEqual(expected);
  });

  it.each(['3', '"abc"', '"0"', '"03"', '', '"3", *'])('refuses %j naming If-Match', (header) => {
    expect(() => parseIfMatch(header)).toThrow(InvalidInputError);
  });
});
