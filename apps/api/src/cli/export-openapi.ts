import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { exportOpenApiDocument, serialiseOpenApi } from '../openapi-export.js';

/** `npm run openapi`: rewrites the committed openapi.json from the code. */
const document = await exportOpenApiDocument();
await writeFile('openapi.json', serialiseOpenApi(document));
console.log(`openapi.json: ${Object.keys(document.paths).length} paths`);
