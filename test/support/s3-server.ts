import { type S3StorageConfig } from '@reelforge/config';
import { utimesSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  config: S3StorageConfig;
  /** Where s3rver keeps the bucket's files. */
  directory: string;
  /** Backdates an object's Last-Modified (s3rver reports its backing file's mtime). */
  age(key: string, ageMs: number): void;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver: the S3 REST protocol on local files) on an ephemeral port, with
 * one bucket. It checks presigned URLs' expiry but not SigV4 signatures, so tampering is tested on the
 * API's own links only.
 */
export async function startS3Server(keyPrefix = ''): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'reelforge-s3-'));
  const bucket = 'reelforge-test';
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    config: {
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      publicEndpoint: null,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      keyPrefix,
    },
    directory,
    age(key, ageMs) {
      const at = new Date(Date.now() - ageMs);
      utimesSync(join(directory, bucket, `${keyPrefix}${key}._S3rver_object`), at, at);
    },
    async stop() {
      // SDK clients keep sockets alive; close them, or close() waits for them.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
