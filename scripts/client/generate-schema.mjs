import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi.json', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../../libs/client/src/generated/openapi.ts', import.meta.url));

const HEADER = [
  '// Generated from openapi.json by `npm run client:generate` (openapi-typescript). Do not edit:',
  '// a test fails when this file is not what the script makes from the committed openapi.json.',
  '',
].join('\n');

/** The TypeScript types of openapi.json's paths and schemas, exactly as the script writes them. */
export async function generateSchemaSource(openapiText) {
  const ast = await openapiTS(JSON.parse(openapiText), { defaultNonNullable: false });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = await generateSchemaSource(await readFile(OPENAPI_PATH, 'utf8'));
  await writeFile(SCHEMA_PATH, source);
  console.log(`libs/client/src/generated/openapi.ts: ${source.split('\n').length} lines`);
}
