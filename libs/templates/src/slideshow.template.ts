import { type CompositionInput, type KenBurns, TRANSITIONS } from '@reelforge/compose';
import { z } from 'zod';
import type { TemplateContext } from './context.js';
import {
  OUTPUT_SIZES,
  aspectField,
  defineTemplate,
  fadeWithin,
  mediaField,
  type TemplateExpansion,
} from './template.js';
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

const OVERLAYS = { grain: 'overlays/grain-4s.mp4', dust: 'overlays/dust-4s.mp4' } as const;
/** Shots of 2-4 s feel paced without rushing; beat-driven shots aim at the middle. */
const TARGET_SHOT_SEC = 3;
const [MIN_FALLBACK_SHOT_SEC, MAX_FALLBACK_SHOT_SEC] = [2, 5];

export const slideshowFieldsSchema = z.strictObject({
  images: z.array(mediaField).min(1).max(30).meta({ description: 'Images, shown in order' }),
  audio: mediaField.meta({ description: 'Soundtrack: cut to the video, faded in and out, looped if shorter' }),
  secondsPerImage: z
    .number()
    .min(1)
    .max(30)
    .optional()
    .meta({ description: 'Fixed time per image; omitted: every few beats of the audio (about 2-4 s)' }),
  durationSec: z
    .number()
    .min(1)
    .max(600)
    .optional()
    .meta({ description: 'Total length, split between the images on the nearest beats; ignored with secondsPerImage' }),
  transition: z.enum(TRANSITIONS).default('fade'),
  transitionSec: z
    .number()
    .min(0)
    .max(2)
    .default(0.6)
    .meta({ description: '0 for hard cuts; shortened to fit the shortest image' }),
  overlay: z
    .enum(['grain', 'dust', 'none'])
    .default('none')
    .meta({ description: 'A film texture laid over the whole video' }),
  overlayOpacity: z.number().min(0).max(1).default(0.18),
  aspect: aspectField,
  zoom: z
    .number()
    .min(1)
    .max(1.5)
    .default(1.08)
    .meta({ description: 'Ken Burns scale reached on each image (1 = still); directions alternate' }),
  fit: z
    .enum(['cover', 'contain', 'blur'])
    .default('blur')
    .meta({ description: 'cover crops to fill; contain shows all on black; blur shows all on a blurred copy' }),
  volume: z.number().min(0).max(2).default(1),
  audioFadeInSec: z.number().min(0).max(10).default(1),
  audioFadeOutSec: z.number().min(0).max(10).default(2),
});
export type SlideshowFields = z.output<typeof slideshowFieldsSchema>;

/** Four moves in turn (in, out, drifting across then down) so consecutive images never move alike. */
function kenBurnsFor(index: number, zoom: number): KenBurns {
  const drift = 0.06;
  const moves: Array<Pick<KenBurns, 'panFrom' | 'panTo'>> = [
    { panFrom: { x: 0.5 - drift, y: 0.5 }, panTo: { x: 0.5 + drift, y: 0.5 } },
    { panFrom: { x: 0.5, y: 0.5 + drift }, panTo: { x: 0.5, y: 0.5 - drift } },
    { panFrom: { x: 0.5 + drift, y: 0.5 }, panTo: { x: 0.5 - drift, y: 0.5 } },
    { panFrom: { x: 0.5, y: 0.5 - drift }, panTo: { x: 0.5, y: 0.5 + drift } },
  ];
  const zoomIn = index % 2 === 0;
  return {
    zoomFrom: zoomIn ? 1 : zoom,
    zoomTo: zoomIn ? zoom : 1,
    ...moves[index % moves.length],
    easing: 'easeInOut',
  };
}

/** How many beats per image: a power of two (1, 2, 4, 8... keeps cuts on bar lines) nearest 3 s. */
export function beatsPerShot(beatPeriodSec: number): number {
  let best = 1;
  for (let n = 1; n <= 32; n *= 2) {
    if (
      Math.abs(Math.log((n * beatPeriodSec) / TARGET_SHOT_SEC)) <
      Math.abs(Math.log((best * beatPeriodSec) / TARGET_SHOT_SEC))
    ) {
      best = n;
    }
  }
  return best;
}

interface Timing {
  totalSec: number;
  cuts: number[];
  warnings: string[];
}

