/**
 * The composition spec: what a caller sends to `POST /v1/generate` as `{composition}` and what every
 * template expands to. One zod schema gives the validator (errors name the field path), the
 * TypeScript types and the JSON Schema published in OpenAPI and at `GET /v1/templates`.
 */
import { ANCHORS } from '@reelforge/filtergraph';
import { parseColor, TEXT_LAYER_LIMITS } from '@reelforge/text';
import { z } from 'zod';

/** Bounds that keep one job's graph, inputs and run time finite whatever the caller sends. */
export const COMPOSITION_LIMITS = {
  maxLayers: 48,
  minSidePx: 16,
  maxSidePx: 3840,
  maxFps: 60,
  maxDurationSec: 600,
  /** GIF frames are full palette images; beyond this width they get huge and slow. */
  maxGifWidthPx: 1280,
  maxGifFps: 30,
  maxBlurPx: 100,
  maxTransitionSec: 5,
} as const;

/** xfade transitions we expose; a closed list so the name can never carry filter syntax. */
export const TRANSITIONS = [
  'fade',
  'fadeblack',
  'fadewhite',
  'dissolve',
  'wipeleft',
  'wiperight',
  'wipeup',
  'wipedown',
  'slideleft',
  'slideright',
  'slideup',
  'slidedown',
  'circleopen',
  'circleclose',
  'radial',
  'smoothleft',
  'smoothright',
  'zoomin',
] as const;
export type TransitionName = (typeof TRANSITIONS)[number];

export const EASINGS = ['linear', 'easeIn', 'easeOut', 'easeInOut'] as const;
export type Easing = (typeof EASINGS)[number];

export const FITS = ['cover', 'contain', 'fill', 'blur'] as const;
export type Fit = (typeof FITS)[number];

const seconds = (max: number) => z.number().finite().min(0).max(max);
const positiveSeconds = (max: number) => z.number().finite().gt(0).max(max);

function isColor(value: string): boolean {
  try {
    parseColor(value);
    return true;
  } catch {
    return false;
  }
}

const color = z.string().max(64).refine(isColor, {
  message: 'must be #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b) or rgba(r, g, b, a)',
});

/** Where media comes from; resolved by the worker (assets and library items) or fetched by it (URLs). */
export const mediaSourceSchema = z.union([
  z.strictObject({ assetId: z.uuid() }),
  z.strictObject({
    library: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: 'A bundled library item, e.g. `overlays/glitter-4s.mp4` (see GET /v1/library/*)' }),
  }),
  z.strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .meta({ description: 'Fetched by the worker through the SSRF-safe client, then probed like an upload' }),
  }),
]);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

/** When a layer shows, on the output's timeline. */
const timing = {
  startSec: seconds(COMPOSITION_LIMITS.maxDurationSec).default(0),
  /** Omitted: until the end of the output (video and audio layers: until their media ends, unless looping). */
  durationSec: positiveSeconds(COMPOSITION_LIMITS.maxDurationSec).optional(),
};

const kenBurnsSchema = z.strictObject({
  /** Scale relative to the fitted size: 1 is the fitted image, 1.05 is 5% larger. */
  zoomFrom: z.number().min(1).max(4).default(1),
  zoomTo: z.number().min(1).max(4).default(1.05),
  /** The point of the image kept at the centre, 0-1 on each axis (0.5, 0.5 = centre). */
  panFrom: z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).default({ x: 0.5, y: 0.5 }),
  panTo: z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).default({ x: 0.5, y: 0.5 }),
  easing: z.enum(EASINGS).default('easeInOut'),
});
export type KenBurns = z.infer<typeof kenBurnsSchema>;

const adjustSchema = z.strictObject({
  /** -1..1, added to luma (eq). */
  brightness: z.number().min(-1).max(1).default(0),
  /** 0..3, 1 unchanged. */
  contrast: z.number().min(0).max(3).default(1),
  /** 0..3, 1 unchanged, 0 grey. */
  saturation: z.number().min(0).max(3).default(1),
  /** Gaussian blur sigma in pixels of the output. */
  blurPx: z.number().min(0).max(COMPOSITION_LIMITS.maxBlurPx).default(0),
});
export type Adjust = z.infer<typeof adjustSchema>;

const transitionSchema = z.strictObject({
  type: z.enum(TRANSITIONS),
  durationSec: positiveSeconds(COMPOSITION_LIMITS.maxTransitionSec).default(0.5),
});
export type Transition = z.infer<typeof transitionSchema>;

/**
 * Placement and look shared by every visual layer. The box defaults to the whole frame; `fit` says how
 * the media fills the box. x/y are the box's top-left in output pixels; `anchor` places the box
 * against the frame's edges instead (with `marginPx`).
 */
