import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Files under MEDIA_ROOT, addressed by storage keys such as `assets/<tenant>/<id>/original.mp4`.
 * Users never see keys or paths. Everything is written under `tmp/` first and renamed into
 * place, which is atomic because both live on the same filesystem: a reader sees the whole
 * file or none of it.
 */
export class LocalStorage {
  readonly root: string;

  constructor(mediaRoot: string) {
    this.root = resolve(mediaRoot);
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, 'tmp'), { recursive: true });
  }

  /** Absolute path of a key; refuses keys that would leave the root. */
  pathOf(key: string): string {
    const path = resolve(this.root, key);
    const rel = relative(this.root, path);
    if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`) || key.includes('\0')) {
      throw new Error(`Storage key escapes the media root: ${key}`);
    }
    return path;
  }

  /** A fresh temp path with the given extension (ffmpeg picks the muxer from it). */
  tempPath(extension: string): string {
    return join(this.root, 'tmp', `${randomUUID()}.part.${extension}`);
  }

  createTempWriteStream(path: string): WriteStream {
    return createWriteStream(path, { flags: 'wx' });
  }

  /** Moves a finished temp file to its key. */
  async commit(tempPath: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(tempPath, target);
  }

  /** Removes a file, or a whole directory (an HLS package). */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true, recursive: true });
  }

  async removeTemp(path: string): Promise<void> {
    await rm(path, { force: true, recursive: true });
  }

  /** A fresh temp directory for outputs made of several files. */
  async tempDir(): Promise<string> {
    const path = join(this.root, 'tmp', `${randomUUID()}.part`);
    await mkdir(path);
    return path;
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  openRead(key: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.pathOf(key), range);
  }
}