async function timing(fields: SlideshowFields, context: TemplateContext): Promise<Timing> {
  const count = fields.images.length;
  if (fields.secondsPerImage !== undefined) {
    const totalSec = round3(fields.secondsPerImage * count);
    return { totalSec, cuts: equalCuts(totalSec, count).map(round3), warnings: [] };
  }
  const [analysis, audioSec] = await Promise.all([
    context.analyseAudio(fields.audio),
    context.mediaDurationSec(fields.audio),
  ]);
  const beats = usableBeats(analysis);
  if (fields.durationSec !== undefined) {
    const totalSec = fields.durationSec;
    if (!beats) return { totalSec, cuts: equalCuts(totalSec, count), warnings: [noBeatWarning(analysis === null)] };
    const grid = extendBeats(beats, totalSec, audioSec);
    return { totalSec, cuts: beatAlignedCuts(totalSec, count, grid, minShotSecFor(totalSec, count)), warnings: [] };
  }
  if (!beats) {
    const shotSec = audioSec
      ? Math.min(MAX_FALLBACK_SHOT_SEC, Math.max(MIN_FALLBACK_SHOT_SEC, audioSec / count))
      : TARGET_SHOT_SEC;
    const totalSec = round3(Math.min(600, shotSec * count));
    return { totalSec, cuts: equalCuts(totalSec, count), warnings: [noBeatWarning(analysis === null)] };
  }
  // Every N beats from the first beat; the video ends on the beat after the last image's N beats.
  const periodSec = (beats[beats.length - 1] - beats[0]) / (beats.length - 1);
  const n = beatsPerShot(periodSec);
  const grid = extendBeats(beats, beats[0] + (count * n + 1) * periodSec + 1, audioSec);
  const beatAt = (k: number): number => grid[k] ?? beats[0] + k * periodSec;
  const cuts = Array.from({ length: count - 1 }, (_, i) => beatAt((i + 1) * n));
  const totalSec = round3(Math.min(600, beatAt(count * n)));
  return { totalSec, cuts, warnings: [] };
}

function noBeatWarning(unknown: boolean): string {
  const why = unknown ? 'the beats of the audio are not known yet' : 'the audio has no clear beat';
  return `Images change at equal intervals instead of on the beat: ${why}.`;
}

export const slideshowTemplate = defineTemplate({
  name: 'slideshow',
  description:
    'Images with a slow zoom on each, transitions between them and a soundtrack; images change on the beat ' +
    'unless secondsPerImage is given. Optional grain or dust texture.',
  fieldsSchema: slideshowFieldsSchema,
  example: {
    images: [{ library: 'overlays/sparkles.png' }, { library: 'overlays/reelforge-logo.png' }],
    audio: { library: 'audio/beat-120bpm-30s.m4a' },
    transition: 'fade',
    overlay: 'grain',
  },
  async expand(fields: SlideshowFields, context: TemplateContext): Promise<TemplateExpansion> {
    const { totalSec, cuts, warnings } = await timing(fields, context);
    const transitionSec = fitTransitionSec(fields.transitionSec, cuts, totalSec);
    if (transitionSec < fields.transitionSec && fields.images.length > 1) {
      warnings.push(`Transitions shortened to ${transitionSec} s to fit the shortest image.`);
    }
    const shots = shotsForCuts(totalSec, cuts, transitionSec);
    const layers: CompositionInput['layers'] = fields.images.map((source, i) => ({
      type: 'image' as const,
      source,
      fit: fields.fit,
      kenBurns: kenBurnsFor(i, fields.zoom),
      startSec: shots[i].startSec,
      durationSec: shots[i].durationSec,
      track: 'images',
      ...(i > 0 && transitionSec > 0 ? { transition: { type: fields.transition, durationSec: transitionSec } } : {}),
    }));
    if (fields.overlay !== 'none') {
      layers.push({
        type: 'video',
        source: { library: OVERLAYS[fields.overlay] },
        loop: true,
        muted: true,
        fit: 'cover',
        opacity: fields.overlayOpacity,
        durationSec: totalSec,
      });
    }
    layers.push({
      type: 'audio',
      source: fields.audio,
      volume: fields.volume,
      loop: true,
      durationSec: totalSec,
      fadeInSec: fadeWithin(fields.audioFadeInSec, totalSec),
      fadeOutSec: fadeWithin(fields.audioFadeOutSec, totalSec),
    });
    return {
      composition: { output: { ...OUTPUT_SIZES[fields.aspect], fps: 30, durationSec: totalSec }, layers },
      warnings,
      resolvedFields: { ...fields },
    };
  },
});
