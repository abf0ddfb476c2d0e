import type { CompositionInput } from '@reelforge/compose';
import { InvalidInputError } from '@reelforge/contracts';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { StyleClip, StyleSkips, TemplateContext } from './context.js';
import { styleClipName } from './context.js';
import { MAX_SEED, mulberry32 } from './prng.js';
import { freeRanges, longestWindowSec, pickWindowStart, validStartRanges } from './style-window.js';
import {
  OUTPUT_SIZES,
  aspectField,
  defineTemplate,
  fadeWithin,
  mediaField,
  type TemplateExpansion,
} from './template.js';
import { round3 } from './timeline.js';

const LIBRARY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export const styleClipFieldsSchema = z.strictObject({
  style: z
    .string()
    .regex(LIBRARY_NAME, 'must be a style name from GET /v1/library/styles, or "random"')
    .default('random')
    .meta({ description: 'A clip from the style library (e.g. "aurora"), or "random" (see seed)' }),
  seed: z
    .int()
    .min(0)
    .max(MAX_SEED)
    .optional()
    .meta({ description: 'Same seed, same clip and window; omitted: chosen at random and recorded on the job' }),
  durationSec: z.number().min(1).max(60).default(8).meta({ description: 'Length of the video in seconds' }),
  speed: z
    .number()
    .min(0.25)
    .max(4)
    .default(1)
    .meta({ description: 'Playback speed; the clip must have durationSec x speed seconds free of skip zones' }),
  brightness: z.number().min(-1).max(1).default(0),
  contrast: z.number().min(0).max(3).default(1),
  saturation: z.number().min(0).max(3).default(1),
  blurPx: z.number().min(0).max(50).default(0),
  fadeInSec: z.number().min(0).max(10).default(0.5),
  fadeOutSec: z.number().min(0).max(10).default(0.5),
  title: z.string().trim().min(1).max(200).optional().meta({ description: 'Large text in the upper third' }),
  signature: z.string().trim().min(1).max(80).optional().meta({ description: 'Small text at the bottom right' }),
  logo: mediaField.optional().meta({ description: 'An image shown small at the top right' }),
  audio: z
    .union([z.string().regex(LIBRARY_NAME, 'must be a file name from GET /v1/library/audio'), mediaField])
    .optional()
    .meta({ description: 'A library audio name (e.g. "soft-bed-20s.m4a") or any media reference' }),
  volume: z.number().min(0).max(2).default(1),
  audioFadeInSec: z.number().min(0).max(10).default(0.5),
  audioFadeOutSec: z.number().min(0).max(10).default(1),
  aspect: aspectField,
});
export type StyleClipFields = z.output<typeof styleClipFieldsSchema>;

export interface StyleChoice {
  clip: StyleClip;
  windowStartSec: number;
  windowSec: number;
}

function invalidField(field: string, message: string): InvalidInputError {
  return new InvalidInputError(`${field}: ${message}`, { fields: [{ field, problems: [message] }] });
}

/**
 * Picks the clip and the window: `durationSec x speed` seconds of source, clear of the clip's skip zones,
 * starting uniformly at random (from the seed) among all valid starts. With "random", first a clip among
 * those that have such a window. Pure given its arguments, so a recorded seed replays the choice.
 */
export function chooseStyleWindow(
  style: string,
  durationSec: number,
  speed: number,
  seed: number,
  clips: readonly StyleClip[],
  skips: StyleSkips,
): StyleChoice {
  const windowSec = durationSec * speed;
  const random = mulberry32(seed);
  const candidates = [...clips]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((clip) => {
      const free = freeRanges(clip.durationSec, skips[clip.name] ?? []);
      return { clip, free, starts: validStartRanges(free, windowSec) };
    });
  const wanted = style === 'random' ? null : styleClipName(style);
  if (wanted !== null && !candidates.some((c) => c.clip.name === wanted)) {
    const names = candidates.map((c) => c.clip.name).join(', ') || 'none';
    throw invalidField('fields.style', `no style clip "${wanted}"; available: ${names}, or "random"`);
  }
  const eligible = candidates.filter((c) => (wanted === null || c.clip.name === wanted) && c.starts.length > 0);
  if (eligible.length === 0) {
    const pool = candidates.filter((c) => wanted === null || c.clip.name === wanted);
    const longestSec = Math.max(0, ...pool.map((c) => longestWindowSec(c.free)));
    const which = wanted === null ? 'the longest style clip has' : `style "${wanted}" has`;
    throw invalidField(
      'fields.durationSec',
      `needs ${round3(windowSec)} s of source at speed ${speed}, but ${which} ${round3(longestSec)} s free of ` +
        `skip zones: use durationSec <= ${Math.floor((longestSec / speed) * 100) / 100} at this speed`,
    );
  }
  const chosen = eligible[Math.min(eligible.length - 1, Math.floor(random() * eligible.length))];
  const windowStartSec = pickWindowStart(chosen.starts, random) ?? chosen.starts[0].startSec;
  // Not rounded: a start rounded to the millisecond could move the window's edge into a skip zone.
  return { clip: chosen.clip, windowStartSec, windowSec };
}

