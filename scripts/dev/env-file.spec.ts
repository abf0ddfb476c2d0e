import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureEnvFile, readEnvFile, setEnvValue, writeEnvValue } from './env-file.js';

const NOTE = 'The embedded PostgreSQL that npm run dev starts.';

describe('setEnvValue', () => {
  const example = [
    '# Real environment variables win.',
    'PORT=3000',
    'DATABASE_URL=postgres://postgres@127.0.0.1:5432/reelforge',
    'REDIS_URL=redis://127.0.0.1:6379',
    '',
  ].join('\n');

  it('replaces the value in place and keeps every other line', () => {
    const updated = setEnvValue(example, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:54321/reelforge', NOTE);
    expect(updated.split('\n')).toEqual([
      '# Real environment variables win.',
      'PORT=3000',
      `# ${NOTE}`,
      'DATABASE_URL=postgres://postgres@127.0.0.1:54321/reelforge',
      'REDIS_URL=redis://127.0.0.1:6379',
      '',
    ]);
  });

  it('is stable when run again with the same value, and writes the note once', () => {
    const once = setEnvValue(example, 'DATABASE_URL', 'postgres://x@127.0.0.1:1/y', NOTE);
    expect(setEnvValue(once, 'DATABASE_URL', 'postgres://x@127.0.0.1:1/y', NOTE)).toBe(once);
  });

  it('appends a missing key and drops duplicates that would override it', () => {
    expect(setEnvValue('PORT=3000\n', 'REDIS_URL', 'redis://127.0.0.1:63790', NOTE)).toBe(
      `PORT=3000\n# ${NOTE}\nREDIS_URL=redis://127.0.0.1:63790\n`,
    );
    expect(setEnvValue('A=1\nREDIS_URL=one\nREDIS_URL=two\n', 'REDIS_URL', 'three', NOTE)).toBe(
      `A=1\n# ${NOTE}\nREDIS_URL=three\n`,
    );
  });

  it('leaves commented-out assignments alone', () => {
    expect(setEnvValue('# DATABASE_URL=old\n', 'DATABASE_URL', 'new', NOTE)).toBe(
      `# DATABASE_URL=old\n# ${NOTE}\nDATABASE_URL=new\n`,
    );
  });
});

describe('env files', () => {
  it('creates .env from the example once, then reads and updates it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelforge-envfile-'));
    const example = join(dir, '.env.example');
    const env = join(dir, '.env');
    writeFileSync(example, 'PORT=3000\nDATABASE_URL=postgres://postgres@127.0.0.1:5432/reelforge\n');
    expect(ensureEnvFile(env, example)).toBe(true);
    expect(ensureEnvFile(env, example)).toBe(false);
    expect(writeEnvValue(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:54321/reelforge', NOTE)).toBe(true);
    expect(writeEnvValue(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:54321/reelforge', NOTE)).toBe(false);
    expect(readEnvFile(env)).toEqual({ PORT: '3000', DATABASE_URL: 'postgres://postgres@127.0.0.1:54321/reelforge' });
    expect(readFileSync(example, 'utf8')).toContain(':5432/');
  });
});
