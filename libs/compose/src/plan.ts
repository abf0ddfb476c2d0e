import { InvalidInputError } from '@reelforge/contracts';
import { anchorPosition, type FilterStep, FilterGraph, formatNumber, type Pad } from '@reelforge/filtergraph';
import { inputArgs } from '@reelforge/media';
import { AAC_DEFAULTS, BT709_TAGS, FASTSTART, h264Args, isWebYuv, sourceMatrix } from '@reelforge/render';
import { defaultFontSizePx, parseColor, type TextLayerSpec } from '@reelforge/text';
import { join } from 'node:path';
import { kenBurnsSteps } from './ken-burns.js';
import {
  type AudioLayer,
  type ColorLayer,
  type Composition,
  type ImageLayer,
  type OutputFormat,
  type OutputQuality,
  type SubtitlesLayer,
  type TextLayer,
  type TextStyle,
  type VideoLayer,
  type VisualLayer,
} from './spec.js';
import {
  knownEndSec,
  type LayerWindow,
  type MediaFacts,
  mediaPlaySec,
  outputDurationSec,
  type TransitionChain,
  transitionChains,
} from './timeline.js';

export type { MediaFacts } from './timeline.js';

/** One caption, in seconds of the subtitles layer (its startSec is added). */
export interface CaptionCue {
  startSec: number;
  endSec: number;
  text: string;
}

export interface PlanInput {
  composition: Composition;
  /**
   * By layer index: the resolved media of image, video and audio layers. Null: not known yet (a dry run with a URL
   * source); the plan then uses placeholders (the box's size, no audio, unknown duration) and says so in a warning.
   */
  media: ReadonlyMap<number, MediaFacts | null>;
  /** By layer index: the parsed cues of subtitles layers. */
  captions: ReadonlyMap<number, readonly CaptionCue[]>;
  /** Where the text PNGs are to be written (TextImage.path is inside it). */
  workDir: string;
  outputPath: string;
  /**
   * A JPEG still of the middle frame, written by the same ffmpeg run as a second output (the composited frame is
   * split once; no second process decodes the output again). At most `maxWidthPx` wide, aspect kept.
   */
  poster?: { path: string; maxWidthPx: number };
}

/** The poster as planned: which frame, and its size (so nobody needs to probe it). */
export interface PlannedPoster {
  path: string;
  frameIndex: number;
  timeSec: number;
  widthPx: number;
  heightPx: number;
}

/** A PNG the worker draws with `renderTextLayer` before running ffmpeg: static text is drawn once, not per frame. */
export interface TextImage {
  path: string;
  spec: TextLayerSpec;
  layerIndex: number;
}

/** One ffmpeg input, in `-i` order; `layerIndex` is null for inputs no layer owns. */
export interface PlannedInput {
  layerIndex: number | null;
  path: string;
  args: string[];
}

export interface CompositionPlan {
  /** What is encoded: the composition's size and rate, or a quarter size and at most 12 fps for a preview. */
  widthPx: number;
  heightPx: number;
  fps: number;
  durationSec: number;
  /** round(durationSec × fps): what FfmpegRunner's `frame` progress counts towards. */
  expectedFrames: number;
  format: OutputFormat;
  preview: boolean;
  inputs: PlannedInput[];
  textImages: TextImage[];
  filterGraph: string;
  /** Everything after the ffmpeg binary (FfmpegRunner adds -y and -progress), ending with outputPath. */
  argv: string[];
  warnings: string[];
  hasAudio: boolean;
  poster: PlannedPoster | null;
}

/** The poster is a still for listings and players, not a full-resolution frame grab. */
export const POSTER_MAX_WIDTH_PX = 1280;

/** Cues across all subtitles layers; each is one PNG input and one overlay, so this bounds the graph. */
export const MAX_CAPTION_CUES = 500;
export const PREVIEW_MAX_FPS = 12;
/** Subtitles without an anchor sit at the bottom, this fraction of the height above the edge. */
const SUBTITLE_MARGIN_RATIO = 0.08;

const CRF: Readonly<Record<'mp4' | 'webm', Readonly<Record<OutputQuality, number>>>> = {
  mp4: { low: 28, medium: 23, high: 18 },
  webm: { low: 40, medium: 33, high: 27 },
};

interface Size {
  widthPx: number;
  heightPx: number;
}
interface Box extends Size {
  xPx: number;
  yPx: number;
}

/** A layer's pixels ready to overlay: yuva420p BT.709, timestamps on the timeline it is overlaid onto. */
interface Prepared {
  pad: Pad;
  x: string;
  y: string;
  /** still: one frame that overlay repeats; stream: frames for the window (or until a fade-in ends); video: may end early. */
  kind: 'still' | 'stream' | 'video';
  /** True when the layer sends a frame for every frame of its window (a stream that does not stop after its fade-in). */
  wholeWindow: boolean;
  /**
   * Where the content lands on the output frame, in pixels, when that is known before rendering (images and colour
   * boxes without rotation); null for text and video, whose size is known only to ffmpeg.
   */
  placed: Box | null;
}

const n = formatNumber;

/**
 * Plans a whole composition as one ffmpeg process: a `color` base at the output size, every visual layer prepared in
 * its own chain (decoded once) and overlaid in array order, tracks with transitions joined by xfade, every audio
 * source mixed. Pure: the caller draws `textImages`, then runs `argv`.
 *
 * Throws InvalidInputError when the output duration cannot be known, a transition's timing is inconsistent (see
 * {@link transitionChains}), a looping clip is also trimmed, or there are more than {@link MAX_CAPTION_CUES} cues.
 */
export function planComposition(input: PlanInput): CompositionPlan {
  return new Planner(input).plan();
}

class Planner {
  private readonly graph = new FilterGraph();
  private readonly inputs: PlannedInput[] = [];
  private readonly textImages: TextImage[] = [];
  private readonly warnings: string[] = [];
  private readonly audioPads: Pad[] = [];
  private readonly out: Composition['output'];
  private readonly fps: number;
  private readonly durationSec: number;
  private readonly windows: LayerWindow[];
  private labelCount = 0;

  constructor(private readonly input: PlanInput) {
    this.out = input.composition.output;
    this.fps = this.out.preview ? Math.min(this.out.fps, PREVIEW_MAX_FPS) : this.out.fps;
    this.durationSec = outputDurationSec(input.composition, input.media);
    this.windows = input.composition.layers.map((layer, i) => ({
      startSec: layer.startSec,
      endSec: Math.min(knownEndSec(layer, this.facts(i)) ?? this.durationSec, this.durationSec),
    }));
  }

