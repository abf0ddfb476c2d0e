import { type CompositionInput, mediaSourceSchema } from '@reelforge/compose';
import { z } from 'zod';
import type { TemplateContext } from './context.js';

export interface TemplateExpansion {
  composition: CompositionInput;
  /** Where the template fell back (e.g. no clear beat): shown on the job, never fatal. */
  warnings: string[];
  /**
   * The fields as used, with every choice made filled in (style-clip's seed, the defaults): expanding
   * these again gives the same composition, so the job records them.
   */
  resolvedFields: Record<string, unknown>;
}

/**
 * A template turns validated merge fields into a composition. `expand` is declared as a method so that a
 * template of specific fields can stand in the registry's list of templates of unknown fields.
 */
export interface Template<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly fieldsSchema: S;
  /** Valid fields, shown at GET /v1/templates and tested to expand. */
  readonly example: z.input<S>;
  expand(fields: z.output<S>, context: TemplateContext): Promise<TemplateExpansion>;
}

export function defineTemplate<S extends z.ZodType>(template: Template<S>): Template<S> {
  return template;
}

/** A media reference in fields: the same union as a composition's `source`. */
export const mediaField = mediaSourceSchema;

export const ASPECTS = ['9:16', '16:9', '1:1'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const OUTPUT_SIZES: Record<Aspect, { widthPx: number; heightPx: number }> = {
  '9:16': { widthPx: 1080, heightPx: 1920 },
  '16:9': { widthPx: 1920, heightPx: 1080 },
  '1:1': { widthPx: 1080, heightPx: 1080 },
};

export const aspectField = z
  .enum(ASPECTS)
  .default('9:16')
  .meta({ description: 'Output shape: 9:16 is 1080x1920, 16:9 is 1920x1080, 1:1 is 1080x1080' });

/** Audio fades never take more than a quarter of the video each, so short videos still have a body. */
export function fadeWithin(fadeSec: number, totalSec: number): number {
  return Math.round(Math.min(fadeSec, totalSec / 4) * 1000) / 1000;
}
