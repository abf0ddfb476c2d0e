/** Digits after the decimal point; enough for pixel positions, seconds and 0-1 ratios. */
const MAX_FRACTION_DIGITS = 6;

/** `toFixed` switches to exponent notation from 1e21 on, so larger magnitudes take the BigInt path. */
const TO_FIXED_LIMIT = 1e21;

/**
 * Formats a number for a filter argument or an expression: plain decimal, at most six fraction digits,
 * no trailing zeros, never an exponent. ffmpeg's `av_strtod` would read `1e-7` fine, but a `1e21` in an
 * expression is one `e` away from an identifier, and tests compare graphs verbatim, so one spelling wins.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot write ${value} into a filter graph; only finite numbers are allowed`);
  }
  if (Math.abs(value) >= TO_FIXED_LIMIT) {
    // Every double this large is an integer, so BigInt prints it exactly, without an exponent.
    return BigInt(value).toString();
  }
  const fixed = value.toFixed(MAX_FRACTION_DIGITS).replace(/\.?0+$/, '');
  // Rounding can leave '-0' (e.g. -1e-9); ffmpeg would accept it, but one spelling of zero keeps output stable.
  return fixed === '-0' ? '0' : fixed;
}
