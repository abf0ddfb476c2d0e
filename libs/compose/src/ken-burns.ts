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
  const region = viewedRegion(kenBurns, fitted, box);
  const p = `clip((in-1)/${n(fps * windowSec)},0,1)`;
  const e = `(${easeExpr(kenBurns.easing, p)})`;
  const zoom = `(${n(kenBurns.zoomFrom)}+${n(kenBurns.zoomTo - kenBurns.zoomFrom)}*${e})`;
  // Centres are computed on the fitted image, then shifted into the cropped region's coordinates.
  const centre = (from: number, to: number, fittedPx: number, boxPx: number, offsetPx: number): string =>
    `clip((${n(from)}+${n(to - from)}*${e})*${n(fittedPx)},${n(boxPx / 2)}/${zoom},${n(fittedPx)}-${n(boxPx / 2)}/${zoom})-${n(offsetPx)}`;
  // Source index sampled by output index 0 (perspective samples at integer positions, pixel centres are at +0.5).
  const left = `${centre(kenBurns.panFrom.x, kenBurns.panTo.x, fitted.widthPx, box.widthPx, region.xPx)}-${n(box.widthPx / 2 - 0.5)}/${zoom}-0.5`;
  const top = `${centre(kenBurns.panFrom.y, kenBurns.panTo.y, fitted.heightPx, box.heightPx, region.yPx)}-${n(box.heightPx / 2 - 0.5)}/${zoom}-0.5`;
  // perspective's output is as large as its input: one output pixel spans 1/zoom source pixels when the corners sit
  // the input's size/zoom apart.
  const right = `${left}+${n(region.widthPx)}/${zoom}`;
  const bottom = `${top}+${n(region.heightPx)}/${zoom}`;
  const cropped = region.widthPx < fitted.widthPx || region.heightPx < fitted.heightPx;
  return [
    ...(cropped
      ? [{ filter: 'crop', args: { w: region.widthPx, h: region.heightPx, x: region.xPx, y: region.yPx, exact: 1 } }]
      : []),
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

/** Samples of the motion used to find the part of the image it ever shows; the path is smooth, so this is plenty. */
const REGION_SAMPLES = 256;
/** Bilinear sampling reads one pixel past a view's edge; two more absorb the sampling of the path above. */
const REGION_MARGIN_PX = 3;

/**
 * The part of the fitted image the camera ever sees, at least box-sized (perspective's output is its input's size, and
 * the box is cropped from it), with even offsets and sides for 4:2:0 chroma. Cropping to it before `perspective`
 * means the filter transforms the pixels that can show rather than a whole cover-scaled photo: for a 4:3 photo in a
 * 9:16 box that is 2.4x fewer pixels per frame.
 */
export function viewedRegion(
  kenBurns: KenBurns,
  fitted: { widthPx: number; heightPx: number },
  box: { widthPx: number; heightPx: number },
): { xPx: number; yPx: number; widthPx: number; heightPx: number } {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i <= REGION_SAMPLES; i += 1) {
    const view = kenBurnsView(kenBurns, i / REGION_SAMPLES, fitted, box);
    minX = Math.min(minX, view.centerXPx - box.widthPx / (2 * view.zoom));
    maxX = Math.max(maxX, view.centerXPx + box.widthPx / (2 * view.zoom));
    minY = Math.min(minY, view.centerYPx - box.heightPx / (2 * view.zoom));
    maxY = Math.max(maxY, view.centerYPx + box.heightPx / (2 * view.zoom));
  }
  const axis = (min: number, max: number, fittedPx: number, boxPx: number): [number, number] => {
    let start = Math.max(0, Math.floor((min - REGION_MARGIN_PX) / 2) * 2);
    let end = Math.min(fittedPx, Math.ceil(max + REGION_MARGIN_PX));
    if (end - start < boxPx) {
      // Grow to the box around the middle of what is seen, kept inside the image.
      const middle = (start + end) / 2;
      start = Math.max(0, Math.floor((middle - boxPx / 2) / 2) * 2);
      end = Math.min(fittedPx, start + boxPx);
      start = Math.max(0, end - boxPx);
    }
    const size = Math.min(fittedPx - start, Math.ceil((end - start) / 2) * 2);
    return [start, size];
  };
  const [xPx, widthPx] = axis(minX, maxX, fitted.widthPx, box.widthPx);
  const [yPx, heightPx] = axis(minY, maxY, fitted.heightPx, box.heightPx);
  return { xPx, yPx, widthPx, heightPx };
}
