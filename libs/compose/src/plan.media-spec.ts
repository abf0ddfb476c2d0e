import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { kenBurnsView } from './ken-burns.js';
import { type CaptionCue, type CompositionPlan, type MediaFacts, planComposition } from './plan.js';
import { type CompositionInput } from './spec.js';
import { parseComposition } from './validate.js';

const run = promisify(execFile);
const FONTS_DIR = join(process.cwd(), 'assets/fonts');
const dir = mkdtempSync(join(tmpdir(), 'reelforge-compose-'));
let fonts: FontRegistry;

function lavfi(name: string, source: string, extra: string[] = ['-frames:v', '1']): string {
  const path = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, ...extra, path]);
  return path;
}

function still(path: string, widthPx: number, heightPx: number): MediaFacts {
  return {
    path,
    kind: 'image',
    durationSec: null,
    widthPx,
    heightPx,
    fps: null,
    hasAudio: false,
    hasVideo: true,
    colorSpace: null,
    pixelFormat: 'rgb24',
  };
}

function still120x100(path: string): MediaFacts {
  return { ...still(path, 120, 100), pixelFormat: 'rgb24' };
}

function tone(path: string, durationSec: number): MediaFacts {
  return {
    path,
    kind: 'audio',
    durationSec,
    widthPx: null,
    heightPx: null,
    fps: null,
    hasAudio: true,
    hasVideo: false,
    colorSpace: null,
    pixelFormat: null,
  };
}

async function render(
  name: string,
  composition: CompositionInput,
  media: Record<number, MediaFacts> = {},
  captions: Record<number, CaptionCue[]> = {},
): Promise<{ path: string; plan: CompositionPlan }> {
  const path = join(dir, name);
  const plan = planComposition({
    composition: parseComposition(composition),
    media: new Map(Object.entries(media).map(([k, v]) => [Number(k), v])),
    captions: new Map(Object.entries(captions).map(([k, v]) => [Number(k), v])),
    workDir: dir,
    outputPath: path,
  });
  for (const image of plan.textImages) writeFileSync(image.path, (await renderTextLayer(image.spec, fonts)).png);
  await run('ffmpeg', ['-v', 'error', '-y', ...plan.argv], { timeout: 60_000 });
  return { path, plan };
}

function probe(path: string): {
  streams: Array<Record<string, string | number>>;
  format: { duration: string; format_name: string };
} {
  return JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height,r_frame_rate,nb_frames:format=duration,format_name',
      '-of',
      'json',
      path,
    ]).toString(),
  ) as { streams: Array<Record<string, string | number>>; format: { duration: string; format_name: string } };
}

/** Every frame as the player shows it (BT.709), rgb24 or luma. */
function frames(path: string, pixFmt: 'rgb24' | 'gray', atSec?: number): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      ...(atSec !== undefined ? ['-ss', String(atSec)] : []),
      '-i',
      path,
      ...(atSec !== undefined ? ['-frames:v', '1'] : []),
      '-vf',
      `scale=in_color_matrix=bt709:in_range=tv:out_range=pc,format=${pixFmt}`,
      '-f',
      'rawvideo',
      '-',
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
}

function pixel(rgb: Buffer, widthPx: number, x: number, y: number): number[] {
  const offset = (y * widthPx + x) * 3;
  return [rgb[offset], rgb[offset + 1], rgb[offset + 2]];
}

const near = (actual: number[], expected: number[], tolerance: number): void =>
  actual.forEach((channel, i) => expect(Math.abs(channel - expected[i])).toBeLessThanOrEqual(tolerance));

