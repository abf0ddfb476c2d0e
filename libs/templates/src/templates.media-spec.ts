import { analyseBeats, ANALYSIS_SAMPLE_RATE, decodePcm } from '@reelforge/analysis';
import { type MediaFacts, type MediaSource, parseComposition, planComposition } from '@reelforge/compose';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { styleLibraryFromDirectory, type TemplateContext } from './context.js';
import { expandTemplate } from './registry.js';

const run = promisify(execFile);
const ASSETS_DIR = fileURLToPath(new URL('../../../assets', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'reelforge-templates-'));
/** Product shots stand in as URLs; the test maps them to files it draws. */
const PRODUCTS = ['https://example.com/a.png', 'https://example.com/b.png', 'https://example.com/c.png'];
const productPaths = new Map<string, string>();
let fonts: FontRegistry;

function ffprobe(path: string): {
  durationSec: number | null;
  widthPx: number | null;
  heightPx: number | null;
  audio: boolean;
} {
  const parsed = JSON.parse(
    execFileSync('ffprobe', [
      '-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', path,
    ]).toString(), // prettier-ignore
  ) as { format: { duration?: string }; streams: Array<{ codec_type: string; width?: number; height?: number }> };
  const video = parsed.streams.find((s) => s.codec_type === 'video');
  const duration = Number(parsed.format.duration);
  return {
    durationSec: Number.isFinite(duration) && duration > 0.1 ? duration : null,
    widthPx: video?.width ?? null,
    heightPx: video?.height ?? null,
    audio: parsed.streams.some((s) => s.codec_type === 'audio'),
  };
}

function pathOf(source: MediaSource): string {
  if ('library' in source) return join(ASSETS_DIR, source.library);
  if ('url' in source) return productPaths.get(source.url) ?? '';
  throw new Error('no assets in this test');
}

function factsOf(source: MediaSource): MediaFacts {
  const path = pathOf(source);
  const probe = ffprobe(path);
  const kind = path.endsWith('.png') ? 'image' : probe.widthPx === null ? 'audio' : 'video';
  return {
    path,
    kind,
    durationSec: kind === 'image' ? null : probe.durationSec,
    widthPx: probe.widthPx,
    heightPx: probe.heightPx,
    fps: kind === 'video' ? 25 : null,
    hasAudio: probe.audio,
    hasVideo: kind !== 'audio',
    colorSpace: null,
    pixelFormat: null,
  };
}

/** What the worker's context does, against the files of this test. */
const context: TemplateContext = {
  ...styleLibraryFromDirectory(ASSETS_DIR, (path) => Promise.resolve(ffprobe(path).durationSec)),
  analyseAudio: async (source) =>
    analyseBeats(await decodePcm('ffmpeg', pathOf(source), { timeoutMs: 30_000 }), {
      sampleRate: ANALYSIS_SAMPLE_RATE,
    }),
  mediaDurationSec: (source) => Promise.resolve(ffprobe(pathOf(source)).durationSec),
};

async function render(name: string, template: string, fields: Record<string, unknown>) {
  const expansion = await expandTemplate(template, fields, context);
  const composition = parseComposition(expansion.composition);
  composition.output.preview = true;
  const media = new Map<number, MediaFacts | null>();
  composition.layers.forEach((layer, i) => {
    if ('source' in layer && layer.type !== 'subtitles') media.set(i, factsOf(layer.source));
  });
  const path = join(dir, name);
  const plan = planComposition({ composition, media, captions: new Map(), workDir: dir, outputPath: path });
  for (const image of plan.textImages) writeFileSync(image.path, (await renderTextLayer(image.spec, fonts)).png);
  await run('ffmpeg', ['-v', 'error', '-y', ...plan.argv], { timeout: 120_000 });
  return { path, expansion, plan };
}

/** The RGB pixel at (xPx, yPx) of the frame at `atSec` (a 2x2 crop: 4:2:0 cannot crop to one pixel). */
function pixel(path: string, atSec: number, xPx: number, yPx: number): [number, number, number] {
  const frame = execFileSync('ffmpeg', [
    '-v', 'error', '-ss', String(atSec), '-i', path, '-frames:v', '1',
    '-vf', `crop=2:2:${xPx}:${yPx},scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24`,
    '-f', 'rawvideo', '-',
  ]); // prettier-ignore
  return [frame[0], frame[1], frame[2]];
}

beforeAll(() => {
  fonts = new FontRegistry(join(ASSETS_DIR, 'fonts'));
  const looks = ['0xC04060', '0x40A0C0', '0x60C040'];
  PRODUCTS.forEach((url, i) => {
    const path = join(dir, `product-${i}.png`);
    // A bottle-ish rounded shape on white, 3:4, a different colour each.
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'lavfi', '-i',
      `color=white:s=600x800,drawbox=x=200:y=150:w=200:h=560:color=${looks[i]}:t=fill,drawbox=x=260:y=80:w=80:h=80:color=0x202020:t=fill`,
      '-frames:v', '1', path,
    ]); // prettier-ignore
    productPaths.set(url, path);
  });
});

describe('templates rendered with the bundled library', () => {
  it('renders golden-frame with three products cut on the beat of the default bed', async () => {
    const { path, expansion, plan } = await render('golden.mp4', 'golden-frame', {
      images: PRODUCTS.map((url) => ({ url })),
    });
    expect(expansion.warnings).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(ffprobe(path)).toMatchObject({ widthPx: 540, heightPx: 960, audio: true });
    expect(ffprobe(path).durationSec).toBeCloseTo(15, 0);
    // The library frame's gold border (36 px at full size; a preview halves each side).
    const [r, g, b] = pixel(path, 7, 8, 480);
    expect(r).toBeGreaterThan(150);
    expect(b).toBeLessThan(r - 60);
    expect(g).toBeGreaterThan(b);
  });

  it('renders a slideshow with dust and a style clip with a title from the library', async () => {
    const slideshow = await render('slideshow.mp4', 'slideshow', {
      images: PRODUCTS.map((url) => ({ url })),
      audio: { library: 'audio/beat-120bpm-30s.m4a' },
      overlay: 'dust',
    });
    // 120 BPM: 8 beats (4 s) per image, ending on the 25th tracked beat (the first may be missed at 0 s).
    const slideshowSec = ffprobe(slideshow.path).durationSec ?? 0;
    expect(slideshowSec).toBeGreaterThan(11.9);
    expect(slideshowSec).toBeLessThan(12.6);
    const style = await render('style.mp4', 'style-clip', {
      seed: 5,
      durationSec: 4,
      speed: 1.5,
      title: 'Golden hour ✨',
      audio: 'soft-bed-20s.m4a',
    });
    expect(ffprobe(style.path).durationSec).toBeCloseTo(4, 0);
    expect(style.expansion.resolvedFields.seed).toBe(5);
  });
});
