import { type KenBurns, kenBurnsView } from '@reelforge/compose';
import { execFileSync } from 'node:child_process';

/** A white rectangle on black, in source pixels: its four edges are what the measurement follows. */
export interface EdgeRect {
  xPx: number;
  yPx: number;
  widthPx: number;
  heightPx: number;
}

/** Every frame of a video as BT.709 full-range luma, one byte per pixel, frame after frame. */
export function lumaFrames(path: string): Buffer {
  return execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-vf', 'scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=gray', '-f', 'rawvideo', '-'],
    { maxBuffer: 1024 * 1024 * 1024 },
  ); // prettier-ignore
}

/**
 * The largest distance, over all frames and the rectangle's four edges, between where an edge is and where the eased
 * path (`kenBurnsView`, the planner's reference) puts it. Same method as libs/compose/src/plan.media-spec.ts: the area
 * under a 9-px intensity profile across each edge places it with sub-pixel precision. The source is fitted 1:1 to the
 * output (its size is the output's), so source pixels are fitted pixels.
 */
export function maxEdgeErrorPx(
  luma: Buffer,
  size: { widthPx: number; heightPx: number },
  rect: EdgeRect,
  kenBurns: KenBurns,
  frameCount: number,
): number {
  const { widthPx: W, heightPx: H } = size;
  const frames = luma.length / (W * H);
  if (frames !== frameCount) throw new Error(`expected ${frameCount} frames, decoded ${frames}`);
  let maxErrorPx = 0;
  for (let f = 0; f < frames; f += 1) {
    const view = kenBurnsView(kenBurns, f / frameCount, size, size);
    const map = (px: number, centre: number, side: number): number => (px - centre) * view.zoom + side / 2;
    const ideal = {
      l: map(rect.xPx, view.centerXPx, W),
      r: map(rect.xPx + rect.widthPx, view.centerXPx, W),
      t: map(rect.yPx, view.centerYPx, H),
      b: map(rect.yPx + rect.heightPx, view.centerYPx, H),
    };
    const at = (x: number, y: number): number => luma[f * W * H + y * W + x] / 255;
    const row = Math.round((ideal.t + ideal.b) / 2);
    const col = Math.round((ideal.l + ideal.r) / 2);
    const edge = (sample: (i: number) => number, near: number, rising: boolean): number => {
      const from = Math.floor(near) - 4;
      let sum = 0;
      for (let i = from; i < from + 9; i += 1) sum += sample(i);
      return rising ? from + 9 - sum : from + sum;
    };
    const measured = {
      l: edge((x) => at(x, row), ideal.l, true),
      r: edge((x) => at(x, row), ideal.r, false),
      t: edge((y) => at(col, y), ideal.t, true),
      b: edge((y) => at(col, y), ideal.b, false),
    };
    for (const side of ['l', 'r', 't', 'b'] as const) {
      maxErrorPx = Math.max(maxErrorPx, Math.abs(measured[side] - ideal[side]));
    }
  }
  return maxErrorPx;
}

/** ffmpeg expression of kenBurnsView's eased progress for easeInOut, on progress expression `p`. */
export function easeInOutExpr(p: string): string {
  return `if(lt(${p},0.5),4*pow(${p},3),1-pow(2-2*${p},3)/2)`;
}
