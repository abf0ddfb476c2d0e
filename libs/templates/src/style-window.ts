/**
 * Choosing the part of a style clip to use: a window of `windowSec` (output duration x speed) that lies
 * inside the clip and overlaps no skip zone. Pure functions, so the rules are tested without media.
 */

export interface Range {
  startSec: number;
  endSec: number;
}

/** Tolerance for floating-point edges, so a window that fits exactly is not refused for 1e-15 s. */
const EPSILON_SEC = 1e-9;

/**
 * The parts of a clip free of skip zones. Zones may be unsorted, overlapping or reach past either end;
 * they are clipped to the clip and merged first.
 */
export function freeRanges(clipDurationSec: number, skipZones: ReadonlyArray<readonly [number, number]>): Range[] {
  const zones = skipZones
    .map(([from, to]) => [Math.max(0, Math.min(from, to)), Math.min(clipDurationSec, Math.max(from, to))] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const free: Range[] = [];
  let cursorSec = 0;
  for (const [from, to] of zones) {
    if (from > cursorSec) free.push({ startSec: cursorSec, endSec: from });
    cursorSec = Math.max(cursorSec, to);
  }
  if (clipDurationSec > cursorSec) free.push({ startSec: cursorSec, endSec: clipDurationSec });
  return free;
}

/** Where a window of `windowSec` may start: one interval per free range long enough (zero-length on an exact fit). */
export function validStartRanges(freeParts: readonly Range[], windowSec: number): Range[] {
  return freeParts
    .filter((range) => range.endSec - range.startSec >= windowSec - EPSILON_SEC)
    .map((range) => ({ startSec: range.startSec, endSec: Math.max(range.startSec, range.endSec - windowSec) }));
}

/** The longest window the clip can give. */
export function longestWindowSec(freeParts: readonly Range[]): number {
  return freeParts.reduce((longest, range) => Math.max(longest, range.endSec - range.startSec), 0);
}

/**
 * A start uniformly distributed over all valid starts (so a long free range is chosen in proportion to
 * its length), from `random()` in [0, 1). When every range is an exact fit, one of them at random.
 * Returns null when nothing fits.
 */
export function pickWindowStart(startRanges: readonly Range[], random: () => number): number | null {
  if (startRanges.length === 0) return null;
  const totalSec = startRanges.reduce((sum, range) => sum + (range.endSec - range.startSec), 0);
  const draw = random();
  if (totalSec <= EPSILON_SEC) {
    return startRanges[Math.min(startRanges.length - 1, Math.floor(draw * startRanges.length))].startSec;
  }
  let offsetSec = draw * totalSec;
  for (const range of startRanges) {
    const lengthSec = range.endSec - range.startSec;
    if (offsetSec <= lengthSec) return range.startSec + offsetSec;
    offsetSec -= lengthSec;
  }
  return startRanges[startRanges.length - 1].endSec;
}
