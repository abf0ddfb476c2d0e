import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { exportOpenApiDocument, serialiseOpenApi } from './openapi-export.js';

describe('openapi.json', () => {
  it('is in step with the code (run `npm run openapi` after changing the API)', async () => {
    const committed = await readFile(new URL('../../../openapi.json', import.meta.url), 'utf8');
    expect(serialiseOpenApi(await exportOpenApiDocument())).toBe(committed);
  }, 30_000);

  it('describes every DTO property', async () => {
    const document = await exportOpenApiDocument();
    const schemas = Object.entries(document.components?.schemas ?? {});
    expect(schemas.length).toBeGreaterThan(10);
    const undocumented = schemas.flatMap(([name, schema]) =>
      Object.entries(('properties' in schema ? schema.properties : undefined) ?? {})
        .filter(
          ([, property]) =>
            !('$ref' in property) && !property.description && !property.example && !property.format && !property.enum,
        )
        .map(([property]) => `${name}.${property}`),
    );
    expect(undocumented).toEqual([]);
  }, 30_000);
});
