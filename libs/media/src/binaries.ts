import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

export interface MediaBinaries {
  ffmpegPath: string;
  ffprobePath: string;
  ffmpegSource: 'env' | 'ffmpeg-static' | 'path';
  ffprobeSource: 'env' | 'sibling' | 'path' | 'ffprobe-static';
  /** Things an operator should see at boot, e.g. an old ffprobe in use. */
  warnings: string[];
}

export interface ResolveMediaBinariesOptions {
  /** FFMPEG_PATH, already read by the config layer. */
  ffmpegPath?: string;
  /** FFPROBE_PATH, already read by the config layer. */
  ffprobePath?: string;
}

/** The outside world `resolveMediaBinaries` looks at; injectable so tests need no real binaries. */
export interface BinaryLookupDeps {
  /** The OS search path, `delimiter`-separated. */
  pathEnv: string | undefined;
  isExecutableFile(path: string): boolean;
  /** The path ffmpeg-static exports, or null when the optional package is not installed. */
  loadFfmpegStaticPath(): string | null;
  loadFfprobeStaticPath(): string | null;
}

export const FFPROBE_STATIC_WARNING =
  'Using the ffprobe-static binary (ffprobe 4.0.2 from 2018): it is too old to trust with hostile input. ' +
  'Set FFPROBE_PATH to the ffprobe of the ffmpeg build in use.';

const require = createRequire(import.meta.url);

function loadPackagePath(name: string): string | null {
  try {
    const exported: unknown = require(name);
    if (typeof exported === 'string') return exported;
    if (typeof exported === 'object' && exported !== null && 'path' in exported && typeof exported.path === 'string') {
      return exported.path;
    }
    return null;
  } catch {
    // ffmpeg-static is an optionalDependency whose install downloads a binary, so offline installs lack it.
    return null;
  }
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const defaultBinaryLookupDeps: BinaryLookupDeps = {
  // PATH is the OS's program search path, not application configuration, so it is read here directly.
  // eslint-disable-next-line no-restricted-properties
  pathEnv: process.env.PATH,
  isExecutableFile,
  loadFfmpegStaticPath: () => loadPackagePath('ffmpeg-static'),
  loadFfprobeStaticPath: () => loadPackagePath('ffprobe-static'),
};

function findOnPath(name: string, deps: BinaryLookupDeps): string | null {
  for (const dir of (deps.pathEnv ?? '').split(delimiter)) {
    // An empty PATH entry means the working directory; never run a binary from wherever we happen to be.
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (deps.isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Picks the ffmpeg and ffprobe to run (DESIGN.md "Running it"). ffprobe prefers the same build as
 * ffmpeg, so both parse media identically and share security fixes.
 */
export function resolveMediaBinaries(
  opts: ResolveMediaBinariesOptions,
  deps: BinaryLookupDeps = defaultBinaryLookupDeps,
): MediaBinaries {
  const warnings: string[] = [];
  let ffmpegPath: string;
  let ffmpegSource: MediaBinaries['ffmpegSource'];
  const staticFfmpeg = deps.loadFfmpegStaticPath();
  const pathFfmpeg = (): string | null => findOnPath('ffmpeg', deps);
  if (opts.ffmpegPath) {
    ffmpegPath = opts.ffmpegPath;
    ffmpegSource = 'env';
  } else if (staticFfmpeg !== null && deps.isExecutableFile(staticFfmpeg)) {
    ffmpegPath = staticFfmpeg;
    ffmpegSource = 'ffmpeg-static';
  } else {
    const found = pathFfmpeg();
    if (found === null) {
      throw new Error(
        'No ffmpeg found: set FFMPEG_PATH, install the optional ffmpeg-static package, or put ffmpeg on PATH',
      );
    }
    ffmpegPath = found;
    ffmpegSource = 'path';
  }

  let ffprobePath: string;
  let ffprobeSource: MediaBinaries['ffprobeSource'];
  const sibling = isAbsolute(ffmpegPath) ? join(dirname(ffmpegPath), 'ffprobe') : null;
  const onPath = ffmpegSource === 'path' ? findOnPath('ffprobe', deps) : null;
  if (opts.ffprobePath) {
    ffprobePath = opts.ffprobePath;
    ffprobeSource = 'env';
  } else if (sibling !== null && deps.isExecutableFile(sibling)) {
    ffprobePath = sibling;
    ffprobeSource = 'sibling';
  } else if (onPath !== null) {
    ffprobePath = onPath;
    ffprobeSource = 'path';
  } else {
    const staticFfprobe = deps.loadFfprobeStaticPath();
    if (staticFfprobe === null || !deps.isExecutableFile(staticFfprobe)) {
      throw new Error('No ffprobe found: set FFPROBE_PATH or install ffprobe next to ffmpeg');
    }
    ffprobePath = staticFfprobe;
    ffprobeSource = 'ffprobe-static';
    warnings.push(FFPROBE_STATIC_WARNING);
  }
  return { ffmpegPath, ffprobePath, ffmpegSource, ffprobeSource, warnings };
}

const VERSION_TIMEOUT_MS = 5_000;

/** The first line of `<binary> -version`, e.g. `ffmpeg version 5.1.6-0+deb12u1 Copyright ...`. */
export function readBinaryVersion(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, ['-version'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: VERSION_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < 64 * 1024) stdout += chunk;
    });
    child.on('error', (error) => reject(new Error(`Cannot run ${path} -version: ${error.message}`)));
    child.on('close', (exitCode, signal) => {
      const firstLine = stdout.split('\n', 1)[0]?.trim() ?? '';
      if (exitCode === 0 && firstLine !== '') resolve(firstLine);
      else reject(new Error(`${path} -version failed (exit ${exitCode ?? 'none'}, signal ${signal ?? 'none'})`));
    });
  });
}