const visual = {
  ...timing,
  xPx: z.number().finite().min(-10_000).max(10_000).optional(),
  yPx: z.number().finite().min(-10_000).max(10_000).optional(),
  anchor: z.enum(ANCHORS).optional(),
  marginPx: z.number().finite().min(0).max(2000).default(0),
  widthPx: z
    .int()
    .min(1)
    .max(COMPOSITION_LIMITS.maxSidePx * 2)
    .optional(),
  heightPx: z
    .int()
    .min(1)
    .max(COMPOSITION_LIMITS.maxSidePx * 2)
    .optional(),
  opacity: z.number().min(0).max(1).default(1),
  rotationDeg: z.number().finite().min(-360).max(360).default(0),
  fadeInSec: seconds(30).default(0),
  fadeOutSec: seconds(30).default(0),
  adjust: adjustSchema.optional(),
  /**
   * Visual layers on the same track play one after another; `transition` blends this layer in from
   * the previous one on its track (they overlap by the transition's duration).
   */
  track: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .optional(),
  transition: transitionSchema.optional(),
};

const mediaVisual = {
  ...visual,
  source: mediaSourceSchema,
  fit: z.enum(FITS).default('cover'),
  kenBurns: kenBurnsSchema.optional(),
};

export const textStyleSchema = z.strictObject({
  fontFamily: z.string().min(1).max(200).optional(),
  fontWeight: z.union([z.enum(['normal', 'bold']), z.int().min(100).max(900)]).optional(),
  /** Omitted: scales with the output height (1/30 of it, 64 px on 1920; subtitles 1/40), at least 12 px. */
  fontSizePx: z.number().min(TEXT_LAYER_LIMITS.minFontSizePx).max(TEXT_LAYER_LIMITS.maxFontSizePx).optional(),
  autoFit: z
    .strictObject({
      minFontSizePx: z.number().min(TEXT_LAYER_LIMITS.minFontSizePx).max(TEXT_LAYER_LIMITS.maxFontSizePx),
      maxFontSizePx: z.number().min(TEXT_LAYER_LIMITS.minFontSizePx).max(TEXT_LAYER_LIMITS.maxFontSizePx),
    })
    .optional(),
  color: color.default('#ffffff'),
  lineHeight: z.number().min(0.5).max(4).optional(),
  letterSpacingPx: z.number().min(-50).max(200).optional(),
  align: z.enum(['left', 'center', 'right', 'start', 'end']).optional(),
  direction: z.enum(['auto', 'ltr', 'rtl']).optional(),
  maxLines: z.int().min(1).max(TEXT_LAYER_LIMITS.maxLines).optional(),
  stroke: z.strictObject({ color, widthPx: z.number().min(0).max(50) }).optional(),
  shadow: z
    .strictObject({
      color,
      offsetXPx: z.number().min(-100).max(100),
      offsetYPx: z.number().min(-100).max(100),
      blurPx: z.number().min(0).max(100),
    })
    .optional(),
  background: z
    .strictObject({ color, paddingPx: z.number().min(0).max(500), radiusPx: z.number().min(0).max(500) })
    .optional(),
});
export type TextStyle = z.infer<typeof textStyleSchema>;

export const colorLayerSchema = z.strictObject({ type: z.literal('color'), ...visual, color });
export const imageLayerSchema = z.strictObject({ type: z.literal('image'), ...mediaVisual });
export const videoLayerSchema = z.strictObject({
  type: z.literal('video'),
  ...mediaVisual,
  /** The part of the source used, in seconds of the source. */
  trimStartSec: seconds(86_400).default(0),
  trimEndSec: positiveSeconds(86_400).optional(),
  /** Playback speed; 2 plays twice as fast. */
  speed: z.number().min(0.25).max(4).default(1),
  loop: z.boolean().default(false),
  /** The clip's own audio joins the mix unless muted. */
  muted: z.boolean().default(false),
  volume: z.number().min(0).max(4).default(1),
});
export const textLayerSchema = z.strictObject({
  type: z.literal('text'),
  ...visual,
  text: z
    .string()
    .min(1)
    .max(TEXT_LAYER_LIMITS.maxTextLength)
    .refine((text) => /\S/u.test(text), { message: 'is empty: give at least one character to draw' }),
  style: textStyleSchema.default({ color: '#ffffff' }),
});
/** Captions: an SRT or WebVTT asset (or inline text), one PNG per cue shown in the cue's window. */
export const subtitlesLayerSchema = z.strictObject({
  type: z.literal('subtitles'),
  ...visual,
  source: z.union([
    z.strictObject({ assetId: z.uuid() }),
    z.strictObject({ inline: z.string().min(1).max(200_000).meta({ description: 'SRT or WebVTT text' }) }),
  ]),
  style: textStyleSchema.default({ color: '#ffffff' }),
});
export const audioLayerSchema = z.strictObject({
  type: z.literal('audio'),
  ...timing,
  source: mediaSourceSchema,
  trimStartSec: seconds(86_400).default(0),
  trimEndSec: positiveSeconds(86_400).optional(),
  volume: z.number().min(0).max(4).default(1),
  fadeInSec: seconds(30).default(0),
  fadeOutSec: seconds(30).default(0),
  loop: z.boolean().default(false),
});