  plan(): CompositionPlan {
    const { layers } = this.input.composition;
    this.checkInputs();
    const chains = transitionChains(layers, this.windows, this.durationSec);
    const chainOf = new Map<number, TransitionChain>();
    for (const chain of chains) for (const member of chain.members) chainOf.set(member, chain);

    const backdrop = this.backdropIndex(chainOf);
    let current =
      backdrop === null
        ? this.graph.chain(
            [],
            [
              // One background frame is converted to BT.709 and repeated, rather than converting every frame.
              { filter: 'color', args: { c: colorArg(this.out.background), s: this.sizeArg(this.out), r: this.fps } },
              { filter: 'trim', args: { end_frame: 1 } },
              ...toYuv(false),
              { filter: 'loop', args: { loop: this.outputFrames() - 1, size: 1, start: 0 } },
              { filter: 'setpts', args: [`N/${n(this.fps)}/TB`] },
            ],
            'base',
          )
        : this.backdrop(layers[backdrop] as ImageLayer | VideoLayer, backdrop);
    layers.forEach((layer, i) => {
      if (i === backdrop) return;
      if (layer.startSec >= this.durationSec) {
        this.warnings.push(
          `layers.${i}: starts at ${layer.startSec}s, after the output ends (${this.durationSec}s); not shown`,
        );
        return;
      }
      if (layer.type === 'audio') {
        this.audioLayer(layer, i);
        return;
      }
      const chain = chainOf.get(i);
      if (chain) {
        if (Math.min(...chain.members) === i) current = this.chain(current, chain);
        return;
      }
      if (layer.type === 'subtitles') {
        current = this.subtitles(current, layer, i);
        return;
      }
      const window = this.windows[i];
      const prepared = this.visual(layer, i, window.startSec, (window.endSec ?? this.durationSec) - window.startSec);
      current = this.overlay(current, prepared, window);
    });

    const hasAudio = this.out.format !== 'gif' && this.audioPads.length > 0;
    const poster = this.input.poster ? this.planPoster(this.input.poster) : null;
    let posterPad: Pad | null = null;
    if (poster) [current, posterPad] = this.posterBranch(current, poster);
    const videoPad = this.finishVideo(current);
    const audioPad = hasAudio ? this.mixAudio() : null;
    const size = this.encodedSize();
    const filterGraph = this.graph.toString();
    const argv = [
      ...this.inputs.flatMap((planned) => planned.args),
      '-filter_complex',
      filterGraph,
      '-map',
      `[${videoPad}]`,
      ...(audioPad ? ['-map', `[${audioPad}]`] : []),
      ...this.encoderArgs(hasAudio),
      '-t',
      n(this.durationSec),
      this.input.outputPath,
      ...(poster && posterPad
        ? [
            '-map',
            `[${posterPad}]`,
            '-frames:v',
            '1',
            '-c:v',
            'mjpeg',
            '-q:v',
            '3',
            '-update',
            '1',
            '-f',
            'image2',
            poster.path,
          ]
        : []),
    ];
    return {
      ...size,
      fps: this.fps,
      durationSec: this.durationSec,
      expectedFrames: Math.round(this.durationSec * this.fps),
      format: this.out.format,
      preview: this.out.preview,
      inputs: this.inputs,
      textImages: this.textImages,
      filterGraph,
      argv,
      warnings: this.warnings,
      hasAudio,
      poster,
    };
  }

  /** The middle frame (on the output's frame grid), at most `maxWidthPx` wide with an even height. */
  private planPoster(request: { path: string; maxWidthPx: number }): PlannedPoster {
    const frames = Math.max(1, Math.round(this.durationSec * this.fps));
    const frameIndex = Math.min(frames - 1, Math.round(frames / 2));
    const size = this.encodedSize();
    const widthPx = Math.min(size.widthPx, Math.max(2, Math.floor(request.maxWidthPx / 2) * 2));
    const heightPx = Math.max(2, Math.round((size.heightPx * widthPx) / size.widthPx / 2) * 2);
    return { path: request.path, frameIndex, timeSec: frameIndex / this.fps, widthPx, heightPx };
  }

  /**
   * Splits the composited frames: one branch goes on to the encoder, the other keeps only the poster frame (trim drops
   * the rest without touching their pixels) and converts it to full-range BT.601 YUV, what JFIF decoders assume.
   */
  private posterBranch(current: Pad, poster: PlannedPoster): [Pad, Pad] {
    const [main, still] = this.graph.split(current, 2, 'posterSplit');
    const pad = this.graph.chain(
      still,
      [
        { filter: 'trim', args: { start_frame: poster.frameIndex, end_frame: poster.frameIndex + 1 } },
        {
          filter: 'scale',
          args: {
            w: poster.widthPx,
            h: poster.heightPx,
            in_color_matrix: 'bt709',
            in_range: 'tv',
            out_color_matrix: 'bt601',
            out_range: 'pc',
          },
        },
        { filter: 'format', args: { pix_fmts: 'yuvj420p' } },
      ],
      'poster',
    );
    return [main, pad];
  }

  private facts(i: number): MediaFacts | null {
    return this.input.media.get(i) ?? null;
  }

  private outputFrames(): number {
    return Math.max(1, Math.ceil(this.durationSec * this.fps));
  }

  /**
   * The layer that can be the picture's base instead of the background colour: the first visual layer, when it is an
   * opaque image or video that fills the whole frame for the whole output, with no transition, fade, rotation or Ken
   * Burns (a looping backdrop clip, a full-frame photo). Null when there is none.
   */
  private backdropIndex(chainOf: ReadonlyMap<number, TransitionChain>): number | null {
    if (parseColor(this.out.background).a < 1) return null;
    const layers = this.input.composition.layers;
    const first = layers.findIndex((layer) => layer.type !== 'audio' && layer.startSec < this.durationSec);
    const layer = layers[first];
    if (!layer || (layer.type !== 'image' && layer.type !== 'video') || chainOf.has(first)) return null;
    const facts = this.facts(first);
    const natural = naturalSize(facts);
    if (!facts || !natural || hasAlpha(facts.pixelFormat)) return null;
    const box = this.box(layer, natural);
    const fillsFrame =
      box.xPx === 0 && box.yPx === 0 && box.widthPx === this.out.widthPx && box.heightPx === this.out.heightPx;
    const plain =
      (layer.fit === 'cover' || layer.fit === 'fill') &&
      layer.kenBurns === undefined &&
      layer.rotationDeg % 360 === 0 &&
      layer.fadeInSec === 0 &&
      layer.fadeOutSec === 0;
    const wholeOutput = layer.startSec === 0 && (this.windows[first].endSec ?? this.durationSec) >= this.durationSec;
    const lastsToEnd = layer.type === 'image' || layer.loop || (mediaPlaySec(layer, facts) ?? 0) >= this.durationSec;
    return fillsFrame && plain && wholeOutput && lastsToEnd ? first : null;
  }

