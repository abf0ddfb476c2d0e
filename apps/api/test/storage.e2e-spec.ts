import { ObjectStorage } from '@reelforge/storage';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryParser,
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { startS3Server, type TestS3Server } from '../../../test/support/s3-server.js';
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Replaces one character in the middle of the token (path segment after /v1/signed/). */
function tamper(url: string): string {
  return url.replace(
    /(\/v1\/signed\/[^/]{10})(.)/,
    (_all, head: string, char: string) => `${head}${char === 'A' ? 'B' : 'A'}`,
  );
}

interface ProbedUrl {
  format: { duration: string };
  streams: Array<{ codec_type: string; width?: number; height?: number }>;
}

/** Async: the API answering ffprobe runs in this very process. */
async function ffprobeJson(url: string): Promise<ProbedUrl> {
  const { stdout } = await promisify(execFile)(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', url],
    { timeout: 30_000 },
  );
  return JSON.parse(stdout) as ProbedUrl;
}

describe.each(['local', 's3'] as const)('storage and signed links (%s driver)', (driver) => {
  let s3: TestS3Server | null = null;
  let harness: Harness;
  let tenant: TenantKey;
  let storage: ObjectStorage;
  let origin: string;
  let videoId: string;

  beforeAll(async () => {
    s3 = driver === 's3' ? await startS3Server() : null;
    harness = await startHarness(
      testConfig((config) => {
        if (s3) {
          config.storage.driver = 's3';
          config.storage.s3 = s3.config;
        }
      }),
    );
    // A real socket: ffprobe and fetch follow links the way a player would.
    await harness.api.listen(0, '127.0.0.1');
    origin = (await harness.api.getUrl()).replace('[::1]', '127.0.0.1');
    storage = harness.api.get(ObjectStorage);
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip720p4s())).id as string;
  });

  afterAll(async () => {
    await harness?.close();
    await s3?.stop();
  });

  const api = (path: string) => harness.http.get(path).set('X-API-Key', tenant.key);
  const linkFor = async (path: string, expiresInSec = 600): Promise<{ url: string; kind: string; expiresAt: string }> =>
    (await api(`${path}?expiresInSec=${expiresInSec}`).expect(200)).body as {
      url: string;
      kind: string;
      expiresAt: string;
    };

  it('stores the upload through the driver and leaves no scratch file behind', async () => {
    const stored = [];
    for await (const object of storage.list(`assets/${tenant.tenantId}/`)) stored.push(object);
    expect(stored).toHaveLength(1);
    expect(stored[0].sizeBytes).toBe(readFileSync(testMedia.clip720p4s()).length);
    // The upload's own poster job may still be using its scratch directory: it must be gone once it ends.
    const scratch = join(harness.config.storage.mediaRoot, 'tmp');
    for (let waitedMs = 0; readdirSync(scratch).length > 0 && waitedMs < 30_000; waitedMs += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(readdirSync(scratch)).toEqual([]);
    if (driver === 's3') {
      // Nothing of the media on this machine's disk: only the scratch directory.
      expect(readdirSync(harness.config.storage.mediaRoot).sort()).toEqual(['tmp']);
    }
    const clip = readFileSync(testMedia.clip720p4s());
    const range = await api(`/v1/assets/${videoId}/content`)
      .set('Range', 'bytes=100-199')
      .buffer(true)
      .parse(binaryParser)
      .expect(206);
    expect(range.headers['content-range']).toBe(`bytes 100-199/${clip.length}`);
    expect(range.body).toEqual(clip.subarray(100, 200));
  });

  it('gives a trim output a link that works without a key, with Range, until it expires', async () => {
    const accepted = await harness.http
      .post('/v1/trim')
      .set('X-API-Key', tenant.key)
      .send({ assetId: videoId, start: 0.5, end: 2.5 })
      .expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job.status).toBe('succeeded');
    const variantId = (job.outputs as Array<{ variantId: string }>)[0].variantId;
    const withKey = (await api(`/v1/variants/${variantId}/content`).buffer(true).parse(binaryParser).expect(200))
      .body as Buffer;

    const link = await linkFor(`/v1/variants/${variantId}/url`);
    expect(link.kind).toBe(driver === 's3' ? 'presigned' : 'signed');
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(500_000);
    const whole = await fetch(link.url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(withKey);
    const part = await fetch(link.url, { headers: { Range: 'bytes=4-11' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(withKey.subarray(4, 12));

    const shortLived = await linkFor(`/v1/variants/${variantId}/url`, 1);
    expect((await fetch(shortLived.url)).status).toBe(200);
    await sleep(Date.parse(shortLived.expiresAt) + 1_100 - Date.now());
    expect((await fetch(shortLived.url)).status).toBe(403);

    if (driver === 'local') {
      // s3rver checks expiry but not SigV4 signatures; the API's own links are checked here.
      const altered = await fetch(tamper(link.url));
      expect(altered.status).toBe(403);
      expect(await altered.json()).toMatchObject({ statusCode: 403, error: 'forbidden' });
    }
  });

  it('gives an HLS package a link that plays: playlists and segments reachable through it', async () => {
    const accepted = await harness.http
      .post('/v1/transcode')
      .set('X-API-Key', tenant.key)
      .send({ assetId: videoId, qualities: ['480p'], format: 'hls' })
      .expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 60_000);
    expect(job.status).toBe('succeeded');
    const [master, rendition] = job.outputs as Array<{ variantId: string; quality: string }>;

    const link = await linkFor(`/v1/variants/${master.variantId}/url`);
    expect(link.kind).toBe('signed');
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/signed\/[^/]+\/master\.m3u8$/);
    const playlist = await fetch(link.url);
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await playlist.text()).toContain('480p.m3u8');

    const facts = await ffprobeJson(link.url);
    expect(Number(facts.format.duration)).toBeCloseTo(4, 0);
    expect(facts.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 854, height: 480 });

    const renditionLink = await linkFor(`/v1/variants/${rendition.variantId}/url`);
    const segmentName = (await (await fetch(renditionLink.url)).text())
      .split('\n')
      .find((line) => line.endsWith('.ts'));
    const segment = await fetch(new URL(segmentName ?? 'missing.ts', renditionLink.url));
    expect(segment.status).toBe(200);
    expect(Buffer.from(await segment.arrayBuffer())[0]).toBe(0x47); // MPEG-TS sync byte

    const base = link.url.slice(0, link.url.lastIndexOf('/') + 1);
    expect((await fetch(`${base}..%2Fother.m3u8`)).status).toBe(404);
    expect((await fetch(`${base}notes.txt`)).status).toBe(404);
    expect((await fetch(tamper(link.url))).status).toBe(403);
  });

  it('gives an asset a link to its original bytes', async () => {
    const link = await linkFor(`/v1/assets/${videoId}/url`);
    const response = await fetch(link.url, { headers: { Range: 'bytes=0-15' } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(readFileSync(testMedia.clip720p4s()).subarray(0, 16));
  });

  it.each(['0', '-5', '604801', '1.5', 'soon'])(
    'refuses expiresInSec=%s with a 400 naming the field',
    async (value) => {
      const response = await api(`/v1/assets/${videoId}/url?expiresInSec=${value}`).expect(400);
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'expiresInSec' })]);
    },
  );

  it('answers 403, not a file, for links that are not ours', async () => {
    for (const path of ['/v1/signed/garbage/x.mp4', '/v1/signed/a.b/x.mp4', '/v1/signed/a.b.c/x.mp4']) {
      expect((await fetch(`${origin}${path}`)).status).toBe(403);
    }
  });

  it('deletes every stored object of the asset and its variants, HLS packages included', async () => {
    await api(`/v1/assets/${videoId}`).expect(200);
    await harness.http.delete(`/v1/assets/${videoId}`).set('X-API-Key', tenant.key).expect(204);
    const left = [];
    for (const area of ['assets', 'variants']) {
      for await (const object of storage.list(`${area}/${tenant.tenantId}/`)) left.push(object.key);
    }
    expect(left).toEqual([]);
  });
});