export const layerSchema = z.discriminatedUnion('type', [
  colorLayerSchema,
  imageLayerSchema,
  videoLayerSchema,
  textLayerSchema,
  subtitlesLayerSchema,
  audioLayerSchema,
]);
export type Layer = z.infer<typeof layerSchema>;
export type ColorLayer = z.infer<typeof colorLayerSchema>;
export type ImageLayer = z.infer<typeof imageLayerSchema>;
export type VideoLayer = z.infer<typeof videoLayerSchema>;
export type TextLayer = z.infer<typeof textLayerSchema>;
export type SubtitlesLayer = z.infer<typeof subtitlesLayerSchema>;
export type AudioLayer = z.infer<typeof audioLayerSchema>;
export type VisualLayer = Exclude<Layer, AudioLayer>;

export const OUTPUT_FORMATS = ['mp4', 'webm', 'gif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const OUTPUT_QUALITIES = ['low', 'medium', 'high'] as const;
export type OutputQuality = (typeof OUTPUT_QUALITIES)[number];

const evenSide = z
  .int()
  .min(COMPOSITION_LIMITS.minSidePx)
  .max(COMPOSITION_LIMITS.maxSidePx)
  .refine((n) => n % 2 === 0, { message: 'must be even (4:2:0 video needs even sides)' });

export const outputSchema = z
  .strictObject({
    widthPx: evenSide.default(1080),
    heightPx: evenSide.default(1920),
    fps: z.number().min(1).max(COMPOSITION_LIMITS.maxFps).default(30),
    /** Omitted: the end of the last layer whose end is known (an explicit duration or finite media). */
    durationSec: positiveSeconds(COMPOSITION_LIMITS.maxDurationSec).optional(),
    format: z.enum(OUTPUT_FORMATS).default('mp4'),
    quality: z.enum(OUTPUT_QUALITIES).default('medium'),
    background: color.default('#000000'),
    /** Quarter size (each side halved), at most 12 fps, fast encoder settings: for checking a layout. */
    preview: z.boolean().default(false),
    /** EBU R128 loudness normalisation of the mixed audio to -16 LUFS (two-pass quality in one pass). */
    loudnorm: z.boolean().default(false),
  })
  .superRefine((output, ctx) => {
    if (output.format === 'gif' && output.widthPx > COMPOSITION_LIMITS.maxGifWidthPx) {
      ctx.addIssue({
        code: 'custom',
        path: ['widthPx'],
        message: `must be at most ${COMPOSITION_LIMITS.maxGifWidthPx} for gif`,
      });
    }
    if (output.format === 'gif' && output.fps > COMPOSITION_LIMITS.maxGifFps) {
      ctx.addIssue({
        code: 'custom',
        path: ['fps'],
        message: `must be at most ${COMPOSITION_LIMITS.maxGifFps} for gif`,
      });
    }
  });
export type OutputSpec = z.infer<typeof outputSchema>;

export const compositionSchema = z
  .strictObject({
    output: outputSchema.default(outputSchema.parse({})),
    /** Bottom first: later layers are drawn on top. */
    layers: z.array(layerSchema).min(1).max(COMPOSITION_LIMITS.maxLayers),
  })
  .superRefine((composition, ctx) => {
    composition.layers.forEach((layer, i) => {
      if (layer.type !== 'audio' && layer.xPx !== undefined && layer.anchor !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['layers', i, 'anchor'], message: 'give either anchor or xPx/yPx' });
      }
      if ('trimEndSec' in layer && layer.trimEndSec !== undefined && layer.trimEndSec <= layer.trimStartSec) {
        ctx.addIssue({
          code: 'custom',
          path: ['layers', i, 'trimEndSec'],
          message: 'must be greater than trimStartSec',
        });
      }
      if (layer.type !== 'audio' && layer.transition !== undefined && layer.track === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['layers', i, 'transition'],
          message: 'needs a track: a transition blends from the previous layer on the same track',
        });
      }
    });
  });
/** A validated composition with every default filled in. */
export type Composition = z.infer<typeof compositionSchema>;
/** What a caller may send: defaults are optional. */
export type CompositionInput = z.input<typeof compositionSchema>;