  /**
   * The backdrop layer as the base of the picture, nothing under it. Over an opaque flat colour, opacity is a linear
   * blend per pixel, so one lutyuv (out = opacity·in + (1 − opacity)·background) replaces an alpha plane, an alpha lut
   * and a full-frame alpha overlay. A source that already is BT.709 limited yuv420p is blended and resized at its own
   * size, and at its own rate when that is lower than the output's (fps duplicates frames after the work is done).
   */
  private backdrop(layer: ImageLayer | VideoLayer, i: number): Pad {
    const facts = this.facts(i) as MediaFacts;
    const natural = naturalSize(facts) as Size;
    const frame = { widthPx: this.out.widthPx, heightPx: this.out.heightPx };
    const size = layer.fit === 'fill' ? frame : coverSize(natural, frame);
    const crop = size.widthPx === frame.widthPx && size.heightPx === frame.heightPx ? [] : [cropCentre(size, frame)];
    const resize: FilterStep[] =
      size.widthPx === natural.widthPx && size.heightPx === natural.heightPx
        ? []
        : [{ filter: 'scale', args: { w: size.widthPx, h: size.heightPx, flags: 'bicubic' } }];
    const blend = layer.opacity < 1 ? [blendOver(this.out.background, layer.opacity)] : [];
    const adjust = adjustSteps(layer);
    const web = isWebYuv({ ...facts, height: facts.heightPx });
    const convert: FilterStep[] = !web
      ? [...toYuv(false, sourceMatrix({ ...facts, height: facts.heightPx }), size), ...crop, ...adjust, ...blend]
      : adjust.length === 0
        ? // A blur's radius is in output pixels, so only a layer without adjustments is blended before resizing.
          [...blend, ...resize, ...crop, { filter: 'format', args: { pix_fmts: 'yuv420p' } }]
        : [...resize, ...crop, ...adjust, ...blend, { filter: 'format', args: { pix_fmts: 'yuv420p' } }];

    if (layer.type === 'image') {
      const input = this.addInput(i, facts.path);
      return this.graph.chain(
        `${input}:v:0`,
        [
          ...convert,
          { filter: 'loop', args: { loop: this.outputFrames() - 1, size: 1, start: 0 } },
          { filter: 'settb', args: ['AVTB'] },
          { filter: 'setpts', args: [`N/${n(this.fps)}/TB`] },
          // The frames already sit on the output's grid; fps only tells the encoder the rate (an image input says 25).
          { filter: 'fps', args: { fps: this.fps } },
        ],
        'base',
      );
    }
    const input = this.addInput(i, facts.path, layer.loop ? ['-stream_loop', '-1'] : []);
    this.addVideoAudio(layer, i, input);
    const timing = this.videoTiming(layer, i, this.durationSec);
    const sourceRate = (facts.fps ?? 0) * layer.speed;
    const steps = sourceRate > 0 && sourceRate < this.fps ? [...convert, ...timing] : [...timing, ...convert];
    return this.graph.chain(`${input}:v:0`, steps, 'base');
  }

  private checkInputs(): void {
    let cues = 0;
    this.input.composition.layers.forEach((layer, i) => {
      if (layer.type === 'subtitles') cues += this.input.captions.get(i)?.length ?? 0;
      if ((layer.type === 'video' || layer.type === 'audio') && layer.loop) {
        if (layer.trimStartSec > 0 || layer.trimEndSec !== undefined) {
          throw new InvalidInputError(
            `composition.layers.${i}.loop: a looping clip cannot be trimmed yet; trim the asset first or drop loop`,
            { field: `composition.layers.${i}.loop` },
          );
        }
      }
      if ((layer.type === 'image' || layer.type === 'video' || layer.type === 'audio') && !this.facts(i)) {
        this.warnings.push(
          `layers.${i}: media not resolved yet (dry run); planned with placeholders: the box's size, no audio, unknown duration`,
        );
      }
    });
    if (cues > MAX_CAPTION_CUES) {
      throw new InvalidInputError(`composition.layers: at most ${MAX_CAPTION_CUES} caption cues in all, got ${cues}`, {
        field: 'composition.layers',
      });
    }
  }

  private label(prefix: string): Pad {
    this.labelCount += 1;
    return `${prefix}${this.labelCount}`;
  }

  private addInput(layerIndex: number | null, path: string, extra: string[] = []): string {
    this.inputs.push({ layerIndex, path, args: [...extra, ...inputArgs(path)] });
    return String(this.inputs.length - 1);
  }

  private sizeArg(size: Size): string {
    return `${size.widthPx}x${size.heightPx}`;
  }

  /** The layer's box in output pixels: given, or the whole frame; a missing side follows the media's aspect. */
  private box(layer: VisualLayer, natural: Size | null): Box {
    const frame = { widthPx: this.out.widthPx, heightPx: this.out.heightPx };
    let widthPx = layer.widthPx;
    let heightPx = layer.heightPx;
    if (natural && (widthPx === undefined) !== (heightPx === undefined)) {
      if (widthPx === undefined && heightPx !== undefined) {
        widthPx = Math.max(1, Math.round((heightPx * natural.widthPx) / natural.heightPx));
      } else if (widthPx !== undefined) {
        heightPx = Math.max(1, Math.round((widthPx * natural.heightPx) / natural.widthPx));
      }
    }
    const w = widthPx ?? frame.widthPx;
    const h = heightPx ?? frame.heightPx;
    const along = (placement: 'start' | 'center' | 'end', framePx: number, boxPx: number): number =>
      placement === 'start'
        ? layer.marginPx
        : placement === 'end'
          ? framePx - boxPx - layer.marginPx
          : (framePx - boxPx) / 2;
    if (layer.anchor !== undefined) {
      const [vertical, horizontal] = anchorParts(layer.anchor);
      return {
        widthPx: w,
        heightPx: h,
        xPx: along(horizontal, frame.widthPx, w),
        yPx: along(vertical, frame.heightPx, h),
      };
    }
    return {
      widthPx: w,
      heightPx: h,
      xPx: layer.xPx ?? (frame.widthPx - w) / 2,
      yPx: layer.yPx ?? (frame.heightPx - h) / 2,
    };
  }

  /** Content of any size centred in the box (contain padding and rotation growth stay centred). */
  private centredIn(box: Box): { x: string; y: string } {
    return { x: `(${n(box.xPx)})+(${n(box.widthPx)}-w)/2`, y: `(${n(box.yPx)})+(${n(box.heightPx)}-h)/2` };
  }