/** A library name `soft-bed-20s.m4a` (or `audio/soft-bed-20s.m4a` given as a ref) or any media source. */
function audioSource(audio: NonNullable<StyleClipFields['audio']>): z.infer<typeof mediaField> {
  return typeof audio === 'string' ? { library: `audio/${audio}` } : audio;
}

export const styleClipTemplate = defineTemplate({
  name: 'style-clip',
  description:
    "A stretch of abstract b-roll from the style library (named or seeded-random, avoiding each clip's skip " +
    'zones), with speed, colour, blur and fades, optional title, signature, logo and music.',
  fieldsSchema: styleClipFieldsSchema,
  example: { style: 'random', seed: 42, durationSec: 8, title: 'Golden hour', audio: 'soft-bed-20s.m4a' },
  async expand(fields: StyleClipFields, context: TemplateContext): Promise<TemplateExpansion> {
    const [clips, skips] = await Promise.all([context.styleClips(), context.styleSkips()]);
    const seed = fields.seed ?? context.randomSeed?.() ?? randomInt(0, MAX_SEED);
    const { durationSec } = fields;
    const choice = chooseStyleWindow(fields.style, durationSec, fields.speed, seed, clips, skips);
    const size = OUTPUT_SIZES[fields.aspect];
    const adjusted = fields.brightness !== 0 || fields.contrast !== 1 || fields.saturation !== 1 || fields.blurPx !== 0;
    const layers: CompositionInput['layers'] = [
      {
        type: 'video',
        source: { library: choice.clip.ref },
        trimStartSec: choice.windowStartSec,
        trimEndSec: choice.windowStartSec + choice.windowSec,
        speed: fields.speed,
        muted: true,
        fit: 'cover',
        durationSec,
        fadeInSec: fadeWithin(fields.fadeInSec, durationSec),
        fadeOutSec: fadeWithin(fields.fadeOutSec, durationSec),
        ...(adjusted
          ? {
              adjust: {
                brightness: fields.brightness,
                contrast: fields.contrast,
                saturation: fields.saturation,
                blurPx: fields.blurPx,
              },
            }
          : {}),
      },
    ];
    const marginPx = Math.round(size.widthPx * 0.06);
    if (fields.title) {
      layers.push({
        type: 'text',
        text: fields.title,
        xPx: marginPx,
        yPx: Math.round(size.heightPx * 0.2),
        widthPx: size.widthPx - 2 * marginPx,
        heightPx: Math.round(size.heightPx * 0.2),
        fadeInSec: fadeWithin(0.8, durationSec),
        fadeOutSec: fadeWithin(0.5, durationSec),
        durationSec,
        style: {
          fontWeight: 'bold',
          fontSizePx: 88,
          autoFit: { minFontSizePx: 40, maxFontSizePx: 96 },
          color: '#ffffff',
          align: 'center',
          maxLines: 3,
          shadow: { color: 'rgba(0,0,0,0.7)', offsetXPx: 0, offsetYPx: 3, blurPx: 14 },
        },
      });
    }
    if (fields.signature) {
      layers.push({
        type: 'text',
        text: fields.signature,
        anchor: 'bottom-right',
        marginPx,
        widthPx: Math.round(size.widthPx * 0.5),
        heightPx: 80,
        opacity: 0.85,
        fadeInSec: fadeWithin(1, durationSec),
        durationSec,
        style: {
          fontSizePx: 40,
          color: '#ffffff',
          align: 'right',
          maxLines: 1,
          shadow: { color: 'rgba(0,0,0,0.6)', offsetXPx: 0, offsetYPx: 2, blurPx: 8 },
        },
      });
    }
    if (fields.logo) {
      const logoPx = Math.round(Math.min(size.widthPx, size.heightPx) * 0.14);
      layers.push({
        type: 'image',
        source: fields.logo,
        anchor: 'top-right',
        marginPx,
        widthPx: logoPx,
        heightPx: logoPx,
        fit: 'contain',
        opacity: 0.9,
        durationSec,
      });
    }
    if (fields.audio !== undefined) {
      layers.push({
        type: 'audio',
        source: audioSource(fields.audio),
        volume: fields.volume,
        loop: true,
        durationSec,
        fadeInSec: fadeWithin(fields.audioFadeInSec, durationSec),
        fadeOutSec: fadeWithin(fields.audioFadeOutSec, durationSec),
      });
    }
    return {
      composition: { output: { ...size, fps: 30, durationSec }, layers },
      warnings: [],
      resolvedFields: { ...fields, seed },
    };
  },
});
