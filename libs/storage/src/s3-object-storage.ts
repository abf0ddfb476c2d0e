import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type S3StorageConfig } from '@reelforge/config';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentTypeOf } from './content-types.js';
import {
  type ByteRange,
  ObjectNotFoundError,
  ObjectStorage,
  type PresignOptions,
  type PutOptions,
  StorageUnavailableError,
  type StoredObjectInfo,
} from './object-storage.js';

/**
 * Multipart part size. Memory per upload is at most PART_SIZE x UPLOAD_QUEUE_SIZE whatever the file
 * size, and 10,000 parts (S3's limit) of 16 MiB allow 156 GiB objects.
 */
const PART_SIZE_BYTES = 16 * 1024 * 1024;
const UPLOAD_QUEUE_SIZE = 2;
/** Files of a directory (HLS segments) uploaded at once. */
const DIRECTORY_UPLOAD_CONCURRENCY = 4;
/** DeleteObjects takes at most this many keys. */
const DELETE_BATCH = 1000;

function clientConfig(config: S3StorageConfig, endpoint: string | null): S3ClientConfig {
  return {
    region: config.region,
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // Checksums only where S3 requires them: the SDK's default (CRC32 trailers on every upload, with
    // aws-chunked encoding) is refused by many S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...). Uploads are multipart and
 * streamed, so a file never sits whole in memory; an object appears only once its upload completes.
 */
export class S3ObjectStorage extends ObjectStorage {
  readonly driver = 's3' as const;
  readonly client: S3Client;
  /** Signs URLs for clients, with the endpoint they can reach. */
  private readonly signer: S3Client;

  constructor(private readonly config: S3StorageConfig) {
    super();
    this.client = new S3Client(clientConfig(config, config.endpoint));
    this.signer = config.publicEndpoint ? new S3Client(clientConfig(config, config.publicEndpoint)) : this.client;
  }

  private objectKey(key: string): string {
    if (!key || key.includes('\0') || key.split('/').some((part) => part === '..' || part === '.')) {
      throw new Error(`Invalid storage key: ${key}`);
    }
    return `${this.config.keyPrefix}${key}`;
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.config.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: options.contentType ?? contentTypeOf(key),
      },
      partSize: PART_SIZE_BYTES,
      queueSize: UPLOAD_QUEUE_SIZE,
      // A failed upload aborts its multipart upload: no invisible parts left to pay for.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw this.wrap(error, `upload ${key}`);
    } finally {
      // An upload that failed may not have read its source to the end; release the file.
      body.destroy();
    }
  }

  async putFile(key: string, localPath: string, options: PutOptions = {}): Promise<void> {
    const info = await stat(localPath);
    if (!info.isDirectory()) {
      await this.put(key, createReadStream(localPath), options);
      return;
    }
    const files = await filesUnder(localPath);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++];
        const relativeKey = relative(localPath, file).split(sep).join('/');
        await this.put(`${key}/${relativeKey}`, createReadStream(file));
      }
    };
    await Promise.all(Array.from({ length: Math.min(DIRECTORY_UPLOAD_CONCURRENCY, files.length) }, worker));
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const output = await this.client.send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(output.Body instanceof Readable)) throw new Error('The S3 client returned no Node stream');
      return output.Body;
    } catch (error) {
      if (statusOf(error) === 404 || (error as Error).name === 'NoSuchKey') throw new ObjectNotFoundError(key);
      throw this.wrap(error, `read ${key}`);
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const output = await this.client.send(
        new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }),
      );
      return { key, sizeBytes: output.ContentLength ?? 0, modifiedAt: output.LastModified ?? new Date(0) };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw this.wrap(error, `head ${key}`);
    }
  }

  async delete(key: string): Promise<void> {
    const keys = [key];
    for await (const object of this.list(`${key}/`)) keys.push(object.key);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      try {
        const output = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.config.bucket,
            Delete: { Objects: batch.map((k) => ({ Key: this.objectKey(k) })), Quiet: true },
          }),
        );
        const failed = (output.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failed.length > 0) {
          throw new StorageUnavailableError(
            `Could not delete ${failed.length} object(s) under ${key}: ${failed[0].Code} ${failed[0].Message}`,
          );
        }
      } catch (error) {
        throw this.wrap(error, `delete ${key}`);
      }
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObjectInfo> {
    let token: string | undefined;
    const strip = this.config.keyPrefix.length;
    do {
      let output;
      try {
        output = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: `${this.config.keyPrefix}${prefix}`,
            ContinuationToken: token,
          }),
        );
      } catch (error) {
        throw this.wrap(error, `list ${prefix}`);
      }
      for (const object of output.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          key: object.Key.slice(strip),
          sizeBytes: object.Size ?? 0,
          modifiedAt: object.LastModified ?? new Date(0),
        };
      }
      token = output.IsTruncated ? output.NextContinuationToken : undefined;
    } while (token);
  }

  async presign(key: string, options: PresignOptions): Promise<string> {
    const disposition = options.fileName
      ? `inline; filename="${options.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; ` +
        `filename*=UTF-8''${encodeURIComponent(options.fileName)}`
      : undefined;
    return getSignedUrl(
      this.signer,
      new GetObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectKey(key),
        ...(options.contentType ? { ResponseContentType: options.contentType } : {}),
        ...(disposition ? { ResponseContentDisposition: disposition } : {}),
      }),
      { expiresIn: options.expiresInSec },
    );
  }

  localPathOf(): null {
    return null;
  }

  async download(key: string, localPath: string): Promise<void> {
    await pipeline(await this.get(key), createWriteStream(localPath, { flags: 'wx' }));
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (error) {
      throw this.wrap(error, `reach bucket ${this.config.bucket}`);
    }
  }

  /** Server faults and network failures become StorageUnavailableError; client errors stay as they are. */
  private wrap(error: unknown, what: string): unknown {
    if (error instanceof ObjectNotFoundError || error instanceof StorageUnavailableError) return error;
    const status = statusOf(error);
    if (status !== undefined && status < 500 && status !== 403 && error instanceof S3ServiceException) {
      return error;
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new StorageUnavailableError(`Object storage could not ${what} (${status ?? 'no answer'}; ${reason})`, {
      cause: error,
    });
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}
