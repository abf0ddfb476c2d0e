import type { BeatAnalysis } from '@reelforge/analysis';
import type { MediaSource } from '@reelforge/compose';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A clip under `assets/styles/`, addressed by `name` (its file name without `.mp4`). */
export interface StyleClip {
  name: string;
  /** Library reference, e.g. `styles/aurora.mp4`. */
  ref: string;
  durationSec: number;
}

/** Per clip name: parts of the clip a window must not use, as `[startSec, endSec]` in the clip's time. */
export type StyleSkips = Record<string, Array<[number, number]>>;

/**
 * What a template needs from outside to expand. The worker implements it against real media; the API
 * (dry runs, validation) may answer `null` where it cannot know without decoding, and templates then
 * fall back and say so in a warning.
 */
export interface TemplateContext {
  /** Tempo and beats of the audio, or null when not known (dry run without a cached analysis). */
  analyseAudio(source: MediaSource): Promise<BeatAnalysis | null>;
  /** Duration of audio or video media, or null when not known. */
  mediaDurationSec(source: MediaSource): Promise<number | null>;
  styleClips(): Promise<StyleClip[]>;
  styleSkips(): Promise<StyleSkips>;
  /** Seed for templates that choose at random when the caller gave none; defaults to a CSPRNG. */
  randomSeed?(): number;
}

const skipZoneSchema = z
  .tuple([z.number().finite().min(0), z.number().finite().min(0)])
  .refine(([startSec, endSec]) => endSec > startSec, { message: 'end must be after start' });

/** `{"aurora": [[0, 3.2]], ...}`; keys may also be file names (`aurora.mp4`). */
export const styleSkipsSchema = z.record(z.string().min(1).max(121), z.array(skipZoneSchema).max(100));

const STYLE_FILE = /^([A-Za-z0-9][A-Za-z0-9._-]{0,116})\.mp4$/;

/** `aurora.mp4` and `aurora` name the same clip. */
export function styleClipName(nameOrFile: string): string {
  return nameOrFile.endsWith('.mp4') ? nameOrFile.slice(0, -'.mp4'.length) : nameOrFile;
}

/**
 * Parses `style_skips.json` text. A broken file is a deployment mistake, not a caller's: it throws a plain
 * Error (a 500 with an id), never an InvalidInputError.
 */
export function parseStyleSkips(text: string, origin = 'styles/style_skips.json'): StyleSkips {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${origin} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = styleSkipsSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${origin} is invalid: ${problems.join('; ')}`);
  }
  const skips: StyleSkips = {};
  for (const [key, zones] of Object.entries(result.data)) {
    skips[styleClipName(key)] = [...(skips[styleClipName(key)] ?? []), ...zones];
  }
  return skips;
}

/** The library half of a TemplateContext: style clips and their skip zones. */
export type StyleLibrary = Pick<TemplateContext, 'styleClips' | 'styleSkips'>;

/**
 * Reads `<assetsDir>/styles/*.mp4` (durations from `probeDurationSec`, given an absolute path) and
 * `styles/style_skips.json` once, on first use; the library is read-only while the process runs.
 * Clips whose duration cannot be probed are left out rather than offered and failing later.
 */
export function styleLibraryFromDirectory(
  assetsDir: string,
  probeDurationSec: (path: string) => Promise<number | null>,
): StyleLibrary {
  const directory = join(assetsDir, 'styles');
  let clips: Promise<StyleClip[]> | undefined;
  let skips: Promise<StyleSkips> | undefined;
  const loadClips = async (): Promise<StyleClip[]> => {
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => STYLE_FILE.test(file));
    const found: StyleClip[] = [];
    for (const file of files.sort()) {
      const durationSec = await probeDurationSec(join(directory, file));
      if (durationSec !== null && durationSec > 0) {
        found.push({ name: styleClipName(file), ref: `styles/${file}`, durationSec });
      }
    }
    return found;
  };
  const loadSkips = async (): Promise<StyleSkips> => {
    const path = join(directory, 'style_skips.json');
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '{}';
      throw error;
    });
    return parseStyleSkips(text, path);
  };
  return {
    styleClips: () => (clips ??= loadClips()),
    styleSkips: () => (skips ??= loadSkips()),
  };
}

export interface LibraryTemplateContextOptions {
  /** The bundled library (a LibraryCatalog or anything with its root directory). */
  library: { readonly root: string };
  /** Probes a library file by absolute path; only `durationSec` is used. */
  probe(path: string): Promise<{ durationSec: number | null }>;
  analyseAudio: TemplateContext['analyseAudio'];
  mediaDurationSec: TemplateContext['mediaDurationSec'];
  randomSeed?: TemplateContext['randomSeed'];
}

/**
 * A TemplateContext whose style clips come from the library directory and whose audio facts come from the
 * caller (the API answers from cached analyses, the worker decodes). A style clip that fails to probe is
 * left out of the list rather than failing every style-clip job.
 */
export function libraryTemplateContext(options: LibraryTemplateContextOptions): TemplateContext {
  const styles = styleLibraryFromDirectory(options.library.root, async (path) => {
    try {
      return (await options.probe(path)).durationSec;
    } catch {
      return null;
    }
  });
  return {
    analyseAudio: options.analyseAudio,
    mediaDurationSec: options.mediaDurationSec,
    styleClips: styles.styleClips,
    styleSkips: styles.styleSkips,
    ...(options.randomSeed ? { randomSeed: options.randomSeed } : {}),
  };
}
