import { InvalidMediaError } from '@reelforge/contracts';
import { spawn } from 'node:child_process';
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseFontNames, parseGlyphCount, readSfntTables, sniffFontContainer } from './sfnt.js';

export const MAX_FONT_FILE_BYTES = 30 * 1024 * 1024;
export const FONT_VALIDATION_TIMEOUT_MS = 5_000;

export interface ValidatedFont {
  family: string;
  style: string;
  glyphCount?: number;
}

/**
 * Runs in a separate Node process: registers the font with Skia and shapes a few characters with it.
 * A font that crashes FreeType/HarfBuzz kills only this child. Plain CommonJS so it runs the same from
 * the TypeScript sources (tests) and from dist.
 */
const PROBE_SCRIPT = `
const [canvasPath, fontPath] = process.argv.slice(1);
const { GlobalFonts, createCanvas } = require(canvasPath);
const key = GlobalFonts.registerFromPath(fontPath, 'rf-font-probe');
if (key === null) { process.stdout.write(JSON.stringify({ ok: false })); process.exit(0); }
const ctx = createCanvas(64, 64).getContext('2d');
ctx.font = '16px "rf-font-probe"';
ctx.fillText('Hamburgefonts 0123', 0, 32);
process.stdout.write(JSON.stringify({ ok: true, widthPx: ctx.measureText('Hamburgefonts').width }));
`;

const canvasEntry = createRequire(import.meta.url).resolve('@napi-rs/canvas');

/**
 * Checks an uploaded font before anything in the API or worker process parses it natively. Throws
 * InvalidMediaError for anything that is not a single TTF/OTF/WOFF/WOFF2 font Skia can load.
 */
export async function validateFontFile(path: string): Promise<ValidatedFont> {
  const { size } = await stat(path);
  if (size > MAX_FONT_FILE_BYTES) {
    throw new InvalidMediaError(`The font file is ${size} bytes; the limit is ${MAX_FONT_FILE_BYTES}`);
  }
  const head = Buffer.alloc(4);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (sniffFontContainer(head) === undefined) {
    throw new InvalidMediaError('The file is not a TTF, OTF, WOFF or WOFF2 font (font collections are not accepted)');
  }

  const probe = await runProbe(path);
  if (!probe.ok) throw new InvalidMediaError('The font could not be loaded: it is damaged or not a supported font');

  // Our own JS parser only throws on hostile input, so reading names here is safe in-process.
  try {
    const tables = readSfntTables(await readFile(path), ['name', 'maxp', 'cmap']);
    const names = tables.has('name') ? parseFontNames(tables.get('name')!) : {};
    if (!names.family?.trim()) throw new RangeError('no family name');
    if (!tables.has('cmap')) throw new RangeError('no cmap table');
    const maxp = tables.get('maxp');
    return {
      family: names.family.trim(),
      style: names.style?.trim() || 'Regular',
      ...(maxp ? { glyphCount: parseGlyphCount(maxp) } : {}),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidMediaError(`The font's tables could not be read: ${reason}`);
  }
}

interface ProbeResult {
  ok: boolean;
}

function runProbe(path: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE_SCRIPT, canvasEntry, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // No inherited NODE_OPTIONS (--require hooks, inspector) in a process that handles untrusted input.
      env: {},
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < 4096) stdout += chunk;
    });
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), FONT_VALIDATION_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') {
        reject(new InvalidMediaError(`Loading the font took longer than ${FONT_VALIDATION_TIMEOUT_MS} ms`));
        return;
      }
      if (code !== 0) {
        reject(new InvalidMediaError(`The font crashed the font loader (exit ${code ?? signal})`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as ProbeResult);
      } catch {
        reject(new InvalidMediaError('The font loader gave no answer'));
      }
    });
  });
}
