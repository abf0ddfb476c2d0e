import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { binaryParser, type Harness } from './harness.js';

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  color_space?: string;
  sample_rate?: string;
}

export interface Probed {
  streams: ProbedStream[];
  format: { duration: string; format_name: string };
}

export function probeJson(path: string): Probed {
  return JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]).toString(),
  ) as Probed;
}

/** One decoded frame as RGB (BT.709 read as players read tagged output), for pixel checks. */
export function frameAt(path: string, timeSec: number, widthPx: number): (x: number, y: number) => number[] {
  const args = [
    '-v',
    'error',
    // No seek for the first frame: the image2 demuxer answers a seek in a single JPEG with no frame at all.
    ...(timeSec > 0 ? ['-ss', String(timeSec)] : []),
    '-i',
    path,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-',
  ];
  const rgb = execFileSync('ffmpeg', args, { maxBuffer: 256 * 1024 * 1024 });
  return (x, y) => {
    const offset = (y * widthPx + x) * 3;
    return [rgb[offset], rgb[offset + 1], rgb[offset + 2]];
  };
}

export function expectColorNear(actual: number[], expected: number[], tolerance: number): void {
  actual.forEach((channel, i) =>
    expect(Math.abs(channel - expected[i]), `channel ${i} of ${actual}`).toBeLessThanOrEqual(tolerance),
  );
}

/** Downloads a job output to a file under the harness's media root (removed with it). */
export async function downloadTo(harness: Harness, key: string, url: string, name: string): Promise<string> {
  const response = await harness.http.get(url).set('X-API-Key', key).buffer(true).parse(binaryParser).expect(200);
  const file = join(harness.config.storage.mediaRoot, name);
  writeFileSync(file, response.body as Buffer);
  // KEEP_TEST_OUTPUTS=/some/dir keeps a copy to look at (inspect-video, contact sheets).
  const keepDir = process.env.KEEP_TEST_OUTPUTS;
  if (keepDir) {
    mkdirSync(keepDir, { recursive: true });
    copyFileSync(file, join(keepDir, name));
  }
  return file;
}