  /**
   * Prepares one visual layer (not subtitles) whose first frame sits at `offsetSec` on the timeline it is overlaid
   * onto, showing for `windowSec`.
   */
  private visual(
    layer: ColorLayer | ImageLayer | VideoLayer | TextLayer,
    i: number,
    offsetSec: number,
    windowSec: number,
  ): Prepared {
    const animated = layer.fadeInSec > 0 || layer.fadeOutSec > 0 || ('kenBurns' in layer && !!layer.kenBurns);
    // A still that only fades in needs frames until the fade ends; overlay (eof_action=repeat) then holds the last,
    // opaque one for the rest of the window instead of blending a looped copy on every frame.
    const onlyFadesIn =
      layer.type !== 'video' && layer.fadeOutSec === 0 && !('kenBurns' in layer && layer.kenBurns !== undefined);
    const streamSec = onlyFadesIn ? Math.min(windowSec, layer.fadeInSec + 1 / this.fps) : windowSec;
    const frames = Math.max(1, Math.ceil(streamSec * this.fps));
    // A still is decoded and scaled once; `loop` repeats that one frame when a frame stream is needed. settb first: a
    // still keeps its demuxer's 1/25 time base, where setpts truncates N/30 s to 1/25 s ticks (frames 0 and 1 both
    // at 0, then one frame in six shares a tick), so overlay's framesync shows a Ken Burns frame early or twice.
    const repeat = (): FilterStep[] => [
      { filter: 'loop', args: { loop: frames - 1, size: 1, start: 0 } },
      { filter: 'settb', args: ['AVTB'] },
      { filter: 'setpts', args: [`N/${n(this.fps)}/TB`] },
    ];
    const steps: FilterStep[] = [];
    let source: Pad | Pad[];
    let kind: Prepared['kind'];
    let position: { x: string; y: string };
    let placed: Box | null = null;

    if (layer.type === 'color') {
      const box = this.box(layer, null);
      source = [];
      kind = animated ? 'stream' : 'still';
      steps.push(
        { filter: 'color', args: { c: colorArg(layer.color), s: this.sizeArg(box), r: this.fps } },
        { filter: 'trim', args: animated ? { end_frame: frames } : { end_frame: 1 } },
        ...toYuv(true),
      );
      position = this.centredIn(box);
      placed = box;
    } else if (layer.type === 'text') {
      const boxWidthPx = layer.widthPx ?? Math.max(1, this.out.widthPx - 2 * layer.marginPx);
      const path = join(this.input.workDir, `layer-${i}-text.png`);
      this.textImages.push({
        path,
        layerIndex: i,
        spec: textSpec(layer.text, layer.style, boxWidthPx, layer.heightPx, defaultFontSizePx(this.out.heightPx)),
      });
      source = `${this.addInput(i, path)}:v:0`;
      kind = animated ? 'stream' : 'still';
      steps.push(...toYuv(true, null));
      if (animated) steps.push(...repeat());
      position = this.textPosition(layer, boxWidthPx);
    } else {
      const facts = this.facts(i);
      const natural = naturalSize(facts);
      const box = this.box(layer, natural);
      const path = facts?.path ?? `unresolved-layer-${i}`;
      const isVideo = layer.type === 'video';
      if (isVideo) {
        const input = this.addInput(i, path, layer.loop ? ['-stream_loop', '-1'] : []);
        this.addVideoAudio(layer, i, input);
        source = this.graph.chain(`${input}:v:0`, this.videoTiming(layer, i, windowSec), this.label('timed'));
        kind = 'video';
      } else {
        source = `${this.addInput(i, path)}:v:0`;
        kind = animated ? 'stream' : 'still';
      }
      const fitted = this.fit(source, layer.fit, natural ?? box, box, facts, layer.kenBurns !== undefined);
      source = fitted.pad;
      if (!isVideo && animated) steps.push(...repeat());
      if (layer.kenBurns) {
        steps.push(...kenBurnsSteps(layer.kenBurns, fitted.content, fitted.kenBurnsBox, this.fps, windowSec));
      }
      position = this.centredIn(box);
      if (!isVideo && facts) {
        const content = layer.kenBurns ? fitted.kenBurnsBox : fitted.content;
        placed = {
          ...content,
          xPx: box.xPx + (box.widthPx - content.widthPx) / 2,
          yPx: box.yPx + (box.heightPx - content.heightPx) / 2,
        };
      }
    }

    steps.push(...adjustSteps(layer));
    if (layer.opacity < 1) steps.push({ filter: 'lut', args: { a: `val*${n(layer.opacity)}` } });
    if (layer.fadeInSec > 0) {
      steps.push({ filter: 'fade', args: { t: 'in', st: 0, d: Math.min(layer.fadeInSec, windowSec), alpha: 1 } });
    }
    if (layer.fadeOutSec > 0) {
      const d = Math.min(layer.fadeOutSec, windowSec);
      steps.push({ filter: 'fade', args: { t: 'out', st: windowSec - d, d, alpha: 1 } });
    }
    if (layer.rotationDeg % 360 !== 0) {
      const rad = n((layer.rotationDeg * Math.PI) / 180);
      steps.push({ filter: 'rotate', args: { a: rad, ow: `rotw(${rad})`, oh: `roth(${rad})`, c: 'none' } });
      placed = null;
    }
    if (kind !== 'still') steps.push({ filter: 'setpts', args: [`PTS-STARTPTS+${n(offsetSec)}/TB`] });
    const pad = this.graph.chain(source, steps.length > 0 ? steps : [{ filter: 'null' }], this.label('layer'));
    return { pad, kind, ...position, wholeWindow: kind === 'stream' && streamSec >= windowSec, placed };
  }

  /** Text has no size until drawn: placed by overlay expressions on its PNG's w/h. */
  private textPosition(layer: TextLayer | SubtitlesLayer, boxWidthPx: number): { x: string; y: string } {
    if (layer.xPx !== undefined || layer.yPx !== undefined) {
      return {
        x: layer.xPx !== undefined ? `(${n(layer.xPx)})+(${n(boxWidthPx)}-w)/2` : '(W-w)/2',
        y: layer.yPx !== undefined ? n(layer.yPx) : '(H-h)/2',
      };
    }
    if (layer.type === 'subtitles') {
      const marginPx = layer.marginPx > 0 ? layer.marginPx : Math.round(this.out.heightPx * SUBTITLE_MARGIN_RATIO);
      return anchorPosition(layer.anchor ?? 'bottom', marginPx);
    }
    return anchorPosition(layer.anchor ?? 'center', layer.marginPx);
  }

