import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../test/support/s3-server.js';
import {
  LocalObjectStorage,
  MediaInputs,
  ObjectNotFoundError,
  type ObjectStorage,
  S3ObjectStorage,
  StorageUnavailableError,
} from '../src/index.js';

let s3: TestS3Server;

beforeAll(async () => {
  s3 = await startS3Server('deployment-a/');
});
afterAll(() => s3?.stop());

const drivers: Array<[string, (root: string) => ObjectStorage]> = [
  ['local', (root) => new LocalObjectStorage(root)],
  ['s3', () => new S3ObjectStorage(s3.config)],
];

async function keysUnder(storage: ObjectStorage, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list(prefix)) keys.push(object.key);
  return keys.sort();
}

/** A stream that yields `bytes` in 64 KiB chunks, then fails instead of ending. */
function failingAfter(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.destroy(new Error('client went away'));
        return;
      }
      sent += 65_536;
      this.push(Buffer.alloc(65_536, 1));
    },
  });
}

describe.each(drivers)('ObjectStorage (%s driver)', (driver, create) => {
  let root: string;
  let storage: ObjectStorage;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'reelforge-objects-'));
    storage = create(root);
    await storage.check();
  });

  it('stores a stream and reads it back whole and by range', async () => {
    const bytes = randomBytes(200_000);
    await storage.put('variants/t1/a.mp4', Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]));
    expect(await storage.head('variants/t1/a.mp4')).toMatchObject({ key: 'variants/t1/a.mp4', sizeBytes: 200_000 });
    const whole = Buffer.concat(await (await storage.get('variants/t1/a.mp4')).toArray());
    expect(whole).toEqual(bytes);
    const part = Buffer.concat(await (await storage.get('variants/t1/a.mp4', { start: 1000, end: 1999 })).toArray());
    expect(part).toEqual(bytes.subarray(1000, 2000));
  });

  it('knows a missing key: head is null, get rejects with ObjectNotFoundError, delete is quiet', async () => {
    expect(await storage.head('variants/t1/missing.mp4')).toBeNull();
    await expect(storage.get('variants/t1/missing.mp4')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.delete('variants/t1/missing.mp4')).resolves.toBeUndefined();
  });

  it('shows nothing of a write whose source failed half-way', async () => {
    await expect(storage.put('variants/t1/broken.mp4', failingAfter(6 * 1024 * 1024))).rejects.toThrow();
    expect(await storage.head('variants/t1/broken.mp4')).toBeNull();
    expect(await keysUnder(storage, 'variants/t1/broken')).toEqual([]);
  });

  it('stores a directory as one package, lists it by prefix and deletes it as a unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelforge-package-'));
    writeFileSync(join(dir, 'master.m3u8'), '#EXTM3U\n');
    writeFileSync(join(dir, '480p.m3u8'), '#EXTM3U\n');
    writeFileSync(join(dir, '480p_000.ts'), Buffer.alloc(1000, 0x47));
    await storage.putFile('variants/t2/pkg', dir);
    await storage.put('variants/t2/pkg-sibling.mp4', Readable.from([Buffer.from('keep')]));
    expect(await keysUnder(storage, 'variants/t2/pkg/')).toEqual([
      'variants/t2/pkg/480p.m3u8',
      'variants/t2/pkg/480p_000.ts',
      'variants/t2/pkg/master.m3u8',
    ]);
    expect(await keysUnder(storage, 'variants/t2/')).toHaveLength(4);

    await storage.delete('variants/t2/pkg');
    expect(await keysUnder(storage, 'variants/t2/')).toEqual(['variants/t2/pkg-sibling.mp4']);
  });

  it('stores a finished file and hands out a local path only when the object lives on this disk', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'reelforge-file-')), 'out.mp4');
    writeFileSync(file, 'rendered');
    await storage.putFile('assets/t3/x/original.mp4', file);
    const local = storage.localPathOf('assets/t3/x/original.mp4');
    if (driver === 'local') {
      expect(readFileSync(local!, 'utf8')).toBe('rendered');
      // Renamed into place: nothing to copy, nothing left behind.
      expect(existsSync(file)).toBe(false);
    } else {
      expect(local).toBeNull();
    }
    expect(await text(await storage.get('assets/t3/x/original.mp4'))).toBe('rendered');
  });

  it('materialises stored objects as local files for ffmpeg through MediaInputs', async () => {
    await storage.put('assets/t4/y/original.wav', Readable.from([Buffer.from('RIFF....WAVE')]));
    const inputs = new MediaInputs(storage, join(root, 'cache'));
    const workDir = mkdtempSync(join(tmpdir(), 'reelforge-job-'));
    const first = await inputs.localFile('assets/t4/y/original.wav', workDir);
    const again = await inputs.localFile('assets/t4/y/original.wav', workDir);
    expect(readFileSync(first, 'utf8')).toBe('RIFF....WAVE');
    expect(again).toBe(first);
    expect(first.endsWith('.wav')).toBe(true);
    if (driver === 's3') {
      expect(first.startsWith(join(workDir, 'inputs'))).toBe(true);
      expect(readdirSync(join(workDir, 'inputs'))).toHaveLength(1);
    } else {
      expect(first).toBe(storage.localPathOf('assets/t4/y/original.wav'));
    }
    const cached = await inputs.cachedFile('assets/t4/y/original.wav');
    expect(readFileSync(cached, 'utf8')).toBe('RIFF....WAVE');
    expect(await inputs.cachedFile('assets/t4/y/original.wav')).toBe(cached);
  });

  it('refuses keys that would leave the store', async () => {
    await expect(storage.put('../escape.mp4', Readable.from([Buffer.from('x')]))).rejects.toThrow();
    await expect(storage.head('variants/../../etc/passwd')).rejects.toThrow();
  });
});

