import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { STYLE_CLIPS, STYLE_SKIPS } from './fake-context.js';
import { mulberry32 } from './prng.js';
import { chooseStyleWindow } from './style-clip.template.js';
import { freeRanges, longestWindowSec, pickWindowStart, validStartRanges } from './style-window.js';

describe(freeRanges.name, () => {
  it('is the whole clip without skip zones', () => {
    expect(freeRanges(30, [])).toEqual([{ startSec: 0, endSec: 30 }]);
  });

  it('drops a slate at the start and a tail at the end', () => {
    expect(freeRanges(30, [[0, 3], [27, 30]])).toEqual([{ startSec: 3, endSec: 27 }]); // prettier-ignore
  });

  it('merges unsorted and overlapping zones, and clips zones reaching past either end', () => {
    const zones: Array<[number, number]> = [[20, 25], [-2, 1], [10, 14], [12, 16], [28, 40]]; // prettier-ignore
    expect(freeRanges(30, zones)).toEqual([
      { startSec: 1, endSec: 10 },
      { startSec: 16, endSec: 20 },
      { startSec: 25, endSec: 28 },
    ]);
  });

  it('ignores zones wholly outside the clip and a zone nested in another', () => {
    expect(
      freeRanges(10, [
        [12, 15],
        [2, 8],
        [3, 4],
      ]),
    ).toEqual([
      // prettier-ignore
      { startSec: 0, endSec: 2 },
      { startSec: 8, endSec: 10 },
    ]);
  });

  it('leaves nothing when one zone covers the clip', () => {
    expect(freeRanges(10, [[0, 10]])).toEqual([]);
  });
});

describe(validStartRanges.name, () => {
  const free = freeRanges(30, [
    [0, 3],
    [13, 17],
  ]); // [3,13] and [17,30] // prettier-ignore

  it('keeps the ranges a window fits in, as the interval of its possible starts', () => {
    expect(validStartRanges(free, 12)).toEqual([{ startSec: 17, endSec: 18 }]);
    expect(validStartRanges(free, 5)).toEqual([
      { startSec: 3, endSec: 8 },
      { startSec: 17, endSec: 25 },
    ]);
  });

  it('accepts an exact fit as a single start, despite floating-point error', () => {
    expect(validStartRanges(free, 13)).toEqual([{ startSec: 17, endSec: 17 }]);
    expect(validStartRanges([{ startSec: 0.1, endSec: 0.3 }], 0.1 + 0.1)).toHaveLength(1);
  });

  it('is empty when nothing is long enough', () => {
    expect(validStartRanges(free, 13.5)).toEqual([]);
    expect(longestWindowSec(free)).toBe(13);
  });
});

describe(pickWindowStart.name, () => {
  it('maps the draw linearly over the union of start ranges', () => {
    const ranges = [
      { startSec: 3, endSec: 8 },
      { startSec: 17, endSec: 25 },
    ];
    expect(pickWindowStart(ranges, () => 0)).toBe(3);
    expect(pickWindowStart(ranges, () => 5 / 13)).toBeCloseTo(8);
    expect(pickWindowStart(ranges, () => 6 / 13)).toBeCloseTo(18);
    expect(pickWindowStart(ranges, () => 0.999999)).toBeCloseTo(25, 4);
  });

  it('chooses among exact fits when no range has slack', () => {
    const ranges = [
      { startSec: 2, endSec: 2 },
      { startSec: 9, endSec: 9 },
    ];
    expect(pickWindowStart(ranges, () => 0.2)).toBe(2);
    expect(pickWindowStart(ranges, () => 0.7)).toBe(9);
  });

  it('returns null when no start is valid', () => {
    expect(pickWindowStart([], () => 0.5)).toBeNull();
  });

  it('spreads starts over every valid range in proportion to its length, never outside', () => {
    const skips: Array<[number, number]> = [[5, 6], [0, 2], [15, 22]]; // prettier-ignore
    const windowSec = 2.5;
    const ranges = validStartRanges(freeRanges(30, skips), windowSec);
    const random = mulberry32(99);
    const counts = ranges.map(() => 0);
    for (let i = 0; i < 5000; i += 1) {
      const start = pickWindowStart(ranges, random) ?? NaN;
      const end = start + windowSec;
      for (const [from, to] of skips) expect(end <= from || start >= to).toBe(true);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(30);
      counts[ranges.findIndex((r) => start >= r.startSec && start <= r.endSec)] += 1;
    }
    const total = ranges.reduce((sum, r) => sum + r.endSec - r.startSec, 0);
    ranges.forEach((range, i) => {
      expect(counts[i] / 5000).toBeCloseTo((range.endSec - range.startSec) / total, 1);
    });
  });
});