  /** Trim window, speed and a constant frame rate (xfade and the Ken Burns frame counter need one). */
  private videoTiming(layer: VideoLayer, i: number, windowSec: number): FilterStep[] {
    const steps: FilterStep[] = [];
    if (layer.trimStartSec > 0 || layer.trimEndSec !== undefined) {
      steps.push({
        filter: 'trim',
        args: { start: layer.trimStartSec, ...(layer.trimEndSec !== undefined ? { end: layer.trimEndSec } : {}) },
      });
    }
    steps.push(
      { filter: 'setpts', args: [layer.speed === 1 ? 'PTS-STARTPTS' : `(PTS-STARTPTS)/${n(layer.speed)}`] },
      { filter: 'fps', args: { fps: this.fps } },
      { filter: 'trim', args: { duration: windowSec } },
    );
    const playSec = mediaPlaySec(layer, this.facts(i));
    if (playSec !== null && playSec < windowSec - 1 / this.fps) {
      this.warnings.push(
        `layers.${i}: the video plays for ${n(playSec)}s but its window is ${n(windowSec)}s; it disappears when it ends (set loop to repeat it)`,
      );
    }
    return steps;
  }

  /**
   * Scales (and converts to BT.709 yuva420p in the same swscale pass) to the fit mode. Returns the fitted content
   * size, and the size Ken Burns crops it to: the box for cover/fill/blur, the contained size for contain.
   */
  private fit(
    input: Pad,
    fit: ImageLayer['fit'],
    natural: Size,
    box: Size,
    facts: MediaFacts | null,
    kenBurns: boolean,
  ): { pad: Pad; content: Size; kenBurnsBox: Size } {
    const matrix = facts ? sourceMatrix({ ...facts, height: facts.heightPx }) : null;
    const scaleTo = (size: Size): FilterStep[] => toYuv(true, matrix, size);
    const cover = coverSize(natural, box);
    const contain = containSize(natural, box);
    switch (fit) {
      case 'fill':
        return { pad: this.graph.chain(input, scaleTo(box), this.label('fit')), content: box, kenBurnsBox: box };
      case 'contain':
        return {
          pad: this.graph.chain(input, scaleTo(contain), this.label('fit')),
          content: contain,
          kenBurnsBox: contain,
        };
      case 'cover':
        // Ken Burns pans over the whole cover-sized image and crops per frame; otherwise crop the centre once.
        return kenBurns
          ? { pad: this.graph.chain(input, scaleTo(cover), this.label('fit')), content: cover, kenBurnsBox: box }
          : {
              pad: this.graph.chain(input, [...scaleTo(cover), cropCentre(cover, box)], this.label('fit')),
              content: box,
              kenBurnsBox: box,
            };
      case 'blur': {
        const [back, front] = this.graph.split(input, 2, this.label('blursplit'));
        const blurred = this.graph.chain(
          back,
          [
            ...scaleTo(cover),
            cropCentre(cover, box),
            { filter: 'gblur', args: { sigma: Math.max(10, Math.round(Math.min(box.widthPx, box.heightPx) / 30)) } },
          ],
          this.label('blurback'),
        );
        const sharp = this.graph.chain(front, scaleTo(contain), this.label('blurfront'));
        const [pad] = this.graph.add({
          inputs: [blurred, sharp],
          filter: 'overlay',
          args: { x: '(W-w)/2', y: '(H-h)/2', format: 'yuv420', eof_action: 'repeat' },
          outputs: [this.label('fit')],
        });
        return { pad, content: box, kenBurnsBox: box };
      }
    }
  }

  private overlay(base: Pad, layer: Prepared, window: LayerWindow): Pad {
    const endSec = window.endSec ?? this.durationSec;
    const [pad] = this.graph.add({
      inputs: [base, layer.pad],
      filter: 'overlay',
      args: {
        x: layer.x,
        y: layer.y,
        eof_action: layer.kind === 'video' ? 'pass' : 'repeat',
        format: 'yuv420',
        enable: `between(t,${n(window.startSec)},${n(endSec)})`,
      },
      outputs: [this.label('stack')],
    });
    return pad;
  }

  /**
   * Each member is drawn on a transparent full-frame canvas covering its window (held to the end of the next
   * member's transition), the canvases are joined by xfade, and the result is overlaid onto the base.
   */
  private chain(base: Pad, chain: TransitionChain): Pad {
    const layers = this.input.composition.layers;
    const chainStartSec = layers[chain.members[0]].startSec;
    const canvasBox = this.chainCanvas(chain);
    let joined: Pad | null = null;
    let chainEndSec = chainStartSec;
    chain.members.forEach((index, position) => {
      const layer = layers[index] as VisualLayer;
      const next = chain.members[position + 1];
      const nextLayer = next === undefined ? null : (layers[next] as VisualLayer);
      const ownEndSec = this.windows[index].endSec ?? this.durationSec;
      const heldEndSec = nextLayer?.transition
        ? Math.max(ownEndSec, nextLayer.startSec + nextLayer.transition.durationSec)
        : ownEndSec;
      const windowSec = Math.min(heldEndSec, this.durationSec + 5) - layer.startSec;
      if (layer.type === 'subtitles') {
        throw new InvalidInputError(
          `composition.layers.${index}.track: subtitles layers cannot join a transition track`,
          {
            field: `composition.layers.${index}.track`,
          },
        );
      }
      const prepared = this.visual(layer, index, 0, windowSec);
      const frames = Math.max(1, Math.round(windowSec * this.fps));
      const drawn = this.padToCanvas(prepared, canvasBox, frames) ?? this.drawOnCanvas(prepared, canvasBox, frames);
      if (joined === null) {
        joined = drawn;
      } else {
        const transition = layer.transition ?? { type: 'fade' as const, durationSec: 0.5 };
        [joined] = this.graph.add({
          inputs: [joined, drawn],
          filter: 'xfade',
          args: {
            transition: transition.type,
            duration: Math.min(transition.durationSec, windowSec),
            offset: layer.startSec - chainStartSec,
          },
          outputs: [this.label('xfade')],
        });
      }
      chainEndSec = Math.max(chainEndSec, Math.min(heldEndSec, this.durationSec));
    });
    const timed = this.graph.chain(
      joined as unknown as Pad,
      [{ filter: 'setpts', args: [`PTS-STARTPTS+${n(chainStartSec)}/TB`] }],
      this.label('track'),
    );
    return this.overlay(
      base,
      { pad: timed, kind: 'video', x: n(canvasBox.xPx), y: n(canvasBox.yPx), wholeWindow: false, placed: null },
      { startSec: chainStartSec, endSec: chainEndSec },
    );
  }

