import { InvalidInputError } from '@reelforge/contracts';

/** 0-255 channels and alpha 0-1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const CHANNEL = String.raw`\s*(\d{1,3})\s*`;
const ALPHA = String.raw`\s*(0|1|0?\.\d+|1\.0+)\s*`;
const RGB = new RegExp(`^rgb\\(${CHANNEL},${CHANNEL},${CHANNEL}\\)$`, 'i');
const RGBA = new RegExp(`^rgba\\(${CHANNEL},${CHANNEL},${CHANNEL},${ALPHA}\\)$`, 'i');

/**
 * Accepts only `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)` and `rgba(r, g, b, a)`. Canvas itself
 * silently ignores a colour it cannot parse and keeps the previous one, so a typo would render in
 * the wrong colour instead of failing; parsing here turns it into a 400 naming the field.
 */
export function parseColor(value: string, field = 'color'): Rgba {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (HEX.test(trimmed)) {
    const hex = trimmed.slice(1);
    const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
    return {
      r: parseInt(full.slice(0, 2), 16),
      g: parseInt(full.slice(2, 4), 16),
      b: parseInt(full.slice(4, 6), 16),
      a: full.length === 8 ? round(parseInt(full.slice(6, 8), 16) / 255) : 1,
    };
  }
  const match = RGBA.exec(trimmed) ?? RGB.exec(trimmed);
  if (match) {
    const [r, g, b] = [match[1], match[2], match[3]].map(Number);
    if ([r, g, b].every((channel) => channel <= 255)) {
      return { r, g, b, a: match[4] === undefined ? 1 : Number(match[4]) };
    }
  }
  throw new InvalidInputError(
    `${field} must be #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a) with channels 0-255 and alpha 0-1 (got ${JSON.stringify(value)})`,
    { field },
  );
}

/** The canonical CSS form handed to canvas. */
export function toCssColor(color: Rgba): string {
  return `rgba(${color.r}, ${color.g}, ${color.b}, ${color.a})`;
}

function round(alpha: number): number {
  return Math.round(alpha * 1000) / 1000;
}
