import { AssetEntity } from '@reelforge/db';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryParser,
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
} from '../../../test/support/harness.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

const MAX_UPLOAD_BYTES = 300_000;
const scratch = mkdtempSync(join(tmpdir(), 'reelforge-assets-e2e-'));

function scratchFile(name: string, content: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** Scenarios beyond test-media's, built in this suite's scratch directory. */
const localMedia = {
  /** The first 2 KiB of the clip: an ftyp box and the start of mdat, but no moov. */
  truncatedMp4: () => scratchFile('truncated.mp4', readFileSync(testMedia.clip10s()).subarray(0, 2048)),
  /** Over the limit, but within the multipart allowance, so busboy's byte count has to catch it. */
  slightlyTooBig: () => scratchFile('slightly-too-big.mp4', randomBytes(MAX_UPLOAD_BYTES + 20_000)),
  /** So far over that the declared Content-Length alone refuses it. */
  farTooBig: () => scratchFile('far-too-big.mp4', randomBytes(1_000_000)),
};

const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Posts files as multipart with node:http. The API may answer before it has read the whole body (a
 * Content-Length over the limit, a second file) and then drains the rest; SuperTest tears the connection
 * down as soon as the answer arrives and fails with EPIPE, so these cases use a plain client on their own
 * listener and settle on the answer.
 */
async function postEarlyAnswered(
  harness: Harness,
  key: string,
  files: Array<[field: string, path: string]>,
): Promise<{ status: number; body: unknown }> {
  const server = createServer(harness.api.getHttpAdapter().getInstance());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const boundary = `reelforge-${randomBytes(8).toString('hex')}`;
  const parts = files.flatMap(([field, path]) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${basename(path)}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    readFileSync(path),
    Buffer.from('\r\n'),
  ]);
  const body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  try {
    return await new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: '/v1/assets',
          agent: false,
          headers: {
            'X-API-Key': key,
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': body.length,
            Connection: 'close',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('/v1/assets', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let dataSource: DataSource;

  beforeAll(async () => {
    harness = await startHarness(
      testConfig((c) => {
        c.media.maxUploadBytes = MAX_UPLOAD_BYTES;
      }),
      { worker: false },
    );
    dataSource = harness.api.get(DataSource);
    tenant = await createTenantWithKey(harness);
  });

  afterAll(() => harness?.close());

  const upload = (path: string, field = 'file') =>
    harness.http.post('/v1/assets').set('X-API-Key', tenant.key).attach(field, path);

  /** What a failed upload must not change: temp files, stored files and asset rows. */
  async function storedState(h: Harness, tenantId: string) {
    const root = h.config.storage.mediaRoot;
    return {
      temp: filesUnder(join(root, 'tmp')),
      stored: filesUnder(join(root, 'assets')),
      rows: await h.api.get(DataSource).getRepository(AssetEntity).countBy({ tenantId }),
    };
  }

  async function expectNothingLeftBehind(
    h: Harness,
    tenantId: string,
    before: Awaited<ReturnType<typeof storedState>>,
  ) {
    const after = await storedState(h, tenantId);
    expect(after.temp).toEqual([]);
    expect(after).toEqual(before);
  }

  describe('POST /v1/assets', () => {
    it('stores a video with the facts probed from it', async () => {
      const clip = testMedia.clip10s();
      expect(statSync(clip).size).toBeLessThan(MAX_UPLOAD_BYTES);

      const response = await upload(clip).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        kind: 'video',
        origin: 'upload',
        originalName: 'clip-10s-320x240.mp4',
        mime: 'video/mp4',
        sizeBytes: statSync(clip).size,
        sha256: sha256Of(clip),
        durationSec: expect.closeTo(10, 1),
        width: 320,
        height: 240,
        fps: 25,
        videoCodec: 'h264',
        audioCodec: 'aac',
        hasVideo: true,
        hasAudio: true,
        rotation: 0,
        fontFamily: null,
        createdAt: expect.any(String),
        links: {
          self: `/v1/assets/${response.body.id}`,
          content: `/v1/assets/${response.body.id}/content`,
          variants: `/v1/assets/${response.body.id}/variants`,
        },
      });

      const row = await dataSource.getRepository(AssetEntity).findOneByOrFail({ id: response.body.id as string });
      expect(row).toMatchObject({ tenantId: tenant.tenantId, storageKey: expect.stringMatching(/\.mp4$/) });
      const stored = join(harness.config.storage.mediaRoot, row.storageKey);
      expect(readFileSync(stored).equals(readFileSync(clip))).toBe(true);
      expect(filesUnder(join(harness.config.storage.mediaRoot, 'tmp'))).toEqual([]);
    });

    it('stores a PNG as an image without duration or frame rate', async () => {
      const response = await upload(testMedia.png64()).expect(201);
      expect(response.body).toMatchObject({
        kind: 'image',
        mime: 'image/png',
        width: 64,
        height: 64,
        durationSec: null,
        fps: null,
        hasVideo: false,
        hasAudio: false,
        sha256: sha256Of(testMedia.png64()),
      });
    });

    it('stores a WAV as audio without picture facts', async () => {
      const response = await upload(testMedia.wav3s()).expect(201);
      expect(response.body).toMatchObject({
        kind: 'audio',
        mime: 'audio/wav',
        durationSec: expect.closeTo(3, 1),
        width: null,
        height: null,
        hasVideo: false,
        hasAudio: true,
        videoCodec: null,
      });
    });

    it.each([
      ['a text file named .mp4', () => testMedia.textAsMp4(), 422, 'invalid_media'],
      ['a zero-byte file', () => testMedia.empty(), 422, 'invalid_media'],
      ['a truncated mp4', () => localMedia.truncatedMp4(), 422, 'invalid_media'],
      ['an HLS playlist named .mp4', () => testMedia.hlsAsMp4(), 422, 'invalid_media'],
    ])('refuses %s and leaves nothing behind', async (_name, file, status, code) => {
      const before = await storedState(harness, tenant.tenantId);
      const response = await upload(file()).expect(status);
      expect(response.body).toMatchObject({ statusCode: status, error: code, message: expect.any(String) });
      await expectNothingLeftBehind(harness, tenant.tenantId, before);
    });

    it.each([
      ['just over the size limit, caught while streaming', () => localMedia.slightlyTooBig()],
      ['far over the size limit, caught from its Content-Length', () => localMedia.farTooBig()],
    ])('answers 413 for a file %s and leaves nothing behind', async (_name, file) => {
      const before = await storedState(harness, tenant.tenantId);
      const response = await postEarlyAnswered(harness, tenant.key, [['file', file()]]);
      expect(response).toEqual({
        status: 413,
        body: expect.objectContaining({ error: 'payload_too_large', details: { maxBytes: MAX_UPLOAD_BYTES } }),
      });
      await expectNothingLeftBehind(harness, tenant.tenantId, before);
    });

    it('answers 400 for a file in another multipart field', async () => {
      const before = await storedState(harness, tenant.tenantId);
      const response = await upload(testMedia.png64(), 'video').expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_input' });
      expect(response.body.message).toContain('"file"');
      await expectNothingLeftBehind(harness, tenant.tenantId, before);
    });

    it('answers 400 for a multipart body with only a text field', async () => {
      await harness.http.post('/v1/assets').set('X-API-Key', tenant.key).field('file', 'not a file').expect(400);
    });

    it('answers 400 for a JSON body', async () => {
      const response = await harness.http
        .post('/v1/assets')
        .set('X-API-Key', tenant.key)
        .send({ file: 'aGVsbG8=' })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_input' });
      expect(response.body.message).toContain('multipart/form-data');
    });

    it('answers 400 for two files and leaves nothing behind', async () => {
      const before = await storedState(harness, tenant.tenantId);
      const response = await postEarlyAnswered(harness, tenant.key, [
        ['file', testMedia.png64()],
        ['file', testMedia.wav3s()],
      ]);
      expect(response).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_input' }) });
      await expectNothingLeftBehind(harness, tenant.tenantId, before);
    });

    it('answers 422 probe_timeout when probing takes too long, and leaves nothing behind', async () => {
      const impatient = await startHarness(
        testConfig((c) => {
          c.media.probeTimeoutMs = 1;
        }),
        { worker: false },
      );
      try {
        const owner = await createTenantWithKey(impatient);
        const before = await storedState(impatient, owner.tenantId);
        const response = await impatient.http
          .post('/v1/assets')
          .set('X-API-Key', owner.key)
          .attach('file', testMedia.clip10s())
          .expect(422);
        expect(response.body).toMatchObject({ statusCode: 422, error: 'probe_timeout' });
        await expectNothingLeftBehind(impatient, owner.tenantId, before);
      } finally {
        await impatient.close();
      }
    });
  });

  describe('GET /v1/assets', () => {
    let lister: TenantKey;
    const ids: string[] = [];

    beforeAll(async () => {
      lister = await createTenantWithKey(harness);
      // Oldest first; the list answers newest first.
      for (const file of [testMedia.png64(), testMedia.wav3s(), testMedia.png64()]) {
        ids.unshift((await uploadAsset(harness, lister.key, file)).id as string);
      }
    });

    const list = (query: string) => harness.http.get(`/v1/assets${query}`).set('X-API-Key', lister.key);

    it('pages newest first with the total across pages', async () => {
      const all = await list('').expect(200);
      expect(all.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
      expect(all.body.items.map((a: { id: string }) => a.id)).toEqual(ids);

      const first = await list('?page=1&pageSize=2').expect(200);
      expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(first.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
      const second = await list('?page=2&pageSize=2').expect(200);
      expect(second.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(2));
      const beyond = await list('?page=3&pageSize=2').expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 3 });
    });

    it('filters by kind', async () => {
      const images = await list('?kind=image').expect(200);
      expect(images.body.total).toBe(2);
      expect(images.body.items.every((a: { kind: string }) => a.kind === 'image')).toBe(true);
      const videos = await list('?kind=video').expect(200);
      expect(videos.body).toMatchObject({ items: [], total: 0 });
    });

    it.each([
      ['pageSize 0', '?pageSize=0'],
      ['pageSize 101', '?pageSize=101'],
      ['pageSize abc', '?pageSize=abc'],
      ['a fractional pageSize', '?pageSize=2.5'],
      ['page 0', '?page=0'],
      ['a negative page', '?page=-1'],
      ['an unknown kind', '?kind=banana'],
      ['an unknown parameter', '?sort=name'],
    ])('answers 400 for %s', async (_name, query) => {
      const response = await list(query).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_input' });
    });

    it('gets one asset', async () => {
      const response = await harness.http.get(`/v1/assets/${ids[0]}`).set('X-API-Key', lister.key).expect(200);
      expect(response.body).toMatchObject({ id: ids[0], kind: 'image' });
    });

    it.each([
      ['GET', ''],
      ['GET', '/content'],
      ['GET', '/variants'],
      ['DELETE', ''],
    ])('answers 400 to %s of a non-UUID id%s and 404 to an unknown one', async (method, suffix) => {
      const call = (id: string) =>
        method === 'GET'
          ? harness.http.get(`/v1/assets/${id}${suffix}`).set('X-API-Key', lister.key)
          : harness.http.delete(`/v1/assets/${id}${suffix}`).set('X-API-Key', lister.key);
      const malformed = await call('not-a-uuid').expect(400);
      expect(malformed.body.error).toBe('invalid_input');
      const unknown = await call('00000000-0000-4000-8000-000000000000').expect(404);
      expect(unknown.body.error).toBe('not_found');
    });
  });

  describe('GET /v1/assets/:id/content', () => {
    let clip: Buffer;
    let videoId: string;

    beforeAll(async () => {
      clip = readFileSync(testMedia.clip10s());
      videoId = (await uploadAsset(harness, tenant.key, testMedia.clip10s())).id as string;
    });

    const content = () =>
      harness.http.get(`/v1/assets/${videoId}/content`).set('X-API-Key', tenant.key).buffer(true).parse(binaryParser);

    it('answers the whole file with its probed type, ranges offered and a strong ETag', async () => {
      const response = await content().expect(200);
      expect(response.headers).toMatchObject({
        'content-type': 'video/mp4',
        'accept-ranges': 'bytes',
        'content-length': String(clip.length),
        etag: `"${sha256Of(testMedia.clip10s())}"`,
        'x-content-type-options': 'nosniff',
      });
      expect(response.headers['content-disposition']).toContain('filename="clip-10s-320x240.mp4"');
      expect((response.body as Buffer).equals(clip)).toBe(true);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const etag = `"${sha256Of(testMedia.clip10s())}"`;
      await content().set('If-None-Match', etag).expect(304);
    });

    it('answers 206 with exactly the requested bytes', async () => {
      const response = await content().set('Range', 'bytes=100-199').expect(206);
      expect(response.headers['content-range']).toBe(`bytes 100-199/${clip.length}`);
      expect(response.headers['content-length']).toBe('100');
      expect((response.body as Buffer).equals(clip.subarray(100, 200))).toBe(true);
    });

    it('answers 206 with the last bytes for a suffix range', async () => {
      const response = await content().set('Range', 'bytes=-10').expect(206);
      expect(response.headers['content-range']).toBe(`bytes ${clip.length - 10}-${clip.length - 1}/${clip.length}`);
      expect((response.body as Buffer).equals(clip.subarray(clip.length - 10))).toBe(true);
    });

    it('answers 416 with the size for a range past the end', async () => {
      const response = await content().set('Range', 'bytes=999999999-').expect(416);
      expect(response.headers['content-range']).toBe(`bytes */${clip.length}`);
    });

    it('answers a 416 with a JSON error body', async () => {
      const response = await harness.http
        .get(`/v1/assets/${videoId}/content`)
        .set('X-API-Key', tenant.key)
        .set('Range', 'bytes=999999999-')
        .expect(416);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ statusCode: 416, error: 'range_not_satisfiable' });
    });
  });

  describe('DELETE /v1/assets/:id', () => {
    it('deletes the row and the file, after which the asset answers 404', async () => {
      const asset = await uploadAsset(harness, tenant.key, testMedia.png64());
      const row = await dataSource.getRepository(AssetEntity).findOneByOrFail({ id: asset.id as string });
      const stored = join(harness.config.storage.mediaRoot, row.storageKey);
      expect(existsSync(stored)).toBe(true);

      await harness.http.delete(`/v1/assets/${asset.id}`).set('X-API-Key', tenant.key).expect(204);
      await harness.http.get(`/v1/assets/${asset.id}`).set('X-API-Key', tenant.key).expect(404);
      await harness.http.get(`/v1/assets/${asset.id}/content`).set('X-API-Key', tenant.key).expect(404);
      await harness.http.delete(`/v1/assets/${asset.id}`).set('X-API-Key', tenant.key).expect(404);
      expect(existsSync(stored)).toBe(false);
      await expect(dataSource.getRepository(AssetEntity).existsBy({ id: asset.id as string })).resolves.toBe(false);
    });
  });
});
