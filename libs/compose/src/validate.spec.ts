import { InvalidInputError } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compositionSchema } from './spec.js';
import { parseComposition } from './validate.js';

function problemsOf(value: unknown): Array<{ field: string; problems: string[] }> {
  try {
    parseComposition(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).details.fields as Array<{ field: string; problems: string[] }>;
  }
  throw new Error('expected the composition to be refused');
}

describe('parseComposition', () => {
  it('fills defaults for a minimal composition', () => {
    const composition = parseComposition({ layers: [{ type: 'color', color: '#D4AF37' }] });
    expect(composition.output).toMatchObject({ widthPx: 1080, heightPx: 1920, fps: 30, format: 'mp4' });
    expect(composition.layers[0]).toMatchObject({ type: 'color', startSec: 0, opacity: 1, fadeInSec: 0 });
  });

  it('names every bad field with its path', () => {
    const fields = problemsOf({
      output: { widthPx: 101, format: 'gif', fps: 50 },
      layers: [
        { type: 'image', source: { url: 'file:///etc/passwd' }, opacity: 3, bogus: 1 },
        { type: 'text' },
        { type: 'video', source: { assetId: 'nope' }, trimStartSec: 5, trimEndSec: 2 },
        { type: 'color', color: 'url(x)', transition: { type: 'fade' } },
      ],
    }).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'composition.output.widthPx',
        'composition.output.fps',
        'composition.layers.0.source.url',
        'composition.layers.0.opacity',
        'composition.layers.0',
        'composition.layers.1.text',
        'composition.layers.2.source.assetId',
        'composition.layers.3.color',
      ]),
    );
  });

  it('checks cross-field rules once the fields themselves are valid', () => {
    const fields = problemsOf({
      layers: [
        { type: 'video', source: { library: 'styles/a.mp4' }, trimStartSec: 5, trimEndSec: 2 },
        { type: 'color', color: '#000', transition: { type: 'fade' } },
        { type: 'color', color: '#000', anchor: 'top', xPx: 3 },
      ],
    }).map((p) => p.field);
    expect(fields).toEqual([
      'composition.layers.0.trimEndSec',
      'composition.layers.1.transition',
      'composition.layers.2.anchor',
    ]);
  });

  it('refuses an unknown transition name, so no filter syntax can ride in on it', () => {
    const fields = problemsOf({
      layers: [{ type: 'color', color: '#000', track: 'a', transition: { type: 'fade:duration=9' } }],
    });
    expect(fields[0].field).toBe('composition.layers.0.transition.type');
  });

  it('exports a JSON Schema for the API documentation', () => {
    const schema = z.toJSONSchema(compositionSchema, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(schema)).toContain('kenBurns');
  });
});