  /**
   * A member whose pixels and place are known (an image or colour box sending a frame for its whole window) is padded
   * onto the transparent canvas: a copy into a larger frame, where drawing it on a `color` canvas blends every pixel of
   * the canvas on every frame. overlay puts a yuv420 layer on even pixels (it rounds x and y down to the chroma grid),
   * and so does this. Null when the member is not such a layer or does not fit inside the canvas.
   */
  private padToCanvas(prepared: Prepared, canvas: Box, frames: number): Pad | null {
    const placed = prepared.placed;
    if (!placed || !prepared.wholeWindow) return null;
    const x = Math.trunc(placed.xPx - canvas.xPx) & ~1;
    const y = Math.trunc(placed.yPx - canvas.yPx) & ~1;
    if (x < 0 || y < 0 || x + placed.widthPx > canvas.widthPx || y + placed.heightPx > canvas.heightPx) return null;
    return this.graph.chain(
      prepared.pad,
      [
        { filter: 'pad', args: { w: canvas.widthPx, h: canvas.heightPx, x, y, color: '0x000000@0' } },
        { filter: 'trim', args: { end_frame: frames } },
        // The frame rate's time base, as a `color` canvas has: xfade rounds its offset and duration to whole ticks,
        // so a transition starts and progresses on the frame grid either way.
        { filter: 'settb', args: [`1/${n(this.fps)}`] },
      ],
      this.label('member'),
    );
  }

  /** Any other member: overlaid on a transparent canvas of `frames` frames, its last frame held to the end. */
  private drawOnCanvas(prepared: Prepared, canvas: Box, frames: number): Pad {
    const background = this.graph.chain(
      [],
      [
        { filter: 'color', args: { c: '0x000000@0', s: this.sizeArg(canvas), r: this.fps } },
        { filter: 'trim', args: { end_frame: frames } },
        { filter: 'format', args: { pix_fmts: 'yuva420p' } },
      ],
      this.label('canvas'),
    );
    const [drawn] = this.graph.add({
      inputs: [background, prepared.pad],
      filter: 'overlay',
      // Held: a member that ends inside the next one's transition keeps its last frame.
      args: {
        x: canvas.xPx === 0 ? prepared.x : `(${prepared.x})-${n(canvas.xPx)}`,
        y: canvas.yPx === 0 ? prepared.y : `(${prepared.y})-${n(canvas.yPx)}`,
        eof_action: 'repeat',
        format: 'yuv420',
      },
      outputs: [this.label('member')],
    });
    return drawn;
  }

