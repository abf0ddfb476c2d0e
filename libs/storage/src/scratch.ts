import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat, statfs } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { TEMP_DIR_NAME } from './local-object-storage.js';

/**
 * Below this much free space right after a write, the write is assumed to have hit ENOSPC. Needed
 * because ffmpeg 5.1 can exit 0 after ENOSPC on an MP4 output, leaving a truncated file (checked on
 * a full tmpfs in test/faults/disk-full.fault-spec.ts).
 */
export const NEARLY_FULL_BYTES = 256 * 1024;

/** The scratch disk is full. `code` mirrors the errno, so callers classify it like a failed write. */
export class StorageFullError extends Error {
  readonly code = 'ENOSPC';
  constructor(readonly freeBytes: number) {
    super(`The media storage is full (${freeBytes} bytes free)`);
    this.name = 'StorageFullError';
  }
}

/**
 * This machine's working space, `MEDIA_ROOT/tmp`, whatever the storage driver: uploads land here to
 * be probed, workers download inputs and render outputs here before storing them. On the local driver
 * it shares a filesystem with the stored files, so storing is a rename.
 */
export class Scratch {
  readonly dir: string;

  constructor(mediaRoot: string) {
    this.dir = join(resolve(mediaRoot), TEMP_DIR_NAME);
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /**
   * A fresh temp path with the given extension (ffmpeg picks the muxer from it). `owner` (a job id)
   * prefixes the name, so the job's next attempt can remove what a killed attempt left behind.
   */
  tempPath(extension: string, owner?: string): string {
    return join(this.dir, `${tempName(owner)}.part.${extension}`);
  }

  /** A fresh temp directory for a job's inputs and outputs. */
  async tempDir(owner?: string): Promise<string> {
    const path = join(this.dir, `${tempName(owner)}.part`);
    await mkdir(path);
    return path;
  }

  createTempWriteStream(path: string): WriteStream {
    return createWriteStream(path, { flags: 'wx' });
  }

  async removeTemp(path: string): Promise<void> {
    await rm(path, { force: true, recursive: true });
  }

  /** Removes every temp entry of `owner`: the partial outputs of its earlier, lost attempts. */
  async removeTempsOf(owner: string): Promise<string[]> {
    const prefix = `${checkedOwner(owner)}.`;
    const names = (await this.entries()).filter((name) => name.startsWith(prefix));
    await Promise.all(names.map((name) => rm(join(this.dir, name), { force: true, recursive: true })));
    return names;
  }

  /** Removes entries last modified before `cutoffMs` (epoch ms); returns their names. */
  async removeOlderThan(cutoffMs: number): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await this.entries()) {
      const path = join(this.dir, name);
      const modifiedMs = await stat(path).then(
        (info) => info.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      );
      if (modifiedMs < cutoffMs) {
        await rm(path, { recursive: true, force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  /**
   * Call after a tool wrote temp output: throws StorageFullError when the disk is (nearly) full,
   * because then the output is probably truncated even if the tool reported success.
   */
  async assertSpaceLeft(): Promise<void> {
    const stats = await statfs(this.dir);
    const freeBytes = stats.bavail * stats.bsize;
    if (freeBytes < NEARLY_FULL_BYTES) throw new StorageFullError(freeBytes);
  }

  private async entries(): Promise<string[]> {
    return readdir(this.dir).catch(() => [] as string[]);
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
