import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateSchemaSource, OPENAPI_PATH, SCHEMA_PATH } from '../../../scripts/client/generate-schema.mjs';

describe('libs/client/src/generated/openapi.ts', () => {
  it('is what `npm run client:generate` makes from the committed openapi.json', async () => {
    const expected = await generateSchemaSource(await readFile(OPENAPI_PATH, 'utf8'));
    expect(await readFile(SCHEMA_PATH, 'utf8')).toBe(expected);
  }, 30_000);
});
