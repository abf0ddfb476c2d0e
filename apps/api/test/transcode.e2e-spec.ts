import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { testConfig } from '../../../test/support/test-config.js';
import { testMedia } from '../../../test/support/test-media.js';

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_range?: string;
}

function probe(path: string): { streams: ProbedStream[]; format: { duration: string } } {
  return JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]).toString(),
  ) as { streams: ProbedStream[]; format: { duration: string } };
}

describe('POST /v1/transcode and /v1/thumbnails', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let videoId: string;

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    tenant = await createTenantWithKey(harness);
    videoId = (await uploadAsset(harness, tenant.key, testMedia.clip720p4s())).id as string;
  });

  afterAll(() => harness?.close());

  const post = (path: string, body: Record<string, unknown>) =>
    harness.http.post(path).set('X-API-Key', tenant.key).send(body);
  const download = async (url: string): Promise<Buffer> =>
    (await harness.http.get(url).set('X-API-Key', tenant.key).buffer(true).parse(binaryParser).expect(200))
      .body as Buffer;

  it('makes a poster for every uploaded video', async () => {
    const jobs = await harness.http.get('/v1/jobs?type=thumbnail').set('X-API-Key', tenant.key).expect(200);
    expect(jobs.body.items).toHaveLength(1);
    const job = await waitForJob(harness, tenant.key, jobs.body.items[0].id as string);
    expect(job.status).toBe('succeeded');
    const variants = await harness.http.get(`/v1/assets/${videoId}/variants`).set('X-API-Key', tenant.key).expect(200);
    const poster = variants.body.find((v: { quality: string }) => v.quality === 'poster');
    expect(poster).toMatchObject({ kind: 'thumbnail', mime: 'image/jpeg', width: 1280, height: 720 });
  });

  it('encodes a ladder in one job, skipping rungs above the source, tagged BT.709', async () => {
    const accepted = await post('/v1/transcode', { assetId: videoId, qualities: ['1080p', '720p', '480p'] }).expect(
      202,
    );
    expect(accepted.body.skipped).toEqual([
      { quality: '1080p', reason: 'the source is 1280x720; 1080p would upscale it' },
    ]);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 60_000);
    expect(job.status).toBe('succeeded');
    const outputs = job.outputs as Array<{ url: string; quality: string }>;
    expect(outputs.map((o) => o.quality)).toEqual(['720p', '480p']);

    for (const [output, height] of [
      [outputs[0], 720],
      [outputs[1], 480],
    ] as const) {
      const path = join(harness.config.storage.mediaRoot, `check-${output.quality}.mp4`);
      writeFileSync(path, await download(output.url));
      const facts = probe(path);
      const video = facts.streams.find((s) => s.codec_type === 'video');
      expect(video).toMatchObject({
        codec_name: 'h264',
        height,
        color_space: 'bt709',
        color_primaries: 'bt709',
        color_transfer: 'bt709',
        color_range: 'tv',
      });
      expect(facts.streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')).toBe(true);
      expect(Number(facts.format.duration)).toBeCloseTo(4, 1);
    }
  });

  it('packages HLS with a master playlist and aligned renditions, playable through the API', async () => {
    const accepted = await post('/v1/transcode', {
      assetId: videoId,
      qualities: ['720p', '480p'],
      format: 'hls',
    }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string, 60_000);
    expect(job.status).toBe('succeeded');
    const [master, ...renditions] = job.outputs as Array<{ url: string; quality: string }>;
    expect(master.quality).toBe('master');
    expect(master.url).toMatch(/\/files\/master\.m3u8$/);
    expect(renditions.map((r) => r.quality)).toEqual(['720p', '480p']);

    const masterText = (await download(master.url)).toString();
    expect(masterText).toContain('RESOLUTION=1280x720');
    expect(masterText).toContain('RESOLUTION=854x480');
    expect(masterText).toMatch(/CODECS="avc1\.64[0-9a-f]{4},mp4a\.40\.2"/);

    const base = master.url.slice(0, master.url.lastIndexOf('/') + 1);
    const durations: string[][] = [];
    for (const playlist of ['720p.m3u8', '480p.m3u8']) {
      const text = (await download(base + playlist)).toString();
      durations.push(text.split('\n').filter((line) => line.startsWith('#EXTINF')));
      const segment = text.split('\n').find((line) => line.endsWith('.ts'));
      const response = await harness.http
        .get(base + segment)
        .set('X-API-Key', tenant.key)
        .expect(200);
      expect(response.headers['content-type']).toBe('video/mp2t');
    }
    // Same segment boundaries in every rendition, so players can switch between them.
    expect(durations[0]).toEqual(durations[1]);
    expect(durations[0].length).toBeGreaterThanOrEqual(1);

    await harness.http.get(`${base}..%2F..%2Fsecret.m3u8`).set('X-API-Key', tenant.key).expect(404);
    await harness.http.get(`${base}nope.mp4`).set('X-API-Key', tenant.key).expect(404);
  });

  it('makes evenly spaced thumbnails at the asked width', async () => {
    const accepted = await post('/v1/thumbnails', { assetId: videoId, count: 3, widthPx: 160 }).expect(202);
    const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
    expect(job.status).toBe('succeeded');
    const outputs = job.outputs as Array<{ url: string; kind: string }>;
    expect(outputs).toHaveLength(3);
    const jpeg = await download(outputs[1].url);
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const path = join(harness.config.storage.mediaRoot, 'thumb.jpg');
    writeFileSync(path, jpeg);
    expect(probe(path).streams[0]).toMatchObject({ width: 160, height: 90 });
  });

  it.each([
    ['/v1/transcode', { qualities: ['999p'] }, 400],
    ['/v1/transcode', { qualities: [] }, 400],
    ['/v1/transcode', { qualities: ['720p'], format: 'dash' }, 400],
    ['/v1/transcode', { qualities: ['2160p', '1440p'] }, 422],
    ['/v1/thumbnails', { count: 2, times: [1] }, 400],
    ['/v1/thumbnails', {}, 400],
    ['/v1/thumbnails', { times: [4.5] }, 400],
    ['/v1/thumbnails', { times: [-1] }, 400],
    ['/v1/thumbnails', { count: 51 }, 400],
    ['/v1/thumbnails', { count: 1, widthPx: 8 }, 400],
  ])('refuses %s with %j (%i)', async (path, body, status) => {
    await post(path, { assetId: videoId, ...body }).expect(status);
  });

  it('removes every file of the asset and its variants, HLS packages included, when the asset is deleted', async () => {
    const { readdirSync } = await import('node:fs');
    const tenantDirs = ['assets', 'variants'].map((dir) =>
      join(harness.config.storage.mediaRoot, dir, tenant.tenantId),
    );
    const before = tenantDirs.map((dir) => readdirSync(dir).length);
    expect(before[1]).toBeGreaterThan(0);
    await harness.http.delete(`/v1/assets/${videoId}`).set('X-API-Key', tenant.key).expect(204);
    // Only the PNG uploaded by a later test could remain; nothing of the video does.
    expect(readdirSync(tenantDirs[1])).toEqual([]);
    expect(readdirSync(tenantDirs[0])).toHaveLength(before[0] - 1);
  });

  it('refuses an image where a video is needed', async () => {
    const image = await uploadAsset(harness, tenant.key, testMedia.png64());
    const response = await post('/v1/transcode', { assetId: image.id, qualities: ['480p'] }).expect(422);
    expect(response.body.error).toBe('invalid_media');
  });
});
