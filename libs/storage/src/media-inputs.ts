import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ObjectStorage } from './object-storage.js';

/** Keeps the extension (ffmpeg and the demuxer allow-lists look at it) and nothing else of the key. */
function localName(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension =
    dot > 0
      ? name
          .slice(dot + 1)
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(0, 8)
      : '';
  return extension ? `${randomUUID()}.${extension}` : randomUUID();
}

/**
 * The one place that turns a stored object (an asset's original or a variant, by storage key) into a
 * file ffmpeg can open. On the local driver that is the stored file itself, read in place; on S3 it is
 * downloaded into the job's scratch directory and goes away with it.
 */
export class MediaInputs {
  /** Downloads already made or in flight, per job directory and key, so a job fetches each input once. */
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly storage: ObjectStorage,
    /** For small, immutable, often-reused objects (fonts, captions): `MEDIA_ROOT/cache`. */
    private readonly cacheDir: string,
  ) {}

  /**
   * A local path holding the object. `workDir` is the job's scratch directory; a download lands in
   * `<workDir>/inputs/` and is the caller's to remove with the directory.
   */
  async localFile(key: string, workDir: string): Promise<string> {
    const inPlace = this.storage.localPathOf(key);
    if (inPlace !== null) return inPlace;
    const memo = `${resolve(workDir)}\0${key}`;
    let pending = this.inFlight.get(memo);
    if (!pending) {
      pending = this.downloadInto(key, join(workDir, 'inputs'));
      this.inFlight.set(memo, pending);
      // The memo only saves repeats within one job; forget it once settled so the map stays small.
      pending.then(
        () => setTimeout(() => this.inFlight.delete(memo), 60_000).unref(),
        () => this.inFlight.delete(memo),
      );
    }
    return pending;
  }

  /**
   * A local path that stays for the life of the process, for objects that are read again and again
   * (fonts registered with the canvas, caption files). Storage keys hold fresh UUIDs and objects are
   * never overwritten, so a cached copy can never be stale.
   */
  async cachedFile(key: string): Promise<string> {
    const inPlace = this.storage.localPathOf(key);
    if (inPlace !== null) return inPlace;
    const path = join(this.cacheDir, ...key.split('/').filter((part) => part !== '..' && part !== '.'));
    if (
      await stat(path).then(
        (info) => info.isFile(),
        () => false,
      )
    ) {
      return path;
    }
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomUUID()}.part`;
    try {
      await this.storage.download(key, partial);
      await rename(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
    return path;
  }

  private async downloadInto(key: string, dir: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, localName(key));
    try {
      await this.storage.download(key, path);
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return path;
  }
}
