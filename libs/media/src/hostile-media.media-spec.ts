import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

import { DomainError } from '@reelforge/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveMediaBinaries } from './binaries.js';
import { ffprobeArgs, probeFile, type ProbeLimits } from './probe.js';

const { ffmpegPath, ffprobePath } = resolveMediaBinaries({});
const limits: ProbeLimits = { maxDurationSec: 600, maxPixels: 8192 * 8192 };
const opts = { timeoutMs: 10_000, limits };
let dir: string;
const file = (name: string): string => join(dir, name);
const ffmpeg = (...args: string[]): void => {
  execFileSync(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
};

/** A PNG whose IHDR declares `width`x`height` over the pixels of a tiny real one; the CRC is fixed up. */
export function pngDeclaring(source: Buffer, width: number, height: number): Buffer {
  const png = Buffer.from(source);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

/** A JPEG whose first SOF segment declares `width`x`height`. */
function jpegDeclaring(source: Buffer, width: number, height: number): Buffer {
  const jpeg = Buffer.from(source);
  for (let at = 2; at + 9 < jpeg.length; at += 2 + jpeg.readUInt16BE(at + 2)) {
    const marker = jpeg[at + 1];
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(height, at + 5);
      jpeg.writeUInt16BE(width, at + 7);
      return jpeg;
    }
  }
  throw new Error('no SOF segment');
}

/**
 * A JPEG with an EXIF APP1 segment holding only IFD0 Orientation, inserted right after SOI. Written by
 * hand because ffmpeg 5.1's mjpeg encoder writes JFIF, never EXIF.
 */
export function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1'); // big-endian, like most cameras
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

async function probeError(path: string, options = opts, binary = ffprobePath): Promise<DomainError> {
  const error = await probeFile(binary, path, options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reelforge-hostile-'));
  ffmpeg('-f', 'lavfi', '-i', 'color=red:s=64x32', '-frames:v', '1', file('small.png'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=64x32', '-frames:v', '1', file('small.jpg'));
  writeFileSync(file('bomb.png'), pngDeclaring(readFileSync(file('small.png')), 16_000, 16_000));
  writeFileSync(file('bomb.jpg'), jpegDeclaring(readFileSync(file('small.jpg')), 30_000, 30_000));
  for (const orientation of [1, 3, 6, 8]) {
    writeFileSync(file(`exif${orientation}.jpg`), withExifOrientation(readFileSync(file('small.jpg')), orientation));
  }
  // lavfi sources cap their size at 16384, the scaler does not.
  ffmpeg('-f', 'lavfi', '-i', 'color=blue:s=64x16', '-vf', 'scale=16385:16', '-frames:v', '1', file('wide.png'));
  // 17 one-second silent tracks: ffmpeg maps one input 17 times.
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
    file('17-streams.mkv'),
  );
  ffmpeg('-f', 'lavfi', '-i', 'testsrc=s=64x48:r=1000:d=0.05', '-c:v', 'mpeg4', file('1000fps.mkv'));
  // A wrapper that records ffprobe's peak resident memory, in KiB, next to the file it probed.
  writeFileSync(
    file('ffprobe-rss.sh'),
    `#!/bin/sh\nexec /usr/bin/time -f '%M' -o "${file('rss.txt')}" "${ffprobePath}" "$@"\n`,
  );
  chmodSync(file('ffprobe-rss.sh'), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decompression bombs', () => {
  it('passes the pixel limit to ffprobe as a decoder option', () => {
    const args = ffprobeArgs('/x.png', 1234);
    expect(args.slice(args.indexOf('-max_pixels'), args.indexOf('-max_pixels') + 2)).toEqual(['-max_pixels', '1234']);
    expect(args.indexOf('-max_pixels')).toBeLessThan(args.indexOf('/x.png'));
  });

  it.runIf(existsSync('/usr/bin/time'))(
    'refuses a 151-byte PNG declaring 16000x16000 without ffprobe allocating its picture',
    async () => {
      const error = await probeError(file('bomb.png'), opts, file('ffprobe-rss.sh'));
      expect(error.code).toBe('invalid_media');
      expect(error.message).toBe(`The picture has ${16_000 * 16_000} pixels; the limit is ${8192 * 8192}`);
      expect(error.details).toMatchObject({ width: 16_000, height: 16_000 });
      // Decoding it takes ~800 MB (16000 x 16000 x 3); ffprobe itself needs ~60 MB.
      const peakKiB = Number(readFileSync(file('rss.txt'), 'utf8').trim().split('\n').pop());
      expect(peakKiB).toBeGreaterThan(0);
      expect(peakKiB).toBeLessThan(200 * 1024);
    },
  );

  it('refuses a JPEG declaring 30000x30000', async () => {
    const started = Date.now();
    const error = await probeError(file('bomb.jpg'));
    expect(error.code).toBe('invalid_media');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a picture wider than 16384 px from its probed size', async () => {
    const error = await probeError(file('wide.png'));
    expect(error.message).toBe('The picture is 16385x16; the limit is 16384x16384');
  });
});

describe('probe limits', () => {
  it('refuses 17 streams', async () => {
    const error = await probeError(file('17-streams.mkv'));
    expect(error.message).toBe('The file has 17 streams; the limit is 16');
    expect(error.details).toEqual({ streams: 17, maxStreams: 16 });
  });

  it('refuses 1000 fps', async () => {
    const error = await probeError(file('1000fps.mkv'));
    expect(error.message).toBe('The video runs at 1000.00 fps; the limit is 240');
  });
});

describe('EXIF orientation', () => {
  it.each([
    [1, 0],
    [3, 180],
    [6, 90],
    [8, 270],
  ])('reports Orientation=%i as a clockwise rotation of %i, with the stored size', async (orientation, rotation) => {
    const facts = await probeFile(ffprobePath, file(`exif${orientation}.jpg`), opts);
    expect(facts).toMatchObject({ formatName: 'jpeg_pipe', width: 64, height: 32, rotation, hasVideo: false });
  });

  it('is what ffmpeg applies when it decodes the still: Orientation=6 comes out 32x64', () => {
    // Documents the render path: ffmpeg's default autorotation turns the frame upright, so thumbnails
    // and overlays of such a still are displayed the way the probe's rotation says.
    ffmpeg('-i', file('exif6.jpg'), file('upright.png'));
    const size = execFileSync(ffprobePath, [
      '-v',
      'error',
      '-show_entries',
      'stream=width,height',
      '-of',
      'csv=p=0',
      file('upright.png'),
    ]);
    expect(size.toString().trim()).toBe('32,64');
  });
});

describe('playlists and text formats disguised as media', () => {
  it.each([
    ['an ffconcat list', "ffconcat version 1.0\nfile '/etc/passwd'\n", 'concat'],
    [
      'an HLS playlist naming a subfile: URL',
      '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nsubfile,,start,0,end,1000,,:/etc/passwd\n#EXT-X-ENDLIST\n',
      'hls',
    ],
    [
      'an SDP description',
      'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 5004 RTP/AVP 96\na=rtpmap:96 H264/90000\n',
      'sdp',
    ],
  ])('refuses %s by its demuxer name', async (_name, content, format) => {
    writeFileSync(file('disguised.mp4'), content);
    const error = await probeError(file('disguised.mp4'));
    expect(error.code).toBe('invalid_media');
    expect(error.details).toEqual({ format });
  });
});