  /**
   * The canvas a transition track is drawn and xfaded on: the union of its members' boxes when every member
   * has an explicit, unrotated pixel box (golden-frame's 900x1600 product box), else the whole frame. Every
   * filter of the track then touches the pixels that can change rather than a full frame of transparency:
   * canvas copies, xfade and the final alpha overlay all scale with the canvas.
   */
  private chainCanvas(chain: TransitionChain): Size & { xPx: number; yPx: number } {
    const whole = { xPx: 0, yPx: 0, widthPx: this.out.widthPx, heightPx: this.out.heightPx };
    const boxes: Array<{ x0: number; y0: number; x1: number; y1: number }> = [];
    for (const index of chain.members) {
      const layer = this.input.composition.layers[index];
      if (layer.type === 'audio' || layer.type === 'subtitles' || layer.type === 'text') return whole;
      const { xPx, yPx, widthPx, heightPx } = layer;
      if (xPx === undefined || yPx === undefined || widthPx === undefined || heightPx === undefined) return whole;
      if (layer.anchor !== undefined || layer.rotationDeg % 360 !== 0) return whole;
      boxes.push({ x0: xPx, y0: yPx, x1: xPx + widthPx, y1: yPx + heightPx });
    }
    // Clipped to the frame, with even corners so 4:2:0 chroma lines up.
    const x0 = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x0)) / 2) * 2);
    const y0 = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y0)) / 2) * 2);
    const x1 = Math.min(this.out.widthPx, Math.ceil(Math.max(...boxes.map((b) => b.x1)) / 2) * 2);
    const y1 = Math.min(this.out.heightPx, Math.ceil(Math.max(...boxes.map((b) => b.y1)) / 2) * 2);
    if (x1 - x0 < 2 || y1 - y0 < 2) return whole;
    return { xPx: x0, yPx: y0, widthPx: x1 - x0, heightPx: y1 - y0 };
  }

  /** One PNG per cue, each overlaid only inside its window (clipped to the layer's). */
  private subtitles(base: Pad, layer: SubtitlesLayer, i: number): Pad {
    const cues = this.input.captions.get(i);
    if (cues === undefined) {
      this.warnings.push(`layers.${i}: no cues were supplied for this subtitles layer; it shows nothing`);
      return base;
    }
    const window = this.windows[i];
    const layerEndSec = window.endSec ?? this.durationSec;
    const boxWidthPx = layer.widthPx ?? Math.max(1, this.out.widthPx - 2 * layer.marginPx);
    let current = base;
    cues.forEach((cue, k) => {
      const startSec = Math.max(window.startSec, window.startSec + cue.startSec);
      const endSec = Math.min(layerEndSec, window.startSec + cue.endSec);
      if (endSec <= startSec || cue.text.trim() === '') return;
      const path = join(this.input.workDir, `layer-${i}-cue-${k}.png`);
      const sizePx = defaultFontSizePx(this.out.heightPx, 1 / 40);
      const spec = textSpec(cue.text, layer.style, boxWidthPx, layer.heightPx, sizePx);
      this.textImages.push({ path, layerIndex: i, spec });
      const steps: FilterStep[] = [...toYuv(true, null)];
      if (layer.opacity < 1) steps.push({ filter: 'lut', args: { a: `val*${n(layer.opacity)}` } });
      if (layer.rotationDeg % 360 !== 0) {
        const rad = n((layer.rotationDeg * Math.PI) / 180);
        steps.push({ filter: 'rotate', args: { a: rad, ow: `rotw(${rad})`, oh: `roth(${rad})`, c: 'none' } });
      }
      const pad = this.graph.chain(`${this.addInput(i, path)}:v:0`, steps, this.label('cue'));
      current = this.overlay(
        current,
        { pad, kind: 'still', ...this.textPosition(layer, boxWidthPx), wholeWindow: false, placed: null },
        { startSec, endSec },
      );
    });
    return current;
  }

  private audioLayer(layer: AudioLayer, i: number): void {
    if (this.out.format === 'gif') return;
    const facts = this.facts(i);
    if (facts && !facts.hasAudio) {
      this.warnings.push(`layers.${i}: the audio source has no audio stream; ignored`);
      return;
    }
    const path = facts?.path ?? `unresolved-layer-${i}`;
    const input = this.addInput(i, path, layer.loop ? ['-stream_loop', '-1'] : []);
    const window = this.windows[i];
    const windowSec = (window.endSec ?? this.durationSec) - window.startSec;
    const steps: FilterStep[] = [...audioTrim(layer.trimStartSec, layer.trimEndSec, 1)];
    if (layer.volume !== 1) steps.push({ filter: 'volume', args: { volume: layer.volume } });
    if (layer.fadeInSec > 0) {
      steps.push({ filter: 'afade', args: { t: 'in', st: 0, d: Math.min(layer.fadeInSec, windowSec) } });
    }
    if (layer.fadeOutSec > 0) {
      const d = Math.min(layer.fadeOutSec, windowSec);
      steps.push({ filter: 'afade', args: { t: 'out', st: windowSec - d, d } });
    }
    this.audioPads.push(
      this.graph.chain(`${input}:a:0`, [...steps, ...delay(windowSec, window.startSec)], this.label('aud')),
    );
  }

  /** The clip's own audio, with the same window and speed as its picture. */
  private videoAudio(layer: VideoLayer, i: number, input: string): void {
    const window = this.windows[i];
    const windowSec = (window.endSec ?? this.durationSec) - window.startSec;
    const steps: FilterStep[] = [...audioTrim(layer.trimStartSec, layer.trimEndSec, layer.speed)];
    if (layer.volume !== 1) steps.push({ filter: 'volume', args: { volume: layer.volume } });
    this.audioPads.push(
      this.graph.chain(`${input}:a:0`, [...steps, ...delay(windowSec, window.startSec)], this.label('aud')),
    );
  }

  private finishVideo(current: Pad): Pad {
    const steps: FilterStep[] = [];
    if (this.out.preview) {
      // Planned at full size and scaled once here: every position, font size and Ken Burns path scales with it.
      const size = this.encodedSize();
      steps.push({ filter: 'scale', args: { w: size.widthPx, h: size.heightPx, flags: 'bilinear' } });
    }
    if (this.out.format === 'gif') {
      // GIF is RGB: convert from the BT.709 we composited in (swscale would assume BT.601 and shift colours).
      steps.push(
        { filter: 'scale', args: { in_color_matrix: 'bt709', in_range: 'tv' } },
        { filter: 'format', args: { pix_fmts: 'rgb24' } },
      );
      const prepared = this.graph.chain(current, steps, 'gifsrc');
      const [forPalette, forUse] = this.graph.split(prepared, 2, 'gif');
      // A palette per frame (stats_mode=single, new=1) streams; one global palette would buffer the whole video.
      const palette = this.graph.chain(
        forPalette,
        [{ filter: 'palettegen', args: { stats_mode: 'single' } }],
        'palette',
      );
      const [vout] = this.graph.add({
        inputs: [forUse, palette],
        filter: 'paletteuse',
        args: { new: 1, dither: 'bayer', bayer_scale: 3 },
        outputs: ['vout'],
      });
      return vout;
    }
    steps.push({ filter: 'format', args: { pix_fmts: 'yuv420p' } });
    return this.graph.chain(current, steps, 'vout');
  }

  private mixAudio(): Pad {
    const mixed =
      this.audioPads.length === 1
        ? this.audioPads[0]
        : this.graph.add({
            inputs: this.audioPads,
            filter: 'amix',
            // normalize=0: each source keeps the volume it was given instead of 1/n of it.
            args: { inputs: this.audioPads.length, normalize: 0, duration: 'longest' },
            outputs: ['amixed'],
          })[0];
    const steps: FilterStep[] = [];
    if (this.out.loudnorm) steps.push({ filter: 'loudnorm', args: { I: -16, TP: -1.5, LRA: 11 } });
    steps.push(
      { filter: 'aresample', args: [48_000] },
      { filter: 'aformat', args: { sample_fmts: 'fltp', sample_rates: 48_000, channel_layouts: 'stereo' } },
      { filter: 'apad', args: { whole_dur: this.durationSec } },
      { filter: 'atrim', args: { end: this.durationSec } },
    );
    return this.graph.chain(mixed, steps, 'aout');
  }

  private encodedSize(): Size {
    if (!this.out.preview) return { widthPx: this.out.widthPx, heightPx: this.out.heightPx };
    const half = (px: number): number => Math.max(2, Math.round(px / 4) * 2);
    return { widthPx: half(this.out.widthPx), heightPx: half(this.out.heightPx) };
  }

  private encoderArgs(hasAudio: boolean): string[] {
    const { format, quality, preview } = this.out;
    if (format === 'gif') return ['-an', '-loop', '0', '-f', 'gif'];
    if (format === 'webm') {
      return [
        '-c:v',
        'libvpx-vp9',
        '-row-mt',
        '1',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-crf',
        String(CRF.webm[quality]),
        '-b:v',
        '0',
        '-pix_fmt',
        'yuv420p',
        ...BT709_TAGS,
        ...(hasAudio ? ['-c:a', 'libopus', '-b:a', '128k'] : ['-an']),
        '-f',
        'webm',
      ];
    }
    const video = h264Args(CRF.mp4[quality]).map((arg) => (preview && arg === 'veryfast' ? 'ultrafast' : arg));
    return [...video, ...(hasAudio ? [...AAC_DEFAULTS, '-ar', '48000'] : ['-an']), ...FASTSTART, '-f', 'mp4'];
  }

  /** The clip's own audio joins the mix unless muted, silent or the output is a GIF. */
  private addVideoAudio(layer: VideoLayer, i: number, input: string): void {
    if (layer.muted || this.out.format === 'gif') return;
    const facts = this.facts(i);
    if (!facts?.hasAudio) return;
    this.videoAudio(layer, i, input);
  }
}

function anchorParts(
  anchor: NonNullable<VisualLayer['anchor']>,
): ['start' | 'center' | 'end', 'start' | 'center' | 'end'] {
  const vertical = anchor.startsWith('top') ? 'start' : anchor.startsWith('bottom') ? 'end' : 'center';
  const horizontal = anchor.endsWith('left') ? 'start' : anchor.endsWith('right') ? 'end' : 'center';
  return [vertical, horizontal];
}

/** `0xRRGGBB@alpha` from a validated colour: the user's string never reaches the graph. */
export function colorArg(color: string): string {
  const rgba = parseColor(color);
  const hex = [rgba.r, rgba.g, rgba.b].map((channel) => channel.toString(16).padStart(2, '0')).join('');
  return `0x${hex.toUpperCase()}@${n(rgba.a)}`;
}

/**
 * One swscale pass to BT.709 limited range (optionally resizing), then yuva420p/yuv420p. Sources drawn in RGB
 * (`color`, PNG) are converted by us; overlay's own conversion would use BT.601 and shift colours.
 */