describe(chooseStyleWindow.name, () => {
  it('gives the same clip and window for the same seed', () => {
    const a = chooseStyleWindow('random', 6, 1, 42, STYLE_CLIPS, STYLE_SKIPS);
    const b = chooseStyleWindow('random', 6, 1, 42, [...STYLE_CLIPS].reverse(), STYLE_SKIPS);
    expect(b).toEqual(a);
  });

  it('varies with the seed and picks every clip in time', () => {
    const names = new Set<string>();
    const starts = new Set<number>();
    for (let seed = 0; seed < 60; seed += 1) {
      const choice = chooseStyleWindow('random', 6, 1, seed, STYLE_CLIPS, STYLE_SKIPS);
      names.add(choice.clip.name);
      starts.add(choice.windowStartSec);
    }
    expect([...names].sort()).toEqual(['aurora', 'ember', 'silk']);
    expect(starts.size).toBeGreaterThan(50);
  });

  it('keeps a window of duration x speed clear of the skip zones', () => {
    for (let seed = 0; seed < 300; seed += 1) {
      const choice = chooseStyleWindow('random', 5, 2, seed, STYLE_CLIPS, STYLE_SKIPS);
      expect(choice.windowSec).toBe(10);
      const end = choice.windowStartSec + choice.windowSec;
      expect(end).toBeLessThanOrEqual(choice.clip.durationSec);
      for (const [from, to] of STYLE_SKIPS[choice.clip.name]) {
        expect(end <= from || choice.windowStartSec >= to).toBe(true);
      }
    }
  });

  it('with "random", chooses only among clips that have a long enough window', () => {
    // 14 s fits aurora (3.2-30) and ember (0-27.8) but not silk (at most 13.8 s free in one piece).
    for (let seed = 0; seed < 50; seed += 1) {
      expect(chooseStyleWindow('random', 14, 1, seed, STYLE_CLIPS, STYLE_SKIPS).clip.name).not.toBe('silk');
    }
  });

  it('accepts a style by name or file name', () => {
    expect(chooseStyleWindow('silk.mp4', 4, 1, 7, STYLE_CLIPS, STYLE_SKIPS).clip.name).toBe('silk');
  });

  it('refuses an unknown style on fields.style, listing the styles', () => {
    const call = (): unknown => chooseStyleWindow('neon', 4, 1, 7, STYLE_CLIPS, STYLE_SKIPS);
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(/fields\.style: no style clip "neon"; available: aurora, ember, silk/);
  });

  it('refuses a window longer than any clip allows on fields.durationSec, naming the longest', () => {
    const call = (): unknown => chooseStyleWindow('random', 20, 2, 7, STYLE_CLIPS, STYLE_SKIPS);
    expect(call).toThrow(
      /fields\.durationSec: needs 40 s of source at speed 2, but the longest style clip has 27\.8 s/,
    );
    expect(call).toThrow(/durationSec <= 13\.9 at this speed/);
    expect(() => chooseStyleWindow('silk', 14, 1, 7, STYLE_CLIPS, STYLE_SKIPS)).toThrow(
      /style "silk" has 13\.8 s free of skip zones/,
    );
  });

  it('fails clearly when the library has no style clips', () => {
    expect(() => chooseStyleWindow('random', 4, 1, 7, [], {})).toThrow(/longest style clip has 0 s/);
  });
});
