import { describe, expect, it } from 'vitest';

import { type Anchor, anchorPosition, ANCHORS } from './anchors.js';
import { parseExpression } from './expression.js';

describe(anchorPosition.name, () => {
  it.each<[Anchor, string, string]>([
    ['top-left', '24', '24'],
    ['top', '(W-w)/2', '24'],
    ['top-right', 'W-w-24', '24'],
    ['left', '24', '(H-h)/2'],
    ['center', '(W-w)/2', '(H-h)/2'],
    ['right', 'W-w-24', '(H-h)/2'],
    ['bottom-left', '24', 'H-h-24'],
    ['bottom', '(W-w)/2', 'H-h-24'],
    ['bottom-right', 'W-w-24', 'H-h-24'],
  ])('places %s at x=%s, y=%s', (anchor, x, y) => {
    expect(anchorPosition(anchor, 24)).toEqual({ x, y });
  });

  it('covers every anchor with expressions our own parser accepts', () => {
    expect(ANCHORS).toHaveLength(9);
    for (const anchor of ANCHORS) {
      const { x, y } = anchorPosition(anchor, 12.5);
      expect(() => parseExpression(x)).not.toThrow();
      expect(() => parseExpression(y)).not.toThrow();
    }
  });

  it('writes fractional and zero margins without exponents', () => {
    expect(anchorPosition('bottom-right', 0.5)).toEqual({ x: 'W-w-0.5', y: 'H-h-0.5' });
    expect(anchorPosition('top-left', 0)).toEqual({ x: '0', y: '0' });
    expect(anchorPosition('top-left', 1e-7)).toEqual({ x: '0', y: '0' });
  });

  it.each([-1, Number.NaN, Infinity])('refuses the margin %d', (marginPx) => {
    expect(() => anchorPosition('top-left', marginPx)).toThrow(RangeError);
  });

  it('refuses an anchor outside the list, e.g. from an unchecked request body', () => {
    expect(() => anchorPosition('middle' as Anchor, 0)).toThrow(/Unknown anchor "middle"/);
    expect(() => anchorPosition('toString' as Anchor, 0)).toThrow(/Unknown anchor/);
  });
});
