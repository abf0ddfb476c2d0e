/** Where a string holds a character no text field accepts, and what it is, for a 400 that names it. */
export interface ForbiddenCharacter {
  /** Offset in UTF-16 code units, as JavaScript and JSON count. */
  index: number;
  codePoint: number;
  description: string;
}

const hex = (codePoint: number): string => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first character that is a control character other than tab, line feed and carriage return
 * (C0, DEL and C1), a Unicode non-character (U+FDD0-U+FDEF and the last two code points of every plane)
 * or a lone surrogate; `undefined` when there is none. CR stays allowed because CRLF is how Windows
 * clients and SRT files end lines.
 */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0x20 && unit < 0x7f) continue; // the common case, cheaply
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        const codePoint = ((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        if ((codePoint & 0xfffe) === 0xfffe) {
          return { index, codePoint, description: `the non-character ${hex(codePoint)}` };
        }
        index++;
        continue;
      }
      return { index, codePoint: unit, description: `a lone surrogate ${hex(unit)}` };
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      return { index, codePoint: unit, description: `a lone surrogate ${hex(unit)}` };
    }
    if (unit === 0x09 || unit === 0x0a || unit === 0x0d) continue;
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) {
      return { index, codePoint: unit, description: `the control character ${hex(unit)}` };
    }
    if ((unit >= 0xfdd0 && unit <= 0xfdef) || unit === 0xfffe || unit === 0xffff) {
      return { index, codePoint: unit, description: `the non-character ${hex(unit)}` };
    }
  }
  return undefined;
}
