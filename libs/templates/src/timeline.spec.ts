import { describe, expect, it } from 'vitest';
import { NO_BEAT, steadyBeats } from './fake-context.js';
import {
  beatAlignedCuts,
  equalCuts,
  extendBeats,
  fitTransitionSec,
  minShotSecFor,
  shotsForCuts,
  usableBeats,
} from './timeline.js';

describe(usableBeats.name, () => {
  it('uses beats only with a tempo and enough confidence', () => {
    expect(usableBeats(steadyBeats(120, 4))).toHaveLength(9);
    expect(usableBeats(NO_BEAT)).toBeNull();
    expect(usableBeats({ ...steadyBeats(120, 4), confidence: 0.05 })).toBeNull();
    expect(usableBeats(null)).toBeNull();
  });
});

describe(beatAlignedCuts.name, () => {
  it('cuts on the beat nearest each equal split', () => {
    // 15 s in 3: splits at 5 and 10; beats every 0.7 s (85.7 BPM) fall at 4.9 and 9.8.
    const beats = steadyBeats(60 / 0.7, 15).beats;
    expect(beatAlignedCuts(15, 3, beats, 1.5)).toEqual([4.9, 9.8]);
  });

  it('never makes a shot shorter than the minimum, falling back to the split', () => {
    expect(beatAlignedCuts(10, 2, [0.5, 9.5], 1.5)).toEqual([5]);
    // Split 2 (6.67 s): the only later beat, 8.9 s, would leave the last shot 1.1 s.
    expect(beatAlignedCuts(10, 3, [1, 2, 3.4, 4, 8.9], 1.5)).toEqual([3.4, 20 / 3]);
  });

  it('gives equal splits without beats', () => {
    expect(beatAlignedCuts(12, 4, [], 1.5)).toEqual(equalCuts(12, 4));
  });
});

describe(extendBeats.name, () => {
  it('repeats the beats with a looped audio of known length, without doubled beats at the seam', () => {
    const extended = extendBeats([0, 0.5, 1, 1.5, 1.98], 4, 2);
    expect(extended).toEqual([0, 0.5, 1, 1.5, 1.98, 2.5, 3, 3.5, 3.98]);
  });

  it('continues at the median period when the length is unknown', () => {
    expect(extendBeats([0, 1, 2], 4.5, null)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe(shotsForCuts.name, () => {
  it('centres each transition on its cut and adds up to the total', () => {
    const shots = shotsForCuts(15, [5, 10], 0.5);
    expect(shots).toEqual([
      { startSec: 0, durationSec: 5.25 },
      { startSec: 4.75, durationSec: 5.5 },
      { startSec: 9.75, durationSec: 5.25 },
    ]);
    // As a sequence on one track: total = sum of durations - overlaps.
    expect(shots.reduce((sum, s) => sum + s.durationSec, 0) - 2 * 0.5).toBeCloseTo(15);
  });

  it('is one full-length shot without cuts', () => {
    expect(shotsForCuts(8, [], 0.5)).toEqual([{ startSec: 0, durationSec: 8 }]);
  });
});

describe(fitTransitionSec.name, () => {
  it('keeps transitions within 40% of the shortest shot', () => {
    expect(fitTransitionSec(0.5, [5, 10], 15)).toBe(0.5);
    expect(fitTransitionSec(0.5, [1, 5], 15)).toBe(0.4);
  });
});

describe(minShotSecFor.name, () => {
  it('is 1.5 s unless the shots cannot all be that long', () => {
    expect(minShotSecFor(15, 3)).toBe(1.5);
    expect(minShotSecFor(10, 10)).toBe(0.75);
  });
});
