import { parseOrThrow } from '@reelforge/compose';
import { InvalidInputError } from '@reelforge/contracts';
import { z } from 'zod';
import type { TemplateContext } from './context.js';
import { goldenFrameTemplate } from './golden-frame.template.js';
import { slideshowTemplate } from './slideshow.template.js';
import { styleClipTemplate } from './style-clip.template.js';
import type { Template, TemplateExpansion } from './template.js';

export type { TemplateContext } from './context.js';

/** Every template, in the order GET /v1/templates lists them. */
export const TEMPLATES: readonly Template[] = [goldenFrameTemplate, slideshowTemplate, styleClipTemplate];

export const TEMPLATE_NAMES = ['golden-frame', 'slideshow', 'style-clip'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

/** The template called `name`; an unknown name is the caller's mistake, reported on the field `template`. */
export function getTemplate(name: string): Template {
  const template = TEMPLATES.find((t) => t.name === name);
  if (!template) {
    const problem = `unknown template "${name}"; use one of ${TEMPLATE_NAMES.join(', ')}`;
    throw new InvalidInputError(`template: ${problem}`, { fields: [{ field: 'template', problems: [problem] }] });
  }
  return template;
}

/**
 * Validates merge fields and fills defaults, or throws InvalidInputError naming each bad field with the
 * prefix `fields` (`fields.images.0`, `fields.hook`). Missing required fields fail here: a template never
 * renders a placeholder.
 */
export function validateTemplateFields(name: string, raw: unknown): Record<string, unknown> {
  return parseOrThrow(getTemplate(name).fieldsSchema, raw, 'fields') as Record<string, unknown>;
}

/** Validates, then expands: what the worker runs for a template job (and the API for a dry run). */
export async function expandTemplate(name: string, raw: unknown, context: TemplateContext): Promise<TemplateExpansion> {
  const template = getTemplate(name);
  const fields = parseOrThrow(template.fieldsSchema, raw, 'fields');
  return template.expand(fields, context);
}

/** JSON Schema of what a caller may send as `fields` (defaults optional). */
export function templateFieldsJsonSchema(template: Template): Record<string, unknown> {
  return z.toJSONSchema(template.fieldsSchema, { io: 'input' }) as Record<string, unknown>;
}

export interface TemplateDescription {
  name: string;
  description: string;
  /** JSON Schema of `fields`. */
  fieldsSchema: Record<string, unknown>;
  /** A complete request body for POST /v1/generate that uses the template. */
  example: Record<string, unknown>;
}

/** The body of GET /v1/templates. */
export function listTemplates(): TemplateDescription[] {
  return TEMPLATES.map((template) => ({
    name: template.name,
    description: template.description,
    fieldsSchema: templateFieldsJsonSchema(template),
    example: { template: template.name, fields: template.example },
  }));
}
