import { type FilterStep, formatNumber } from '@reelforge/filtergraph';
import { type Easing, type KenBurns } from './spec.js';

/**
 * Easing curves, all cubic (the CSS/easings.net "cubic" family), on progress p in [0, 1]. The same formulas are
 * written as ffmpeg expressions below; tests compare the two.
 */
export function ease(easing: Easing, p: number): number {
  switch (easing) {
    case 'linear':
      return p;
    case 'easeIn':
      return p ** 3;
    case 'easeOut':
      return 1 - (1 - p) ** 3;
    case 'easeInOut':
      return p < 0.5 ? 4 * p ** 3 : 1 - (2 - 2 * p) ** 3 / 2;
  }
}

function easeExpr(easing: Easing, p: string): string {
  switch (easing) {
    case 'linear':
      return p;
    case 'easeIn':
      return `pow(${p},3)`;
    case 'easeOut':
      return `1-pow(1-${p},3)`;
    case 'easeInOut':
      return `if(lt(${p},0.5),4*pow(${p},3),1-pow(2-2*${p},3)/2)`;
  }
}

/** The part of the fitted image shown at one instant: its centre and zoom, in fitted-image pixels. */
export interface KenBurnsView {
  zoom: number;
  centerXPx: number;
  centerYPx: number;
}

/**
 * Where the camera looks at `progress` (0-1 through the layer's window). The pan point is kept at the centre of the
 * box unless that would show outside the image; then the view is clamped to the image's edge.
 */
export function kenBurnsView(
  kenBurns: KenBurns,
  progress: number,
  fitted: { widthPx: number; heightPx: number },
  box: { widthPx: number; heightPx: number },
): KenBurnsView {
  const e = ease(kenBurns.easing, Math.min(1, Math.max(0, progress)));
  const zoom = kenBurns.zoomFrom + (kenBurns.zoomTo - kenBurns.zoomFrom) * e;
  const axis = (from: number, to: number, fittedPx: number, boxPx: number): number => {
    const half = boxPx / (2 * zoom);
    return Math.min(Math.max((from + (to - from) * e) * fittedPx, half), fittedPx - half);
  };
  return {
    zoom,
    centerXPx: axis(kenBurns.panFrom.x, kenBurns.panTo.x, fitted.widthPx, box.widthPx),
    centerYPx: axis(kenBurns.panFrom.y, kenBurns.panTo.y, fitted.heightPx, box.heightPx),
  };
}

/**
 * Ken Burns as a `perspective` filter (sense=source, eval=frame) on the fitted image, then a crop to the box.
 * perspective samples with 1/256 px precision and bilinear interpolation, so edges follow the eased path to within
 * ~0.07 px; zoompan rounds its crop to whole pixels and shakes by up to 1.2 px (docs/ken-burns.md has the figures).
 *
 * The input must be a constant-rate stream whose first frame is the layer's first frame: progress is computed from
 * perspective's frame counter `in`, which is 1-based in ffmpeg 5.1 (libavfilter/vf_perspective.c), over
 * `windowSec` seconds. Time-based progress keeps the motion identical at preview frame rates.
 *
 * perspective's output is as large as its input (the fitted image); its corners map to source points such that
 * output pixel centres sample `centre + (u + 0.5 - box/2) / zoom`, then the crop keeps the box.
 */
export function kenBurnsSteps(
  kenBurns: KenBurns,
  fitted: { widthPx: number; heightPx: number },
  box: { widthPx: number; heightPx: number },
  fps: number,
  windowSec: number,
): FilterStep[] {
  const n = formatNumber;
  const p = `clip((in-1)/${n(fps * windowSec)},0,1)`;
  const e = `(${easeExpr(kenBurns.easing, p)})`;
  const zoom = `(${n(kenBurns.zoomFrom)}+${n(kenBurns.zoomTo - kenBurns.zoomFrom)}*${e})`;
  const centre = (from: number, to: number, fittedPx: number, boxPx: number): string =>
    `clip((${n(from)}+${n(to - from)}*${e})*${n(fittedPx)},${n(boxPx / 2)}/${zoom},${n(fittedPx)}-${n(boxPx / 2)}/${zoom})`;
  // Source index sampled by output index 0 (perspective samples at integer positions, pixel centres are at +0.5).
  const left = `${centre(kenBurns.panFrom.x, kenBurns.panTo.x, fitted.widthPx, box.widthPx)}-${n(box.widthPx / 2 - 0.5)}/${zoom}-0.5`;
  const top = `${centre(kenBurns.panFrom.y, kenBurns.panTo.y, fitted.heightPx, box.heightPx)}-${n(box.heightPx / 2 - 0.5)}/${zoom}-0.5`;
  const right = `${left}+${n(fitted.widthPx)}/${zoom}`;
  const bottom = `${top}+${n(fitted.heightPx)}/${zoom}`;
  return [
    {
      filter: 'perspective',
      args: {
        x0: left,
        y0: top,
        x1: right,
        y1: top,
        x2: left,
        y2: bottom,
        x3: right,
        y3: bottom,
        interpolation: 'linear',
        sense: 'source',
        eval: 'frame',
      },
    },
    { filter: 'crop', args: { w: box.widthPx, h: box.heightPx, x: 0, y: 0, exact: 1 } },
  ];
}
