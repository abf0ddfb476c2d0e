import { formatNumber } from './format-number.js';

export const ANCHORS = [
  'top-left',
  'top',
  'top-right',
  'left',
  'center',
  'right',
  'bottom-left',
  'bottom',
  'bottom-right',
] as const;
export type Anchor = (typeof ANCHORS)[number];

/** Where an anchor sits on one axis: at the start, centred, or at the end. */
type Placement = 'start' | 'center' | 'end';

const PLACEMENTS: Readonly<Record<Anchor, { x: Placement; y: Placement }>> = {
  'top-left': { x: 'start', y: 'start' },
  top: { x: 'center', y: 'start' },
  'top-right': { x: 'end', y: 'start' },
  left: { x: 'start', y: 'center' },
  center: { x: 'center', y: 'center' },
  right: { x: 'end', y: 'center' },
  'bottom-left': { x: 'start', y: 'end' },
  bottom: { x: 'center', y: 'end' },
  'bottom-right': { x: 'end', y: 'end' },
};

/**
 * overlay `x`/`y` expressions for an anchor. W/H are the main video's size, w/h the overlay's; the margin applies
 * to the edges the anchor touches, and centred axes ignore it.
 */
export function anchorPosition(anchor: Anchor, marginPx: number): { x: string; y: string } {
  // hasOwn, not a lookup alone: 'toString' from an unchecked body would find Object.prototype's.
  const placement = Object.hasOwn(PLACEMENTS, anchor) ? PLACEMENTS[anchor] : undefined;
  if (placement === undefined) {
    throw new RangeError(`Unknown anchor ${JSON.stringify(anchor)}; expected one of ${ANCHORS.join(', ')}`);
  }
  // A negative margin would print `W-w--5`, which ffmpeg's evaluator refuses (one sign per factor).
  if (!Number.isFinite(marginPx) || marginPx < 0) {
    throw new RangeError(`marginPx must be a finite number >= 0, got ${marginPx}`);
  }
  const margin = formatNumber(marginPx);
  return { x: axis(placement.x, 'W', 'w', margin), y: axis(placement.y, 'H', 'h', margin) };
}

function axis(placement: Placement, mainSize: 'W' | 'H', overlaySize: 'w' | 'h', margin: string): string {
  switch (placement) {
    case 'start':
      return margin;
    case 'center':
      return `(${mainSize}-${overlaySize})/2`;
    case 'end':
      return `${mainSize}-${overlaySize}-${margin}`;
  }
}
