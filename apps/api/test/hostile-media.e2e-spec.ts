import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantWithKey,
  type Harness,
  startHarness,
  type TenantKey,
  uploadAsset,
  waitForJob,
} from '../../../test/support/harness.js';
import { downloadTo, probeJson } from '../../../test/support/media-checks.js';
import { testConfig } from '../../../test/support/test-config.js';
import { DEFAULT_MAX_PIXELS } from '@reelforge/config';
import { testMedia } from '../../../test/support/test-media.js';

const MAX_PIXELS = 640 * 480;
const MAX_DURATION_SEC = 5;

/**
 * Watches a FIFO for readers: a shell blocks opening it for writing until something opens it for
 * reading, then prints `opened`. If ffprobe followed a reference to the FIFO it would be that reader
 * (and would itself hang until killed at the probe timeout), so `opened` staying false proves the
 * referenced path was never opened.
 */
class FifoWatch {
  readonly path: string;
  opened = false;
  private readonly child: ChildProcess;

  constructor(dir: string, name: string) {
    this.path = join(dir, name);
    execFileSync('mkfifo', [this.path]);
    this.child = spawn('sh', ['-c', 'exec 3>"$1"; echo opened', 'sh', this.path], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    this.child.stdout?.on('data', () => {
      this.opened = true;
    });
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

function pngDeclaring(source: Buffer, width: number, height: number): Buffer {
  const png = Buffer.from(source);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

/** EXIF APP1 with IFD0 Orientation only, inserted after SOI (ffmpeg writes JFIF, never EXIF). */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1'); // little-endian this time; the probe test covers big-endian
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

describe('hostile media at ingest', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let dir: string;
  const ffmpeg = (...args: string[]): void => {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  };

  beforeAll(async () => {
    harness = await startHarness(
      testConfig((c) => {
        c.media.maxPixels = MAX_PIXELS;
        c.media.maxDurationSec = MAX_DURATION_SEC;
        // Long enough for a real probe, short enough that a probe stuck on a FIFO ends the test quickly.
        c.media.probeTimeoutMs = 3_000;
      }),
      { worker: false },
    );
    tenant = await createTenantWithKey(harness);
    dir = harness.config.storage.mediaRoot;
  });

  afterAll(() => harness?.close());

  const upload = (path: string, fileName?: string) =>
    harness.http.post('/v1/assets').set('X-API-Key', tenant.key).attach('file', path, fileName);

  async function expectNothingStored(): Promise<void> {
    const assets = await harness.http.get('/v1/assets').set('X-API-Key', tenant.key).expect(200);
    const jobs = await harness.http.get('/v1/jobs').set('X-API-Key', tenant.key).expect(200);
    expect(assets.body.total).toBe(0);
    expect(jobs.body.total).toBe(0);
  }

  describe('playlists, lists and descriptions disguised as video', () => {
    it.each([
      [
        'an HLS playlist naming a file: URL',
        'hls',
        (fifo: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://${fifo}\n#EXT-X-ENDLIST\n`,
      ],
      [
        'an HLS playlist naming a bare path',
        'hls',
        (fifo: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n${fifo}\n#EXT-X-ENDLIST\n`,
      ],
      [
        'an HLS playlist naming a subfile: URL',
        'hls',
        (fifo: string) =>
          `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nsubfile,,start,0,end,1000,,:${fifo}\n#EXT-X-ENDLIST\n`,
      ],
      ['an ffconcat list', 'concat', (fifo: string) => `ffconcat version 1.0\nfile '${fifo}'\n`],
      [
        'an ffconcat list of subfile: URLs',
        'concat',
        (fifo: string) => `ffconcat version 1.0\nfile 'subfile,,start,0,end,1000,,:${fifo}'\n`,
      ],
    ])('refuses %s with 422 and never opens what it names', async (name, format, content) => {
      const fifo = new FifoWatch(dir, `target-${format}-${Date.now()}.mp4`);
      try {
        const path = join(dir, `disguised-${Date.now()}.mp4`);
        writeFileSync(path, content(fifo.path));
        const response = await upload(path, 'holiday.mp4').expect(422);
        expect(response.body).toMatchObject({ statusCode: 422, error: 'invalid_media', details: { format } });
        // Give a stray reader time to show up before looking.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(fifo.opened, `${name}: ffprobe opened the referenced FIFO`).toBe(false);
      } finally {
        fifo.stop();
      }
      await expectNothingStored();
    });

    it('refuses an SDP description (which would open UDP ports) with 422', async () => {
      const path = join(dir, 'stream.mp4');
      writeFileSync(path, 'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 5004 RTP/AVP 96\n');
      const response = await upload(path).expect(422);
      expect(response.body).toMatchObject({ error: 'invalid_media', details: { format: 'sdp' } });
    });

    it('treats an image2 pattern in the upload name as a display name only', async () => {
      // ffprobe opens the server's temp path, never the client's name, so `%03d` expands nothing.
      const response = await upload(testMedia.png64(), 'frame%03d.png').expect(201);
      expect(response.body).toMatchObject({ kind: 'image', mime: 'image/png', originalName: 'frame%03d.png' });
      await harness.http.delete(`/v1/assets/${response.body.id}`).set('X-API-Key', tenant.key).expect(204);
    });
  });

  describe('limits checked from the probe', () => {
    it('refuses a video longer than MAX_DURATION_SEC, and queues no poster for it', async () => {
      const response = await upload(testMedia.clip10s()).expect(422);
      expect(response.body.message).toMatch(/the limit is 5s/);
      await expectNothingStored();
    });

    it('refuses a picture over MAX_PIXELS', async () => {
      const response = await upload(testMedia.clip720p4s()).expect(422);
      expect(response.body.message).toMatch(new RegExp(`the limit is ${MAX_PIXELS}$`));
    });

    it('refuses a PNG bomb (151 bytes declaring 30000x30000) from its declared size', async () => {
      const path = join(dir, 'bomb.png');
      writeFileSync(path, pngDeclaring(readFileSync(testMedia.png64()), 30_000, 30_000));
      const response = await upload(path).expect(422);
      expect(response.body.error).toBe('invalid_media');
    });

    it('refuses a PNG declaring 4000x4000 with the pixel count, before decoding it', async () => {
      const path = join(dir, 'bomb-4000.png');
      writeFileSync(path, pngDeclaring(readFileSync(testMedia.png64()), 4_000, 4_000));
      const response = await upload(path).expect(422);
      expect(response.body).toMatchObject({
        error: 'invalid_media',
        message: `The picture has ${4_000 * 4_000} pixels; the limit is ${MAX_PIXELS}`,
      });
    });

    it('refuses 17 streams and 1000 fps', async () => {
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'anullsrc=r=8000:cl=mono',
        ...Array.from({ length: 17 }, () => ['-map', '0:a']).flat(),
        '-t',
        '1',
        '-c:a',
        'pcm_s16le',
        join(dir, '17.mkv'),
      );
      ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=64x48:r=1000:d=0.05', '-c:v', 'mpeg4', join(dir, 'fast.mkv'));
      const streams = await upload(join(dir, '17.mkv')).expect(422);
      expect(streams.body.message).toBe('The file has 17 streams; the limit is 16');
      const fast = await upload(join(dir, 'fast.mkv')).expect(422);
      expect(fast.body.message).toBe('The video runs at 1000.00 fps; the limit is 240');
      await expectNothingStored();
    });
  });

  describe('images', () => {
    it('stores the EXIF orientation of a JPEG as its rotation', async () => {
      ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=64x32', '-frames:v', '1', join(dir, 'plain.jpg'));
      writeFileSync(join(dir, 'portrait.jpg'), withExifOrientation(readFileSync(join(dir, 'plain.jpg')), 6));
      const response = await upload(join(dir, 'portrait.jpg')).expect(201);
      expect(response.body).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 64, height: 32, rotation: 90 });
      await harness.http.delete(`/v1/assets/${response.body.id}`).set('X-API-Key', tenant.key).expect(204);
    });
  });

  describe('fonts', () => {
    it('refuses garbage behind a correct OpenType signature with 422, and stays healthy', async () => {
      const path = join(dir, 'fake.otf');
      const junk = Buffer.alloc(4096);
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) & 0xff;
      writeFileSync(path, Buffer.concat([Buffer.from('OTTO', 'latin1'), junk]));
      const response = await upload(path, 'brand.otf').expect(422);
      expect(response.body).toMatchObject({ statusCode: 422, error: 'invalid_media' });
      await harness.http.get('/health/ready').expect(200);
      await harness.http.get('/v1/library/fonts').set('X-API-Key', tenant.key).expect(200);
      await expectNothingStored();
    });
  });
});

/** Awkward but valid media, through a real worker: each must become a finished job, not a misleading failure. */
describe('awkward media through the worker', () => {
  let harness: Harness;
  let dir: string;
  const ffmpeg = (...args: string[]): void => {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  };

  beforeAll(async () => {
    harness = await startHarness(testConfig());
    dir = harness.config.storage.mediaRoot;
  });

  afterAll(() => harness?.close());

  /** Uploads with a fresh tenant, so its only thumbnail job is the poster. */
  async function posterOf(path: string): Promise<Record<string, unknown>> {
    const tenant = await createTenantWithKey(harness);
    await uploadAsset(harness, tenant.key, path);
    const jobs = await harness.http.get('/v1/jobs?type=thumbnail').set('X-API-Key', tenant.key).expect(200);
    expect(jobs.body.total).toBe(1);
    return waitForJob(harness, tenant.key, jobs.body.items[0].id as string);
  }

  it.each([
    ['a one-frame video', ['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=25', '-frames:v', '1']],
    [
      'a video whose timestamps start at 1 h',
      ['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=25:d=3', '-output_ts_offset', '3600'],
    ],
    ['a 2 s clip', ['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=25:d=2']],
  ])('makes the ingest poster of %s', async (name, input) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.mp4`);
    ffmpeg(...input, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path);
    const job = await posterOf(path);
    expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'succeeded', outputs: [{ kind: 'thumbnail' }] });
  });

  it('refuses an 8000x8000 picture under the default pixel cap', async () => {
    expect(DEFAULT_MAX_PIXELS).toBeLessThan(8000 * 8000);
    const tenant = await createTenantWithKey(harness);
    const path = join(dir, 'huge.png');
    writeFileSync(path, pngDeclaring(readFileSync(testMedia.png64()), 8_000, 8_000));
    const response = await harness.http
      .post('/v1/assets')
      .set('X-API-Key', tenant.key)
      .attach('file', path)
      .expect(422);
    expect(response.body.message).toBe(`The picture has ${8_000 * 8_000} pixels; the limit is ${DEFAULT_MAX_PIXELS}`);
  });

  it('trims and overlays a 101x57 video, cropping to 100x56 and saying so', async () => {
    const tenant = await createTenantWithKey(harness);
    const path = join(dir, 'odd.mp4');
    // 4:4:4 because 4:2:0 itself cannot hold 101x57; the upload is valid, only our output needs even sides.
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=101x57:r=25:d=2', '-c:v', 'libx264', '-pix_fmt', 'yuv444p', path);
    const asset = await uploadAsset(harness, tenant.key, path);
    expect(asset).toMatchObject({ width: 101, height: 57 });
    for (const [route, body] of [
      ['/v1/trim', { assetId: asset.id, start: 0, end: 1 }],
      ['/v1/overlays', { assetId: asset.id, layers: [{ type: 'text', text: 'odd' }] }],
    ] as const) {
      const accepted = await harness.http.post(route).set('X-API-Key', tenant.key).send(body).expect(202);
      const job = await waitForJob(harness, tenant.key, accepted.body.jobId as string);
      expect(job, `${route}: ${JSON.stringify(job.error)}`).toMatchObject({ status: 'succeeded' });
      expect(job.warnings).toEqual([
        'The source is 101x57; H.264 in 4:2:0 needs even sides, so the output was cropped to 100x56',
      ]);
      const output = (job.outputs as Array<{ url: string }>)[0];
      const file = await downloadTo(harness, tenant.key, output.url, `odd-${route.slice(4)}.mp4`);
      expect(probeJson(file).streams[0]).toMatchObject({ width: 100, height: 56 });
    }
  });
});