function toYuv(alpha: boolean, inMatrix: string | null = null, size?: Size): FilterStep[] {
  return [
    ...(inMatrix === null && size === undefined
      ? [{ filter: 'format', args: { pix_fmts: alpha ? 'rgba' : 'rgb24' } }]
      : []),
    {
      filter: 'scale',
      args: {
        ...(size ? { w: size.widthPx, h: size.heightPx } : {}),
        ...(inMatrix ? { in_color_matrix: inMatrix } : {}),
        out_color_matrix: 'bt709',
        out_range: 'tv',
        flags: 'bicubic+accurate_rnd+full_chroma_int',
      },
    },
    { filter: 'format', args: { pix_fmts: alpha ? 'yuva420p' : 'yuv420p' } },
  ];
}

/** Pixel formats that can carry transparency (a palette may hold transparent entries). */
function hasAlpha(pixelFormat: string | null): boolean {
  return pixelFormat === null || /^(yuva|rgba|bgra|argb|abgr|ya|gbrap|pal8)/.test(pixelFormat);
}

/** A colour as BT.709 limited-range Y, Cb, Cr (8-bit code values, unrounded). */
function bt709Limited(color: string): [number, number, number] {
  const { r, g, b } = parseColor(color);
  const [red, green, blue] = [r / 255, g / 255, b / 255];
  const luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return [16 + 219 * luma, 128 + (224 * (blue - luma)) / 1.8556, 128 + (224 * (red - luma)) / 1.5748];
}

/** out = opacity·in + (1 − opacity)·background, per plane: an opaque layer at `opacity` over a flat colour. */
function blendOver(background: string, opacity: number): FilterStep {
  const [y, u, v] = bt709Limited(background);
  const term = (value: number): string => `val*${n(opacity)}+${n((1 - opacity) * value)}`;
  return { filter: 'lutyuv', args: { y: term(y), u: term(u), v: term(v) } };
}

function naturalSize(facts: MediaFacts | null): Size | null {
  if (!facts || !facts.widthPx || !facts.heightPx) return null;
  const quarterTurn = Math.abs(facts.rotation ?? 0) % 180 === 90;
  return quarterTurn
    ? { widthPx: facts.heightPx, heightPx: facts.widthPx }
    : { widthPx: facts.widthPx, heightPx: facts.heightPx };
}

function coverSize(natural: Size, box: Size): Size {
  const scale = Math.max(box.widthPx / natural.widthPx, box.heightPx / natural.heightPx);
  return {
    widthPx: Math.max(box.widthPx, Math.round(natural.widthPx * scale)),
    heightPx: Math.max(box.heightPx, Math.round(natural.heightPx * scale)),
  };
}

function containSize(natural: Size, box: Size): Size {
  const scale = Math.min(box.widthPx / natural.widthPx, box.heightPx / natural.heightPx);
  return {
    widthPx: Math.max(1, Math.min(box.widthPx, Math.round(natural.widthPx * scale))),
    heightPx: Math.max(1, Math.min(box.heightPx, Math.round(natural.heightPx * scale))),
  };
}

function cropCentre(from: Size, to: Size): FilterStep {
  return {
    filter: 'crop',
    args: {
      w: to.widthPx,
      h: to.heightPx,
      x: Math.floor((from.widthPx - to.widthPx) / 2),
      y: Math.floor((from.heightPx - to.heightPx) / 2),
      exact: 1,
    },
  };
}

function adjustSteps(layer: VisualLayer): FilterStep[] {
  const adjust = layer.adjust;
  if (!adjust) return [];
  const steps: FilterStep[] = [];
  if (adjust.brightness !== 0 || adjust.contrast !== 1 || adjust.saturation !== 1) {
    // eq runs on yuva420p in place (checked with ffmpeg 5.1): alpha survives without a split.
    steps.push({
      filter: 'eq',
      args: { brightness: adjust.brightness, contrast: adjust.contrast, saturation: adjust.saturation },
    });
  }
  if (adjust.blurPx > 0) steps.push({ filter: 'gblur', args: { sigma: adjust.blurPx } });
  return steps;
}

function audioTrim(trimStartSec: number, trimEndSec: number | undefined, speed: number): FilterStep[] {
  const steps: FilterStep[] = [];
  if (trimStartSec > 0 || trimEndSec !== undefined) {
    steps.push({
      filter: 'atrim',
      args: { start: trimStartSec, ...(trimEndSec !== undefined ? { end: trimEndSec } : {}) },
    });
  }
  steps.push({ filter: 'asetpts', args: ['PTS-STARTPTS'] });
  // atempo takes 0.5-100 per instance in ffmpeg 5.1; 0.25 needs two.
  let remaining = speed;
  while (remaining < 0.5) {
    steps.push({ filter: 'atempo', args: [0.5] });
    remaining /= 0.5;
  }
  if (remaining !== 1) steps.push({ filter: 'atempo', args: [remaining] });
  return steps;
}

function delay(windowSec: number, startSec: number): FilterStep[] {
  return [
    { filter: 'atrim', args: { duration: windowSec } },
    { filter: 'adelay', args: { delays: `${Math.round(startSec * 1000)}`, all: 1 } },
  ];
}

/** The renderer's spec for a text layer or a cue, from the composition's style. */
export function textSpec(
  text: string,
  style: TextStyle,
  boxWidthPx: number,
  boxHeightPx: number | undefined,
  defaultSizePx: number,
): TextLayerSpec {
  return {
    text,
    fontSizePx: style.fontSizePx ?? defaultSizePx,
    color: style.color,
    boxWidthPx,
    ...(boxHeightPx !== undefined ? { boxHeightPx } : {}),
    ...(style.fontFamily !== undefined ? { fontFamily: style.fontFamily } : {}),
    ...(style.fontWeight !== undefined ? { fontWeight: style.fontWeight } : {}),
    ...(style.autoFit !== undefined ? { autoFit: style.autoFit } : {}),
    ...(style.lineHeight !== undefined ? { lineHeight: style.lineHeight } : {}),
    ...(style.letterSpacingPx !== undefined ? { letterSpacingPx: style.letterSpacingPx } : {}),
    ...(style.align !== undefined ? { align: style.align } : {}),
    ...(style.direction !== undefined ? { direction: style.direction } : {}),
    ...(style.maxLines !== undefined ? { maxLines: style.maxLines } : {}),
    ...(style.stroke !== undefined ? { stroke: style.stroke } : {}),
    ...(style.shadow !== undefined ? { shadow: style.shadow } : {}),
    ...(style.background !== undefined ? { background: style.background } : {}),
  };
}
