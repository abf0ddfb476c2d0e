import { parseComposition } from '@reelforge/compose';
import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context.js';
import {
  expandTemplate,
  getTemplate,
  listTemplates,
  TEMPLATE_NAMES,
  TEMPLATES,
  templateFieldsJsonSchema,
  validateTemplateFields,
} from './registry.js';

function fieldsOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(InvalidInputError);
  const details = (error as InvalidInputError).details as { fields: Array<{ field: string }> };
  return details.fields.map((f) => f.field);
}

function failure(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe(validateTemplateFields.name, () => {
  it('names a bad image by its index', () => {
    const error = failure(() =>
      validateTemplateFields('golden-frame', { images: [{ library: 'a.png' }, { path: '/etc/passwd' }] }),
    );
    expect(fieldsOf(error)).toEqual(['fields.images.1']);
  });

  it('names a missing required field instead of rendering a placeholder', () => {
    expect(fieldsOf(failure(() => validateTemplateFields('golden-frame', {})))).toEqual(['fields.images']);
    expect(fieldsOf(failure(() => validateTemplateFields('slideshow', { images: [{ library: 'a.png' }] })))).toEqual([
      'fields.audio',
    ]);
  });

  it('names wrong-typed and unknown fields', () => {
    const error = failure(() =>
      validateTemplateFields('golden-frame', { images: [{ library: 'a.png' }], hook: 42, colour: 'red' }),
    );
    expect(fieldsOf(error).sort()).toEqual(['fields', 'fields.hook']);
    expect((error as Error).message).toMatch(/Unrecognized key.*colour/);
  });

  it('refuses fields that are not an object on `fields`', () => {
    expect(fieldsOf(failure(() => validateTemplateFields('style-clip', 'aurora')))).toEqual(['fields']);
  });

  it('checks cross-field limits', () => {
    const images = Array.from({ length: 8 }, () => ({ library: 'a.png' }));
    expect(fieldsOf(failure(() => validateTemplateFields('golden-frame', { images, durationSec: 5 })))).toEqual([
      'fields.durationSec',
    ]);
    expect(fieldsOf(failure(() => validateTemplateFields('style-clip', { seed: -1, speed: 5 })))).toEqual([
      'fields.seed',
      'fields.speed',
    ]);
  });

  it('fills defaults', () => {
    expect(validateTemplateFields('golden-frame', { images: [{ library: 'a.png' }] })).toMatchObject({
      hook: '✨ Luxury Beauty Secrets Revealed!',
      durationSec: 15,
      atmosphere: 'glitter',
      frame: { library: 'frames/golden-frame-1080x1920.png' },
    });
  });

  it('names an unknown template on `template`', () => {
    const error = failure(() => validateTemplateFields('golden-hour', {}));
    expect(fieldsOf(error)).toEqual(['template']);
    expect((error as Error).message).toBe(
      'template: unknown template "golden-hour"; use one of golden-frame, slideshow, style-clip',
    );
    expect(() => getTemplate('__proto__')).toThrow(InvalidInputError);
  });
});

describe('template registry', () => {
  it('lists the three templates under the names it exports', () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual([...TEMPLATE_NAMES]);
  });

  it.each(TEMPLATE_NAMES)('expands the example of %s into a valid composition', async (name) => {
    const example = listTemplates().find((t) => t.name === name)?.example as { template: string; fields: unknown };
    expect(example.template).toBe(name);
    const expansion = await expandTemplate(name, example.fields, fakeContext());
    expect(() => parseComposition(expansion.composition)).not.toThrow();
  });

  it.each(TEMPLATE_NAMES)('publishes the input JSON Schema of %s, with descriptions', (name) => {
    const schema = templateFieldsJsonSchema(getTemplate(name)) as {
      type: string;
      properties: Record<string, { description?: string }>;
      required?: string[];
      additionalProperties: boolean;
    };
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.values(schema.properties).some((p) => typeof p.description === 'string')).toBe(true);
    // Input schema: fields with defaults are optional.
    expect(schema.required ?? []).not.toContain('durationSec');
  });

  it('requires images in the schemas that need them', () => {
    const required = (name: string): string[] =>
      (templateFieldsJsonSchema(getTemplate(name)) as { required?: string[] }).required ?? [];
    expect(required('golden-frame')).toEqual(['images']);
    expect(required('slideshow').sort()).toEqual(['audio', 'images']);
    expect(required('style-clip')).toEqual([]);
  });
});
