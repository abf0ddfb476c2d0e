import { type Readable } from 'node:stream';

/** Inclusive byte offsets, as in HTTP Range. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObjectInfo {
  key: string;
  sizeBytes: number;
  modifiedAt: Date;
}

export interface PutOptions {
  /** Stored with the object, so presigned URLs answer with it. Default: from the key's extension. */
  contentType?: string;
}

export interface PresignOptions {
  expiresInSec: number;
  contentType?: string;
  /** Offered as the download name (Content-Disposition: inline). */
  fileName?: string;
}

/** The key has no object (never written, or deleted). */
export class ObjectNotFoundError extends Error {
  readonly code = 'ENOENT';
  constructor(readonly key: string) {
    super(`No stored object ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

/**
 * The object store refused or could not be reached. `code` is an errno the worker already counts as a
 * storage failure (circuit breaker, retry), and keeps it from looking like a lost database connection.
 */
export class StorageUnavailableError extends Error {
  readonly code = 'EIO';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * Where media live, addressed by storage keys (`assets/<tenant>/<asset>/original.mp4`,
 * `variants/<tenant>/<variant>.mp4`, `variants/<tenant>/<package>/master.m3u8`). Users never see keys.
 *
 * Every driver keeps the same guarantees: a write becomes visible whole or not at all (temp file and
 * rename on disk; a completed single or multipart upload on S3), and `delete` of a key removes the
 * object and everything under `<key>/`, so an HLS package goes as one unit.
 */
export abstract class ObjectStorage {
  abstract readonly driver: 'local' | 's3';

  /** Streams `body` to `key`; memory stays bounded whatever the size. */
  abstract put(key: string, body: Readable, options?: PutOptions): Promise<void>;

  /**
   * Stores a finished local file, or a directory as `<key>/<relative path>` for each file in it.
   * The local copy may be consumed (renamed on the local driver); the caller removes what is left.
   */
  abstract putFile(key: string, localPath: string, options?: PutOptions): Promise<void>;

  /** The bytes (a range of them when given). Rejects with ObjectNotFoundError for a missing key. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;

  /** Null when there is no object at `key`. */
  abstract head(key: string): Promise<StoredObjectInfo | null>;

  /** Removes `key` and everything under `<key>/`; a missing key is not an error. */
  abstract delete(key: string): Promise<void>;

  /** Every object whose key starts with `prefix`, in no particular order. */
  abstract list(prefix: string): AsyncIterable<StoredObjectInfo>;

  /**
   * A URL that serves the object without credentials until it expires, or null when the driver has no
   * URLs of its own (local disk: the API serves its own HMAC-signed links instead).
   */
  abstract presign(key: string, options: PresignOptions): Promise<string | null>;

  /** The file itself when the object already lives on this machine's disk (local driver), else null. */
  abstract localPathOf(key: string): string | null;

  /** Copies the object to a new local file (which must not exist yet). */
  abstract download(key: string, localPath: string): Promise<void>;

  /** Throws when the store cannot be used (readiness checks). */
  abstract check(): Promise<void>;
}
