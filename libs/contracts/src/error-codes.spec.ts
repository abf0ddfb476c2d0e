import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiErrorCode, ERROR_CODE_BY_STATUS, HTTP_STATUS_BY_ERROR_CODE, isApiErrorCode } from './error-codes.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !/\.(spec|[a-z]+-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('ApiErrorCode', () => {
  it('lists every code the API answers with or a job records', () => {
    // Literal codes in error bodies, job failures and attempt errors; zod's own issue code is not ours.
    const emitted = new Map<string, string>();
    for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:error|errorCode|code): '([a-z_]+)'/g)) {
        if (match[1] !== 'custom') emitted.set(match[1]!, file.slice(ROOT.length));
      }
    }
    expect(emitted.size).toBeGreaterThan(10);
    const unlisted = [...emitted].filter(([code]) => !isApiErrorCode(code));
    expect(unlisted).toEqual([]);
  });

  it('maps every code once, and every status fallback to a listed code', () => {
    expect(Object.keys(HTTP_STATUS_BY_ERROR_CODE).sort()).toEqual(Object.values(ApiErrorCode).sort());
    for (const [status, code] of Object.entries(ERROR_CODE_BY_STATUS)) {
      expect(HTTP_STATUS_BY_ERROR_CODE[code!]).toBe(Number(status));
    }
    // The codes a DomainError may carry reach clients as HTTP answers, so each needs a status.
    for (const code of ['invalid_input', 'invalid_media', 'not_found', 'conflict', 'render_failed', 'not_configured']) {
      expect(HTTP_STATUS_BY_ERROR_CODE[code as ApiErrorCode]).toBeGreaterThanOrEqual(400);
    }
  });
});