describe(S3ObjectStorage.name, () => {
  it('streams a large upload as a multipart upload', async () => {
    const storage = new S3ObjectStorage(s3.config);
    const commands: string[] = [];
    storage.client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize' },
    );
    // 33 MiB from a generator: three 16 MiB parts, never one buffer of the whole file.
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 33; i++) yield Buffer.alloc(1024 * 1024, i);
    }
    await storage.put('variants/big/file.mp4', Readable.from(chunks()));
    expect(commands.filter((name) => name === 'UploadPartCommand')).toHaveLength(3);
    expect(commands).toContain('CompleteMultipartUploadCommand');
    const head = await storage.client.send(
      new HeadObjectCommand({ Bucket: s3.config.bucket, Key: 'deployment-a/variants/big/file.mp4' }),
    );
    expect(head.ContentLength).toBe(33 * 1024 * 1024);
    expect(head.ContentType).toBe('video/mp4');
    await storage.delete('variants/big/file.mp4');
  });

  it('keeps every key under S3_KEY_PREFIX and lists them without it', async () => {
    const storage = new S3ObjectStorage(s3.config);
    await storage.put('assets/p/q/original.png', Readable.from([Buffer.from('png')]));
    expect(existsSync(join(s3.directory, s3.config.bucket, 'deployment-a', 'assets'))).toBe(true);
    expect(await keysUnder(storage, 'assets/p/')).toEqual(['assets/p/q/original.png']);
  });

  it('presigns a URL that serves the object with the asked type and name, with Range, until it expires', async () => {
    const storage = new S3ObjectStorage(s3.config);
    await storage.put('variants/ps/v.mp4', Readable.from([Buffer.from('0123456789')]));
    const url = await storage.presign('variants/ps/v.mp4', {
      expiresInSec: 60,
      contentType: 'video/mp4',
      fileName: 'trim-v.mp4',
    });
    expect(url).toContain('X-Amz-Expires=60');
    const response = await fetch(url, { headers: { Range: 'bytes=2-5' } });
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('2345');
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-disposition')).toContain('trim-v.mp4');

    const expired = await storage.presign('variants/ps/v.mp4', { expiresInSec: 1 });
    await new Promise((done) => setTimeout(done, 2_100));
    expect((await fetch(expired)).status).toBe(403);
  });

  it('reports an unreachable store as StorageUnavailableError, which the worker counts as a storage fault', async () => {
    const storage = new S3ObjectStorage({ ...s3.config, endpoint: 'http://127.0.0.1:9' });
    const failure = await storage.head('x/y').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageUnavailableError);
    expect(failure).toMatchObject({ code: 'EIO' });
    await expect(storage.check()).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe(LocalObjectStorage.name, () => {
  it('never lists or serves the temp area as objects', async () => {
    const root = mkdtempSync(join(tmpdir(), 'reelforge-objects-'));
    const storage = new LocalObjectStorage(root);
    await storage.check();
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'partial.part'), 'half');
    expect(await keysUnder(storage, '')).toEqual([]);
    expect(() => storage.pathOf('tmp/partial.part')).toThrow();
  });
});
