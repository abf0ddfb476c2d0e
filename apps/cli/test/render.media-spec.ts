import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testMedia } from '../../../test/support/test-media.js';
import { runCli } from './run-cli.js';

function probe(path: string): { durationSec: number; width: number; height: number; codecs: string[] } {
  const json = JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration:stream=codec_name,width,height',
      '-of',
      'json',
      path,
    ]).toString(),
  ) as { format: { duration: string }; streams: Array<{ codec_name: string; width?: number; height?: number }> };
  const video = json.streams.find((stream) => stream.width !== undefined);
  return {
    durationSec: Number(json.format.duration),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    codecs: json.streams.map((stream) => stream.codec_name),
  };
}

/** `reelforge render`: the composition libraries on this machine, no Postgres, Redis or API. */
describe('reelforge render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-cli-'));
  const write = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  it('renders a composition with library media, text and a local asset to a file', async () => {
    const image = testMedia.still('cli-product.png', '200x300');
    const assetId = '11111111-1111-4111-8111-111111111111';
    const spec = write('composition.json', {
      composition: {
        output: { widthPx: 320, heightPx: 240, fps: 15, durationSec: 2, background: '#101820' },
        layers: [
          { type: 'video', source: { library: 'overlays/glitter-4s.mp4' }, opacity: 0.7 },
          { type: 'image', source: { assetId }, fit: 'contain' },
          { type: 'text', text: 'Hello ✨', anchor: 'bottom', style: { fontSizePx: 32, color: '#D4AF37' } },
          { type: 'audio', source: { library: 'audio/beat-120bpm-30s.m4a' } },
        ],
      },
    });
    const out = join(dir, 'out.mp4');
    const result = await runCli(['render', spec, '-o', out, '--asset', `${assetId}=${image}`]);
    expect(result.stderr).toContain('render 100%');
    expect(result.code).toBe(0);
    expect(probe(out)).toMatchObject({ width: 320, height: 240, codecs: ['h264', 'aac'] });
    expect(probe(out).durationSec).toBeCloseTo(2, 1);
    // Nothing half-written or temporary left beside it.
    expect(readdirSync(dir).filter((name) => name.includes('.part'))).toEqual([]);
  }, 120_000);

  it('refuses an invalid spec with the validation message, and writes nothing', async () => {
    const spec = write('bad.json', {
      composition: { output: { widthPx: 5, heightPx: 240, durationSec: 2 }, layers: [] },
    });
    const out = join(dir, 'bad.mp4');
    const result = await runCli(['render', spec, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^invalid_input: composition\.output\.widthPx/);
    expect(existsSync(out)).toBe(false);
  });

  it('says how to use an asset id that has no local file', async () => {
    const spec = write('asset.json', {
      composition: {
        output: { widthPx: 320, heightPx: 240, durationSec: 1 },
        layers: [{ type: 'image', source: { assetId: '22222222-2222-4222-8222-222222222222' } }],
      },
    });
    const result = await runCli(['render', spec, '-o', join(dir, 'x.mp4')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--asset 22222222-2222-4222-8222-222222222222=<file>');
  });

  it('answers usage errors with exit status 2', async () => {
    expect((await runCli(['render'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['render', join(dir, 'missing.json'), '-o', 'x.mp4'])).code).toBe(2);
  });
});
