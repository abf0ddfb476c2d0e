import { createWriteStream } from 'node:fs';
import { cp, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ByteRange,
  ObjectNotFoundError,
  ObjectStorage,
  type PresignOptions,
  type StoredObjectInfo,
} from './object-storage.js';

/** Directory under the root for writes in progress; never a key's first segment. */
export const TEMP_DIR_NAME = 'tmp';

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

/**
 * Objects as files under MEDIA_ROOT. Everything is written under `tmp/` first and renamed into place,
 * which is atomic because both live on the same filesystem: a reader sees the whole file or none of it.
 */
export class LocalObjectStorage extends ObjectStorage {
  readonly driver = 'local' as const;
  readonly root: string;

  constructor(mediaRoot: string) {
    super();
    this.root = resolve(mediaRoot);
  }

  /** Absolute path of a key; refuses keys that would leave the root or reach into tmp/. */
  pathOf(key: string): string {
    const path = resolve(this.root, key);
    const rel = relative(this.root, path);
    if (
      rel === '' ||
      rel.startsWith('..') ||
      rel.includes(`..${sep}`) ||
      key.includes('\0') ||
      rel.split(sep)[0] === TEMP_DIR_NAME
    ) {
      throw new Error(`Storage key escapes the media root: ${key}`);
    }
    return path;
  }

  localPathOf(key: string): string {
    return this.pathOf(key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    const temp = this.tempPath();
    try {
      await pipeline(body, createWriteStream(temp, { flags: 'wx' }));
      await mkdir(dirname(target), { recursive: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(localPath, target);
    } catch (error) {
      if (!isErrno(error, 'EXDEV')) throw error;
      // A scratch file on another filesystem: copy beside the target first, so the rename stays atomic.
      const temp = this.tempPath();
      try {
        await cp(localPath, temp, { recursive: true, errorOnExist: true, force: false });
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true, recursive: true });
      }
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      const handle = await open(path, 'r');
      if ((await handle.stat()).isDirectory()) {
        await handle.close();
        throw new ObjectNotFoundError(key);
      }
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { key, sizeBytes: info.size, modifiedAt: info.mtime } : null;
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true, recursive: true });
  }

  async *list(prefix: string): AsyncIterable<StoredObjectInfo> {
    const slash = prefix.lastIndexOf('/');
    const startDir = slash < 0 ? this.root : join(this.root, prefix.slice(0, slash));
    if (slash >= 0) this.pathOf(prefix.slice(0, slash));
    yield* this.walk(startDir, prefix);
  }

  private async *walk(dir: string, prefix: string): AsyncIterable<StoredObjectInfo> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const key = relative(this.root, path).split(sep).join('/');
      if (key === TEMP_DIR_NAME) continue;
      if (entry.isDirectory()) {
        // Only descend where keys can still match the prefix.
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(path, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await stat(path).catch(() => null);
        if (info) yield { key, sizeBytes: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async presign(_key: string, _options: PresignOptions): Promise<string | null> {
    return null;
  }

  async download(key: string, localPath: string): Promise<void> {
    await pipeline(await this.get(key), createWriteStream(localPath, { flags: 'wx' }));
  }

  async check(): Promise<void> {
    await mkdir(join(this.root, TEMP_DIR_NAME), { recursive: true });
  }

  private tempPath(): string {
    return join(this.root, TEMP_DIR_NAME, `${randomUUID()}.part`);
  }
}
