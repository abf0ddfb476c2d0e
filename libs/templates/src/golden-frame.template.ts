import type { CompositionInput, MediaSource } from '@reelforge/compose';
import { z } from 'zod';
import type { TemplateContext } from './context.js';
import { defineTemplate, fadeWithin, mediaField, type TemplateExpansion } from './template.js';
import {
  beatAlignedCuts,
  equalCuts,
  extendBeats,
  fitTransitionSec,
  minShotSecFor,
  round3,
  shotsForCuts,
  usableBeats,
} from './timeline.js';

const [WIDTH_PX, HEIGHT_PX] = [1080, 1920];
/** The product box: 900x1600 centred, leaving the frame and the hook room around it. */
const PRODUCT_BOX = { xPx: 90, yPx: 160, widthPx: 900, heightPx: 1600 } as const;
const GOLD = '#D4AF37';
const TRANSITION_SEC = 0.5;

export const GOLDEN_FRAME_DEFAULTS = {
  frame: { library: 'frames/golden-frame-1080x1920.png' },
  audio: { library: 'audio/beat-120bpm-30s.m4a' },
  hook: '✨ Luxury Beauty Secrets Revealed!',
} as const;

const ATMOSPHERES = {
  glitter: 'overlays/glitter-4s.mp4',
  rain: 'overlays/rain-4s.mp4',
} as const;

export const goldenFrameFieldsSchema = z
  .strictObject({
    images: z
      .array(mediaField)
      .min(1)
      .max(10)
      .meta({ description: 'Product images, shown in turn; with several, cuts fall on the beats of the audio' }),
    hook: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .default(GOLDEN_FRAME_DEFAULTS.hook)
      .meta({ description: 'Headline at the top of the frame; emoji are drawn in colour' }),
    frame: z
      .union([mediaField, z.literal('procedural')])
      .default(GOLDEN_FRAME_DEFAULTS.frame)
      .meta({
        description:
          'A 9:16 frame PNG with a transparent centre (stretched to the whole output), or "procedural" for a drawn #D4AF37 border',
      }),
    atmosphere: z
      .union([z.enum(['glitter', 'rain', 'none']), mediaField])
      .default('glitter')
      .meta({
        description: 'Moving backdrop behind the product at 0.7 opacity: a bundled loop, your own video, or none',
      }),
    audio: z
      .union([mediaField, z.literal('none')])
      .default(GOLDEN_FRAME_DEFAULTS.audio)
      .meta({ description: 'Music bed, looped to the duration and faded in and out; "none" for silence' }),
    musicVolume: z.number().min(0).max(2).default(0.8).meta({ description: 'Gain of the music, 1 unchanged' }),
    durationSec: z.number().min(5).max(60).default(15).meta({ description: 'Length of the video in seconds' }),
  })
  .superRefine((fields, ctx) => {
    if (fields.durationSec < fields.images.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['durationSec'],
        message: `must be at least ${fields.images.length} for ${fields.images.length} images (1 s each)`,
      });
    }
  });
export type GoldenFrameFields = z.output<typeof goldenFrameFieldsSchema>;

/** Two nested gold rules, like the library frame: four bars and a fine inner line, as colour layers. */
function proceduralBorder(durationSec: number): CompositionInput['layers'] {
  const bar = (xPx: number, yPx: number, widthPx: number, heightPx: number, color: string) =>
    ({ type: 'color', color, xPx, yPx, widthPx, heightPx, durationSec }) as const;
  const [outerPx, gapPx, linePx] = [36, 10, 3];
  const inset = outerPx + gapPx;
  const [innerWidthPx, innerHeightPx] = [WIDTH_PX - 2 * inset, HEIGHT_PX - 2 * inset];
  const pale = '#F4E1A1';
  return [
    bar(0, 0, WIDTH_PX, outerPx, GOLD),
    bar(0, HEIGHT_PX - outerPx, WIDTH_PX, outerPx, GOLD),
    bar(0, outerPx, outerPx, HEIGHT_PX - 2 * outerPx, GOLD),
    bar(WIDTH_PX - outerPx, outerPx, outerPx, HEIGHT_PX - 2 * outerPx, GOLD),
    bar(inset, inset, innerWidthPx, linePx, pale),
    bar(inset, HEIGHT_PX - inset - linePx, innerWidthPx, linePx, pale),
    bar(inset, inset, linePx, innerHeightPx, pale),
    bar(WIDTH_PX - inset - linePx, inset, linePx, innerHeightPx, pale),
  ];
}

