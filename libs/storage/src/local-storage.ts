import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Below this much free space right after a write, the write is assumed to have hit ENOSPC. Needed
 * because ffmpeg 5.1 can exit 0 after ENOSPC on an MP4 output, leaving a truncated file (checked on
 * a full tmpfs in test/faults/disk-full.fault-spec.ts).
 */
export const NEARLY_FULL_BYTES = 256 * 1024;

/** The media root is full. `code` mirrors the errno, so callers classify it like a failed write. */
export class StorageFullError extends Error {
  readonly code = 'ENOSPC';
  constructor(readonly freeBytes: number) {
    super(`The media storage is full (${freeBytes} bytes free)`);
    this.name = 'StorageFullError';
  }
}

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

  /**
   * A fresh temp path with the given extension (ffmpeg picks the muxer from it). `owner` (a job id)
   * prefixes the name, so the job's next attempt can remove what a killed attempt left behind.
   */
  tempPath(extension: string, owner?: string): string {
    return join(this.root, 'tmp', `${tempName(owner)}.part.${extension}`);
  }

  /** Removes every temp entry of `owner`: the partial outputs of its earlier, lost attempts. */
  async removeTempsOf(owner: string): Promise<string[]> {
    const prefix = `${checkedOwner(owner)}.`;
    const dir = join(this.root, 'tmp');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
    await Promise.all(names.map((name) => rm(join(dir, name), { force: true, recursive: true })));
    return names;
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
  async tempDir(owner?: string): Promise<string> {
    const path = join(this.root, 'tmp', `${tempName(owner)}.part`);
    await mkdir(path);
    return path;
  }

  /**
   * Call after a tool wrote temp output: throws StorageFullError when the disk is (nearly) full,
   * because then the output is probably truncated even if the tool reported success.
   */
  async assertSpaceLeft(): Promise<void> {
    const stats = await statfs(join(this.root, 'tmp'));
    const freeBytes = stats.bavail * stats.bsize;
    if (freeBytes < NEARLY_FULL_BYTES) throw new StorageFullError(freeBytes);
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

/** Owners are ids we generated; anything that could reach outside tmp/ is a bug, not a name. */
function checkedOwner(owner: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(owner)) throw new Error(`Invalid temp owner: ${owner}`);
  return owner;
}

function tempName(owner?: string): string {
  return owner === undefined ? randomUUID() : `${checkedOwner(owner)}.${randomUUID()}`;
}
