import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Creates `.env` from `.env.example` on first use, so a fresh clone runs with the documented defaults. */
export function ensureEnvFile(envPath: string, examplePath: string): boolean {
  if (existsSync(envPath)) return false;
  copyFileSync(examplePath, envPath);
  return true;
}

export function readEnvFile(envPath: string): Record<string, string> {
  if (!existsSync(envPath)) return {};
  const parsed = parseEnv(readFileSync(envPath, 'utf8'));
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * Sets `key=value` in dotenv text, keeping every other line and comment: the first assignment of
 * `key` is replaced (later duplicates would win when parsed, so they are removed), else the line is
 * appended. `note` goes on a comment line above it, once.
 */
export function setEnvValue(text: string, key: string, value: string, note: string): string {
  const assignment = new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=`);
  const noteLine = `# ${note}`;
  const lines = text.split('\n');
  const out: string[] = [];
  let written = false;
  for (const line of lines) {
    if (line === noteLine) continue;
    if (!assignment.test(line)) {
      out.push(line);
      continue;
    }
    if (written) continue;
    out.push(noteLine, `${key}=${value}`);
    written = true;
  }
  if (!written) {
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    out.push(noteLine, `${key}=${value}`, '');
  }
  return out.join('\n');
}

/** Returns whether the file changed. */
export function writeEnvValue(envPath: string, key: string, value: string, note: string): boolean {
  const text = existsSync(envPath) ? readFileSync(envPath, 'utf8') : '';
  const updated = setEnvValue(text, key, value, note);
  if (updated === text) return false;
  writeFileSync(envPath, updated);
  return true;
}
