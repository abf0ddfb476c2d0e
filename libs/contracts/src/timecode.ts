const SECONDS = /^\d+(\.\d+)?$/;
/** `HH:MM:SS(.sss)` or `MM:SS(.sss)`; minutes and seconds below 60. */
const CLOCK = /^(?:(\d+):)?([0-5]?\d):([0-5]?\d(?:\.\d+)?)$/;

/**
 * Parses a timestamp given as seconds (`12.5`, `"12.5"`) or as a clock (`"00:01:02.250"`).
 * Returns null for anything else (negative, NaN, Infinity, exponents, garbage), so the caller
 * can name the field in its error.
 */
export function parseTimecode(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (SECONDS.test(text)) return finiteOrNull(Number(text));
  const clock = CLOCK.exec(text);
  if (!clock) return null;
  const [, hours = '0', minutes = '0', seconds = '0'] = clock;
  return finiteOrNull(Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds));
}

/** Four hundred nines parse to Infinity; that is garbage, not a time. */
function finiteOrNull(seconds: number): number | null {
  return Number.isFinite(seconds) ? seconds : null;
}