async function cutTimes(
  fields: GoldenFrameFields,
  audio: MediaSource | null,
  context: TemplateContext,
): Promise<{ cuts: number[]; warnings: string[] }> {
  const { durationSec } = fields;
  const count = fields.images.length;
  if (count === 1) return { cuts: [], warnings: [] };
  const equalSec = round3(durationSec / count);
  if (!audio) {
    return { cuts: equalCuts(durationSec, count), warnings: [] };
  }
  const analysis = await context.analyseAudio(audio);
  const beats = usableBeats(analysis);
  if (!beats) {
    const why = analysis === null ? 'the beats of the audio are not known yet' : 'the audio has no clear beat';
    return {
      cuts: equalCuts(durationSec, count),
      warnings: [`Images change every ${equalSec} s instead of on the beat: ${why}.`],
    };
  }
  const audioSec = await context.mediaDurationSec(audio);
  const grid = extendBeats(beats, durationSec, audioSec);
  return { cuts: beatAlignedCuts(durationSec, count, grid, minShotSecFor(durationSec, count)), warnings: [] };
}

export const goldenFrameTemplate = defineTemplate({
  name: 'golden-frame',
  description:
    'Luxury product reel, 1080x1920: product images in a gold frame over a glitter or rain backdrop, a headline ' +
    'at the top and a music bed; with several images the cuts fall on the beat.',
  fieldsSchema: goldenFrameFieldsSchema,
  example: {
    images: [{ library: 'overlays/sparkles.png' }],
    hook: '✨ Luxury Beauty Secrets Revealed!',
  },
  async expand(fields: GoldenFrameFields, context: TemplateContext): Promise<TemplateExpansion> {
    const { durationSec } = fields;
    const audio = fields.audio === 'none' ? null : fields.audio;
    const { cuts, warnings } = await cutTimes(fields, audio, context);
    const transitionSec = fitTransitionSec(TRANSITION_SEC, cuts, durationSec);
    const shots = shotsForCuts(durationSec, cuts, transitionSec);
    const layers: CompositionInput['layers'] = [];

    // The atmosphere sits UNDER the product: an H.264 loop has no alpha, so over the product its black
    // would dim the picture by 70%. Beneath it, the sparkles fill the margins and the letterbox of
    // `contain` around the product, which is the look of a luxury product shot.
    const atmosphere =
      fields.atmosphere === 'none'
        ? null
        : typeof fields.atmosphere === 'string'
          ? { library: ATMOSPHERES[fields.atmosphere] }
          : fields.atmosphere;
    if (atmosphere) {
      layers.push({
        type: 'video',
        source: atmosphere,
        loop: true,
        muted: true,
        opacity: 0.7,
        fit: 'cover',
        durationSec,
      });
    }

    fields.images.forEach((source, i) => {
      layers.push({
        type: 'image',
        source,
        ...PRODUCT_BOX,
        // Never stretched or cropped: a product shot must show the whole product.
        fit: 'contain',
        kenBurns: { zoomFrom: 1, zoomTo: 1.05, easing: 'easeInOut' },
        startSec: shots[i].startSec,
        durationSec: shots[i].durationSec,
        track: 'images',
        ...(i > 0 && transitionSec > 0 ? { transition: { type: 'fade' as const, durationSec: transitionSec } } : {}),
      });
    });

    if (fields.frame === 'procedural') layers.push(...proceduralBorder(durationSec));
    else layers.push({ type: 'image', source: fields.frame, fit: 'fill', durationSec });

    layers.push({
      type: 'text',
      text: fields.hook,
      // Inside the top safe area of Reels/TikTok (their UI covers roughly the top 120 px).
      xPx: 90,
      yPx: 140,
      widthPx: 900,
      heightPx: 220,
      fadeInSec: 0.6,
      durationSec,
      style: {
        fontWeight: 'bold',
        fontSizePx: 68,
        autoFit: { minFontSizePx: 40, maxFontSizePx: 76 },
        color: '#F4E1A1',
        align: 'center',
        maxLines: 3,
        stroke: { color: 'rgba(60,40,0,0.9)', widthPx: 2 },
        shadow: { color: 'rgba(0,0,0,0.85)', offsetXPx: 0, offsetYPx: 4, blurPx: 12 },
      },
    });

    if (audio) {
      layers.push({
        type: 'audio',
        source: audio,
        volume: fields.musicVolume,
        loop: true,
        durationSec,
        fadeInSec: fadeWithin(1, durationSec),
        fadeOutSec: fadeWithin(2, durationSec),
      });
    }

    return {
      composition: {
        output: { widthPx: WIDTH_PX, heightPx: HEIGHT_PX, fps: 30, durationSec, background: '#050505' },
        layers,
      },
      warnings,
      resolvedFields: { ...fields },
    };
  },
});
