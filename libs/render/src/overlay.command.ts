import { InvalidInputError, type ProbeFacts } from '@reelforge/contracts';
import { type FilterStep, FilterGraph, formatNumber } from '@reelforge/filtergraph';
import { inputArgs } from '@reelforge/media';
import { AAC_DEFAULTS, cropToEven, FASTSTART, type FrameSize, H264_WEB_DEFAULTS, toBt709 } from './encoding.js';
import { formatSeconds } from './trim.command.js';

/** When a layer shows, in seconds of the output; fades happen inside the window. */
export interface LayerWindow {
  startSec: number;
  /** Null: until the end of the video. */
  endSec: number | null;
  fadeInSec: number;
  fadeOutSec: number;
}

/**
 * A layer ready to composite: text layers arrive here already drawn to PNG, positions already parsed
 * and rebuilt from the expression grammar, sizes already in pixels.
 */
export interface CompositeLayer {
  kind: 'image' | 'video';
  path: string;
  /** overlay expressions (`W-w-24`), produced by the filter-graph expression compiler only. */
  x: string;
  y: string;
  /** Target size; -1 keeps the aspect ratio from the other side; both null keep the file's size. */
  widthPx: number | null;
  heightPx: number | null;
  /** 0-1, multiplied into the layer's own alpha. */
  opacity: number;
  window: LayerWindow;
  /** Video layers: start over when they end (else they disappear at their end). */
  loop: boolean;
}

export interface OverlayCommandInput {
  sourcePath: string;
  source: Pick<
    ProbeFacts,
    'colorSpace' | 'pixelFormat' | 'height' | 'colorRange' | 'hasAudio' | 'audioCodec' | 'durationSec' | 'fps'
  >;
  layers: readonly CompositeLayer[];
  outputPath: string;
  /** The decoded picture size; odd sides are cropped to even (see cropToEven). */
  frame?: FrameSize;
}

/** Layer count is bounded so a request cannot build an unbounded graph or open unbounded inputs. */
export const MAX_OVERLAY_LAYERS = 16;

function layerInputArgs(layer: CompositeLayer, fps: number, durationSec: number): string[] {
  if (layer.kind === 'video') {
    return [...(layer.loop ? ['-stream_loop', '-1'] : []), ...inputArgs(layer.path)];
  }
  const fades = layer.window.fadeInSec > 0 || layer.window.fadeOutSec > 0;
  // A still without fades is one frame that overlay repeats; fading needs a stream of frames to fade.
  return fades
    ? ['-loop', '1', '-framerate', formatNumber(fps), '-t', formatSeconds(durationSec), ...inputArgs(layer.path)]
    : inputArgs(layer.path);
}

function layerSteps(layer: CompositeLayer, durationSec: number): FilterStep[] {
  const steps: FilterStep[] = [];
  if (layer.kind === 'video') {
    // The layer's own clock starts when its window opens.
    steps.push({ filter: 'setpts', args: [`PTS-STARTPTS+${formatNumber(layer.window.startSec)}/TB`] });
  }
  if (layer.widthPx !== null || layer.heightPx !== null) {
    steps.push({ filter: 'scale', args: { w: layer.widthPx ?? -1, h: layer.heightPx ?? -1 } });
  }
  steps.push({ filter: 'format', args: { pix_fmts: 'rgba' } });
  if (layer.opacity < 1) steps.push({ filter: 'colorchannelmixer', args: { aa: formatNumber(layer.opacity) } });
  const endSec = layer.window.endSec ?? durationSec;
  if (layer.window.fadeInSec > 0) {
    steps.push({ filter: 'fade', args: { t: 'in', st: layer.window.startSec, d: layer.window.fadeInSec, alpha: 1 } });
  }
  if (layer.window.fadeOutSec > 0) {
    steps.push({
      filter: 'fade',
      args: { t: 'out', st: Math.max(0, endSec - layer.window.fadeOutSec), d: layer.window.fadeOutSec, alpha: 1 },
    });
  }
  // Converted to BT.709 here, explicitly: overlay's own conversion would use BT.601 and shift the colours.
  steps.push({ filter: 'scale', args: { out_color_matrix: 'bt709', out_range: 'tv' } });
  steps.push({ filter: 'format', args: { pix_fmts: 'yuva420p' } });
  return steps;
}

/**
 * Every layer composited onto the source in one ffmpeg process: the source is decoded once and
 * converted to BT.709 once, each layer is prepared in its own chain, then overlays are stacked in
 * order (later layers on top). Text never goes through drawtext: it arrives as a PNG.
 */
export function buildOverlayCommand(input: OverlayCommandInput): string[] {
  if (input.layers.length === 0) throw new InvalidInputError('At least one layer is needed');
  if (input.layers.length > MAX_OVERLAY_LAYERS) throw new InvalidInputError(`At most ${MAX_OVERLAY_LAYERS} layers`);
  const durationSec = input.source.durationSec ?? 0;
  const fps = input.source.fps && input.source.fps > 0 ? input.source.fps : 25;

  const graph = new FilterGraph();
  let current = graph.chain('0:v:0', [...cropToEven(input.frame), ...toBt709(input.source)], 'base');
  const args = [...inputArgs(input.sourcePath)];
  input.layers.forEach((layer, i) => {
    args.push(...layerInputArgs(layer, fps, durationSec));
    const prepared = graph.chain(`${i + 1}:v:0`, layerSteps(layer, durationSec), `layer${i}`);
    const endSec = layer.window.endSec ?? durationSec;
    const windowed = layer.window.startSec > 0 || layer.window.endSec !== null;
    [current] = graph.add({
      inputs: [current, prepared],
      filter: 'overlay',
      args: {
        x: layer.x,
        y: layer.y,
        // A finished, non-looping video layer disappears; a still stays for its window.
        eof_action: layer.kind === 'video' ? 'pass' : 'repeat',
        format: 'yuv420',
        ...(windowed ? { enable: `between(t,${formatNumber(layer.window.startSec)},${formatNumber(endSec)})` } : {}),
      },
      outputs: [`stack${i}`],
    });
  });

  const copyAudio = input.source.audioCodec === 'aac';
  return [
    ...args,
    '-filter_complex',
    graph.toString(),
    '-map',
    `[${current}]`,
    ...(input.source.hasAudio ? ['-map', '0:a:0', ...(copyAudio ? ['-c:a', 'copy'] : AAC_DEFAULTS)] : []),
    ...H264_WEB_DEFAULTS,
    // Looping layers never end on their own; the output is as long as the source.
    '-t',
    formatSeconds(durationSec),
    '-sn',
    '-dn',
    ...FASTSTART,
    input.outputPath,
  ];
}