describe('planComposition, rendered by ffmpeg 5.1', () => {
  beforeAll(() => {
    fonts = new FontRegistry(FONTS_DIR);
  });

  it('shows a #D4AF37 colour layer as #D4AF37 (BT.709 within ±4) at the planned size, rate and duration', async () => {
    const { path } = await render('gold.mp4', {
      output: { widthPx: 360, heightPx: 640, fps: 25, durationSec: 1 },
      layers: [{ type: 'color', color: '#D4AF37', widthPx: 100, heightPx: 100, anchor: 'top-left', marginPx: 20 }],
    });
    const facts = probe(path);
    expect(facts.streams).toHaveLength(1);
    expect(facts.streams[0]).toMatchObject({ codec_name: 'h264', width: 360, height: 640, r_frame_rate: '25/1' });
    expect(Math.abs(Number(facts.format.duration) - 1)).toBeLessThanOrEqual(0.04);
    const rgb = frames(path, 'rgb24', 0.5);
    near(pixel(rgb, 360, 70, 70), [0xd4, 0xaf, 0x37], 4);
    near(pixel(rgb, 360, 200, 300), [0, 0, 0], 4);
  });

  it('never stretches: contain letterboxes and cover crops the centre', async () => {
    const source = lavfi('halves.png', 'color=red:s=200x100,drawbox=x=100:y=0:w=100:h=100:c=blue:t=fill');
    const { path } = await render(
      'fit.mp4',
      {
        output: { widthPx: 320, heightPx: 240, durationSec: 0.5, background: '#00ff00' },
        layers: [
          { type: 'image', source: { library: 'x' }, fit: 'contain', xPx: 0, yPx: 0, widthPx: 160, heightPx: 160 },
          { type: 'image', source: { library: 'x' }, fit: 'cover', xPx: 200, yPx: 0, widthPx: 100, heightPx: 200 },
        ],
      },
      { 0: still(source, 200, 100), 1: still(source, 200, 100) },
    );
    const rgb = frames(path, 'rgb24', 0.1);
    // contain: 160x80 centred in a 160x160 box -> rows 40-120.
    near(pixel(rgb, 320, 40, 20), [0, 255, 0], 8);
    near(pixel(rgb, 320, 40, 80), [255, 0, 0], 8);
    near(pixel(rgb, 320, 120, 80), [0, 0, 255], 8);
    near(pixel(rgb, 320, 40, 140), [0, 255, 0], 8);
    // cover: 400x200 cropped to its centre 100 columns -> the red/blue boundary at the box's middle.
    near(pixel(rgb, 320, 220, 100), [255, 0, 0], 8);
    near(pixel(rgb, 320, 280, 100), [0, 0, 255], 8);
  });

  // Same-aspect source (the whole image is the view) and a wider one (cover leaves room to pan, so only the region the
  // camera sees is transformed): both must follow the eased path.
  it.each([
    {
      name: 'same aspect',
      size: [720, 1280],
      rect: [200, 300, 320, 600],
      fitted: [360, 640],
      panTo: { x: 0.4, y: 0.6 },
    },
    {
      name: 'wider, panned',
      size: [1080, 1280],
      rect: [300, 300, 400, 600],
      fitted: [540, 640],
      panTo: { x: 0.45, y: 0.55 },
    },
  ])('moves Ken Burns edges within 0.25 px of the eased path on every frame ($name)', async (scenario) => {
    const [srcW, srcH] = scenario.size;
    const [rx, ry, rw, rh] = scenario.rect;
    const source = lavfi(
      `rect-${srcW}.png`,
      `color=black:s=${srcW}x${srcH},drawbox=x=${rx}:y=${ry}:w=${rw}:h=${rh}:c=white:t=fill`,
    );
    const kenBurns = {
      zoomFrom: 1,
      zoomTo: 1.2,
      panFrom: { x: 0.5, y: 0.5 },
      panTo: scenario.panTo,
      easing: 'easeInOut' as const,
    };
    const { path } = await render(
      `kenburns-${srcW}.mp4`,
      {
        output: { widthPx: 360, heightPx: 640, fps: 30, durationSec: 2, quality: 'high' },
        layers: [{ type: 'image', source: { library: 'x' }, kenBurns }],
      },
      { 0: still(source, srcW, srcH) },
    );
    const [W, H] = [360, 640];
    const [fittedW, fittedH] = scenario.fitted;
    const scale = fittedW / srcW;
    const luma = frames(path, 'gray');
    const count = luma.length / (W * H);
    expect(count).toBe(60);
    let maxErrorPx = 0;
    for (let f = 0; f < count; f++) {
      const view = kenBurnsView(kenBurns, f / 60, { widthPx: fittedW, heightPx: fittedH }, { widthPx: W, heightPx: H });
      const map = (px: number, centre: number, side: number): number => (px - centre) * view.zoom + side / 2;
      const ideal = {
        l: map(rx * scale, view.centerXPx, W),
        r: map((rx + rw) * scale, view.centerXPx, W),
        t: map(ry * scale, view.centerYPx, H),
        b: map((ry + rh) * scale, view.centerYPx, H),
      };
      const at = (x: number, y: number): number => luma[f * W * H + y * W + x] / 255;
      const row = Math.round((ideal.t + ideal.b) / 2);
      const col = Math.round((ideal.l + ideal.r) / 2);
      // The area under a step's profile places its edge with sub-pixel precision.
      const edge = (sample: (i: number) => number, near: number, rising: boolean): number => {
        const from = Math.floor(near) - 4;
        let sum = 0;
        for (let i = from; i < from + 9; i++) sum += sample(i);
        return rising ? from + 9 - sum : from + sum;
      };
      const measured = {
        l: edge((x) => at(x, row), ideal.l, true),
        r: edge((x) => at(x, row), ideal.r, false),
        t: edge((y) => at(col, y), ideal.t, true),
        b: edge((y) => at(col, y), ideal.b, false),
      };
      for (const side of ['l', 'r', 't', 'b'] as const) {
        maxErrorPx = Math.max(maxErrorPx, Math.abs(measured[side] - ideal[side]));
      }
    }
    expect(maxErrorPx).toBeLessThanOrEqual(0.25);
  });

  it('blends the two layers in the middle of an xfade', async () => {
    const { path } = await render('xfade.mp4', {
      output: { widthPx: 320, heightPx: 240, fps: 25, durationSec: 3 },
      layers: [
        { type: 'color', color: '#ff0000', track: 'main', durationSec: 2 },
        { type: 'color', color: '#0000ff', track: 'main', startSec: 1, transition: { type: 'fade', durationSec: 1 } },
      ],
    });
    near(pixel(frames(path, 'rgb24', 0.5), 320, 160, 120), [255, 0, 0], 6);
    near(pixel(frames(path, 'rgb24', 1.5), 320, 160, 120), [128, 0, 128], 16);
    near(pixel(frames(path, 'rgb24', 2.5), 320, 160, 120), [0, 0, 255], 6);
  });

  it('holds a still that fades in at full opacity for the rest of its window, and removes it after', async () => {
    const { path } = await render('fade-in-hold.mp4', {
      output: { widthPx: 160, heightPx: 120, fps: 25, durationSec: 3, background: '#000000' },
      layers: [{ type: 'color', color: '#ffffff', durationSec: 2, fadeInSec: 0.5 }],
    });
    expect(pixel(frames(path, 'rgb24', 0.2), 160, 80, 60)[0]).toBeLessThan(160);
    near(pixel(frames(path, 'rgb24', 1.0), 160, 80, 60), [255, 255, 255], 6);
    near(pixel(frames(path, 'rgb24', 1.9), 160, 80, 60), [255, 255, 255], 6);
    near(pixel(frames(path, 'rgb24', 2.5), 160, 80, 60), [0, 0, 0], 6);
  });

  it('draws a boxed transition track on a canvas the size of its boxes, in place', async () => {
    const box = { xPx: 100, yPx: 60, widthPx: 120, heightPx: 100 };
    const { path, plan } = await render('xfade-boxed.mp4', {
      output: { widthPx: 320, heightPx: 240, fps: 25, durationSec: 3, background: '#00ff00' },
      layers: [
        { type: 'color', color: '#ff0000', track: 'main', durationSec: 2, ...box },
        {
          type: 'color',
          color: '#0000ff',
          track: 'main',
          startSec: 1,
          transition: { type: 'fade', durationSec: 1 },
          ...box,
        },
      ],
    });
    expect(plan.filterGraph).toContain('s=120x100');
    near(pixel(frames(path, 'rgb24', 0.5), 320, 160, 110), [255, 0, 0], 8);
    near(pixel(frames(path, 'rgb24', 1.5), 320, 160, 110), [128, 0, 128], 16);
    near(pixel(frames(path, 'rgb24', 2.5), 320, 160, 110), [0, 0, 255], 8);
    // Outside the box: the background, untouched by the track.
    near(pixel(frames(path, 'rgb24', 1.5), 320, 40, 200), [0, 255, 0], 8);
    near(pixel(frames(path, 'rgb24', 1.5), 320, 230, 110), [0, 255, 0], 8);
  });

  it('pads image members onto a boxed track (no canvas blend), in place, with the same xfade', async () => {
    const box = { xPx: 100, yPx: 60, widthPx: 120, heightPx: 100 };
    const red = lavfi('member-red.png', 'color=c=#ff0000:s=120x100');
    const blue = lavfi('member-blue.png', 'color=c=#0000ff:s=120x100');
    // Ken Burns at zoom 1 keeps the pixels and makes each member a full-window stream of known size.
    const still = { kenBurns: { zoomFrom: 1, zoomTo: 1 }, fit: 'contain' as const, ...box };
    const { path, plan } = await render(
      'xfade-padded.mp4',
      {
        output: { widthPx: 320, heightPx: 240, fps: 25, durationSec: 3, background: '#00ff00' },
        layers: [
          { type: 'image', source: { library: 'red' }, track: 'main', durationSec: 2, ...still },
          {
            type: 'image',
            source: { library: 'blue' },
            track: 'main',
            startSec: 1,
            transition: { type: 'fade', durationSec: 1 },
            ...still,
          },
        ],
      },
      { 0: still120x100(red), 1: still120x100(blue) },
    );
    expect(plan.filterGraph).toContain('pad=w=120:h=100:x=0:y=0');
    expect(plan.filterGraph).not.toContain('0x000000@0:s=');
    expect(Number(probe(path).format.duration)).toBeCloseTo(3, 1);
    near(pixel(frames(path, 'rgb24', 0.5), 320, 160, 110), [255, 0, 0], 8);
    near(pixel(frames(path, 'rgb24', 1.5), 320, 160, 110), [128, 0, 128], 16);
    near(pixel(frames(path, 'rgb24', 2.5), 320, 160, 110), [0, 0, 255], 8);
    near(pixel(frames(path, 'rgb24', 1.5), 320, 40, 200), [0, 255, 0], 8);
    near(pixel(frames(path, 'rgb24', 1.5), 320, 230, 110), [0, 255, 0], 8);
    // The box's edges: the member fills it exactly (padding offsets are the box's, not rounded away).
    near(pixel(frames(path, 'rgb24', 0.5), 320, 101, 61), [255, 0, 0], 12);
    near(pixel(frames(path, 'rgb24', 0.5), 320, 218, 158), [255, 0, 0], 12);
    near(pixel(frames(path, 'rgb24', 0.5), 320, 98, 58), [0, 255, 0], 12);
  });

  it('makes an opaque full-frame backdrop the base: one lut blends it at 50 % over the background', async () => {
    // A BT.709 limited yuv420p clip at 10 fps, smaller than the output: blended and scaled at its own size and rate.
    const clip = lavfi('backdrop-rust.mp4', 'color=c=#C04020:s=160x120:r=10:d=1', [
      '-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-colorspace', 'bt709',
      '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    ]); // prettier-ignore
    const facts: MediaFacts = {
      path: clip,
      kind: 'video',
      durationSec: 1,
      widthPx: 160,
      heightPx: 120,
      fps: 10,
      hasAudio: false,
      hasVideo: true,
      colorSpace: 'bt709',
      pixelFormat: 'yuv420p',
      colorRange: 'tv',
    };
    const { path, plan } = await render(
      'backdrop.mp4',
      {
        output: { widthPx: 320, heightPx: 240, fps: 25, durationSec: 2, background: '#2040C0' },
        layers: [
          { type: 'video', source: { library: 'rust' }, loop: true, opacity: 0.5 },
          { type: 'color', color: '#00ff00', widthPx: 40, heightPx: 40, anchor: 'top-left' },
        ],
      },
      { 0: facts },
    );
    expect(plan.filterGraph).toContain('lutyuv=');
    expect(plan.filterGraph).not.toContain('c=0x2040C0');
    // Blended and resized before the frame rate is raised to 25 fps.
    expect(plan.filterGraph.indexOf('lutyuv')).toBeLessThan(plan.filterGraph.indexOf('fps=fps=25'));
    const facts2 = probe(path);
    expect(facts2.streams[0]).toMatchObject({ width: 320, height: 240, r_frame_rate: '25/1', nb_frames: '50' });
    // 0.5·#C04020 + 0.5·#2040C0
    near(pixel(frames(path, 'rgb24', 1.5), 320, 200, 160), [112, 64, 112], 5);
    // Layers after the backdrop still draw over it.
    near(pixel(frames(path, 'rgb24', 1.5), 320, 20, 20), [0, 255, 0], 8);
  });

  it('blends an RGB photo backdrop after converting it (the same colours as an alpha overlay)', async () => {
    const photo = lavfi('backdrop-white.png', 'color=c=#ffffff:s=320x240');
    const { path, plan } = await render(
      'backdrop-photo.mp4',
      {
        output: { widthPx: 320, heightPx: 240, fps: 30, durationSec: 1, background: '#D4AF37' },
        layers: [{ type: 'image', source: { library: 'white' }, opacity: 0.25 }],
      },
      { 0: still(photo, 320, 240) },
    );
    expect(plan.filterGraph).toContain('lutyuv=');
    expect(plan.filterGraph).not.toContain('overlay');
    // The output's rate, not the image demuxer's 25.
    expect(probe(path).streams[0]).toMatchObject({ r_frame_rate: '30/1', nb_frames: '30' });
    // 0.25·white + 0.75·#D4AF37
    near(pixel(frames(path, 'rgb24', 0.5), 320, 160, 120), [223, 195, 105], 6);
  });

  it('mixes two audio layers into one 48 kHz stereo stream as long as the output, with loudnorm', async () => {
    const a = lavfi('a.wav', 'sine=frequency=440:duration=1', []);
    const b = lavfi('b.wav', 'sine=frequency=660:duration=3', []);
    const { path } = await render(
      'mix.mp4',
      {
        output: { widthPx: 320, heightPx: 240, durationSec: 2, loudnorm: true },
        layers: [
          { type: 'color', color: '#000' },
          { type: 'audio', source: { library: 'a' }, volume: 0.5, fadeOutSec: 0.2 },
          { type: 'audio', source: { library: 'b' }, startSec: 0.5 },
        ],
      },
      { 1: tone(a, 1), 2: tone(b, 3) },
    );
    const facts = probe(path);
    const audio = facts.streams.filter((stream) => stream.codec_type === 'audio');
    expect(audio).toHaveLength(1);
    expect(audio[0].codec_name).toBe('aac');
    expect(Math.abs(Number(facts.format.duration) - 2)).toBeLessThanOrEqual(0.05);
  });

  it('writes webm (VP9 + Opus) and gif outputs that probe right', async () => {
    const a = lavfi('c.wav', 'sine=frequency=440:duration=2', []);
    const webm = await render(
      'out.webm',
      {
        output: { widthPx: 320, heightPx: 240, durationSec: 1, format: 'webm' },
        layers: [
          { type: 'color', color: '#D4AF37' },
          { type: 'audio', source: { library: 'a' } },
        ],
      },
      { 1: tone(a, 2) },
    );
    const webmFacts = probe(webm.path);
    expect(webmFacts.streams.map((stream) => stream.codec_name).sort()).toEqual(['opus', 'vp9']);
    const gif = await render('out.gif', {
      output: { widthPx: 160, heightPx: 120, fps: 10, durationSec: 1, format: 'gif' },
      layers: [{ type: 'color', color: '#D4AF37', fadeInSec: 0.5 }],
    });
    const gifFacts = probe(gif.path);
    expect(gifFacts.streams).toHaveLength(1);
    expect(gifFacts.streams[0]).toMatchObject({ codec_name: 'gif', width: 160, height: 120 });
    near(pixel(frames(gif.path, 'rgb24', 0.8), 160, 80, 60), [0xd4, 0xaf, 0x37], 12);
  });

  it('shows each subtitle cue only inside its window', async () => {
    const { path } = await render(
      'subs.mp4',
      {
        output: { widthPx: 360, heightPx: 640, fps: 25, durationSec: 3 },
        layers: [
          {
            type: 'subtitles',
            source: { inline: 'x' },
            style: { fontSizePx: 48, color: '#ffffff', background: { color: '#ffffff', paddingPx: 10, radiusPx: 0 } },
          },
        ],
      },
      {},
      {
        0: [
          { startSec: 0.2, endSec: 1, text: 'ONE' },
          { startSec: 2, endSec: 2.6, text: 'TWO' },
        ],
      },
    );
    const brightAt = (sec: number): number => {
      const luma = frames(path, 'gray', sec);
      let bright = 0;
      for (const value of luma) if (value > 200) bright++;
      return bright;
    };
    expect(brightAt(0.6)).toBeGreaterThan(500);
    expect(brightAt(1.5)).toBe(0);
    expect(brightAt(2.3)).toBeGreaterThan(500);
    expect(brightAt(2.8)).toBe(0);
  });
});
