#!/usr/bin/env node
// `npx reelforge`: the built CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/apps/cli/src/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('reelforge: dist/ is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(entry.href);
