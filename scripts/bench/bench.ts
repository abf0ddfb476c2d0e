import 'reflect-metadata';
import { analyseBeats, ANALYSIS_SAMPLE_RATE, type BeatAnalysis, decodePcm } from '@reelforge/analysis';
import {
  type CompositionInput,
  type ImageLayer,
  type KenBurns,
  type MediaFacts,
  type MediaSource,
  parseComposition,
  planComposition,
} from '@reelforge/compose';
import { type AppConfig, loadAppConfig, loadDotEnv } from '@reelforge/config';
import { Quality, TranscodeFormat } from '@reelforge/contracts';
import { classifyMedia, FfmpegRunner, probeFile, resolveMediaBinaries } from '@reelforge/media';
import { buildOverlayCommand, buildTranscodeCommand, planLadder, sourceMatrix } from '@reelforge/render';
import { LibraryCatalog } from '@reelforge/storage';
import {
  factsFromProbe,
  type GenerationResolver,
  libraryTemplateContext,
  prepareGeneration,
} from '@reelforge/templates';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createWorkerApp } from '../../apps/worker/src/bootstrap.js';
import { easeInOutExpr, lumaFrames, maxEdgeErrorPx } from './ken-burns-edges.js';

/**
 * `npm run bench`: prints JSON timings. Every comparison is measured in the same run on the same
 * input, so the ratios hold on a noisy shared machine even when the seconds do not.
 *
 * BENCH_RUNS (default 1): runs per figure, medians reported.
 * BENCH_ONLY (default all): comma-separated sections to run, of `ladder`, `overlay`, `goldenFrame`; the ladder is
 * the slow part, so `BENCH_ONLY=goldenFrame` runs the generation figures alone.
 */
const runs = Number(process.env.BENCH_RUNS ?? 1);
const only = new Set((process.env.BENCH_ONLY ?? 'ladder,overlay,goldenFrame').split(',').map((name) => name.trim()));
const workDir = mkdtempSync(join(tmpdir(), 'reelforge-bench-'));
const mediaDir = join(tmpdir(), 'reelforge-bench-media');
mkdirSync(mediaDir, { recursive: true });

function clip1080p30s(): string {
  const path = join(mediaDir, 'clip-30s-1080p.mp4');
  if (!existsSync(path)) {
    execFileSync('ffmpeg', [
      '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30:d=30',
      '-f', 'lavfi', '-i', 'sine=f=440:d=30',
      // Encoded like a typical export (High profile, B-frames, CABAC), not ultrafast: decoding it costs what real inputs cost.
      '-c:v', 'libx264', '-preset', 'fast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
      `${path}.part.mp4`,
    ]); // prettier-ignore
    execFileSync('mv', [`${path}.part.mp4`, path]);
  }
  return path;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const startMs = performance.now();
  await run();
  return (performance.now() - startMs) / 1000;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number): number => Math.round(value * 1000) / 1000;

async function benchLadder(runner: FfmpegRunner, source: string): Promise<Record<string, number>> {
  const facts = { colorSpace: null, pixelFormat: 'yuv420p', height: 1080, hasAudio: true };
  const { renditions } = planLadder({ widthPx: 1920, heightPx: 1080 }, [Quality.P1080, Quality.P720, Quality.P480]);
  const onePass: number[] = [];
  const separate: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dir = mkdtempSync(join(workDir, 'ladder-'));
    const single = buildTranscodeCommand({
      sourcePath: source,
      source: facts,
      renditions,
      format: TranscodeFormat.Mp4,
      outputDir: dir,
    });
    onePass.push(await timed(() => runner.run(single.args, { timeoutMs: 600_000 })));
    let total = 0;
    for (const rendition of renditions) {
      const one = buildTranscodeCommand({
        sourcePath: source,
        source: facts,
        renditions: [rendition],
        format: TranscodeFormat.Mp4,
        outputDir: dir,
      });
      total += await timed(() => runner.run(one.args, { timeoutMs: 600_000 }));
    }
    separate.push(total);
  }
  return {
    onePassSec: round(median(onePass)),
    threeSeparateRunsSec: round(median(separate)),
    ratio: round(median(onePass) / median(separate)),
  };
}

type Call = (path: string, init?: RequestInit & { key?: string; master?: boolean }) => Promise<Record<string, unknown>>;

interface Service {
  config: AppConfig;
  call: Call;
  /** A tenant's API key with limits high enough for the bench. */
  key: string;
  close(): Promise<void>;
}

const json = { 'Content-Type': 'application/json' };

/** The real API (on a free port) and worker in this process, with a fresh queue prefix and media root. */
async function startService(): Promise<Service> {
  loadDotEnv();
  const config = loadAppConfig({
    ...process.env,
    MASTER_KEY: process.env.MASTER_KEY ?? 'bench-master-key-0123456789',
    QUEUE_PREFIX: `rf-bench-${randomUUID().slice(0, 8)}`,
    MEDIA_ROOT: join(workDir, 'media'),
  });
  const api = await createApiApp(config, { logger: false });
  await api.listen(0);
  const worker = await createWorkerApp(config, { logger: false });
  await worker.init();
  const base = await api.getUrl();
  const call: Call = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.master) headers.set('X-Master-Key', config.auth.masterKey);
    if (init.key) headers.set('X-API-Key', init.key);
    const response = await fetch(`${base}${path}`, { ...init, headers });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const close = async (): Promise<void> => {
    await worker.close();
    await api.close();
  };
  try {
    const tenant = await call('/v1/admin/tenants', {
      method: 'POST',
      master: true,
      headers: json,
      body: JSON.stringify({ name: 'bench' }),
    });
    const { key } = (await call('/v1/admin/keys', {
      method: 'POST',
      master: true,
      headers: json,
      body: JSON.stringify({ tenantId: tenant.id, name: 'bench', minuteLimit: 10_000, dailyLimit: 100_000 }),
    })) as { key: string };
    return { config, call, key, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Posts a job, polls it to the end, and returns its row's finishedAt − startedAt in seconds. */
async function runJob(service: Service, path: string, body: unknown): Promise<number> {
  const { call, key } = service;
  const accepted = await call(path, { method: 'POST', key, headers: json, body: JSON.stringify(body) });
  let job: Record<string, unknown>;
  do {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = await call(`/v1/jobs/${accepted.jobId}`, { key });
  } while (job.status === 'queued' || job.status === 'processing');
  if (job.status !== 'succeeded') throw new Error(`${path} job ${job.status}: ${JSON.stringify(job.error)}`);
  return (Date.parse(job.finishedAt as string) - Date.parse(job.startedAt as string)) / 1000;
}

async function uploadAsset(service: Service, path: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)]), name);
  const asset = await service.call('/v1/assets', { method: 'POST', key: service.key, body: form });
  return asset.id as string;
}

/** The overlay job through the real API and worker, against the bare ffmpeg command for the same layers. */
async function benchOverlay(runner: FfmpegRunner, source: string): Promise<Record<string, number>> {
  const service = await startService();
  const { config } = service;
  try {
    const assetId = await uploadAsset(service, source, 'clip.mp4');

    const text = {
      text: 'Reelforge bench ✨',
      fontSizePx: 72,
      color: '#FFFFFF',
      boxWidthPx: 1200,
      stroke: { color: '#000000', widthPx: 4 },
    };
    const request = {
      assetId,
      layers: [
        {
          type: 'image',
          source: { library: 'overlays/sparkles.png' },
          position: { anchor: 'top-right', marginPx: 40 },
          scale: 0.2,
          opacity: 0.8,
        },
        { type: 'text', text, position: { anchor: 'bottom', marginPx: 80 }, fadeInSec: 1 },
      ],
      watermark: { image: { library: 'overlays/reelforge-logo.png' }, opacity: 0.6 },
    };
    const jobSec: number[] = [];
    for (let i = 0; i < runs; i += 1) jobSec.push(await runJob(service, '/v1/overlays', request));

    // The same layers, prepared as the worker prepares them, through the same builder, run bare.
    const fonts = new FontRegistry(join(config.assets.dir, 'fonts'));
    const textPng = join(workDir, 'text.png');
    writeFileSync(textPng, (await renderTextLayer(text, fonts)).png);
    const window = { startSec: 0, endSec: null, fadeInSec: 0, fadeOutSec: 0 };
    const args = buildOverlayCommand({
      sourcePath: source,
      source: { colorSpace: null, pixelFormat: 'yuv420p', height: 1080, hasAudio: true, audioCodec: 'aac', durationSec: 30, fps: 30 },
      layers: [
        { kind: 'image', path: join(config.assets.dir, 'overlays/sparkles.png'), x: 'W-w-40', y: '40', widthPx: 384, heightPx: -1, opacity: 0.8, window, loop: false },
        { kind: 'image', path: textPng, x: '(W-w)/2', y: 'H-h-80', widthPx: null, heightPx: null, opacity: 1, window: { ...window, fadeInSec: 1 }, loop: false },
        { kind: 'image', path: join(config.assets.dir, 'overlays/reelforge-logo.png'), x: 'W-w-24', y: 'H-h-24', widthPx: 288, heightPx: -1, opacity: 0.6, window, loop: false },
      ],
      outputPath: join(workDir, 'bare-overlay.mp4'),
    }); // prettier-ignore
    const bareSec: number[] = [];
    for (let i = 0; i < runs; i += 1) bareSec.push(await timed(() => runner.run(args, { timeoutMs: 600_000 })));
    return {
      jobSec: round(median(jobSec)),
      bareCommandSec: round(median(bareSec)),
      ratio: round(median(jobSec) / median(bareSec)),
    };
  } finally {
    await service.close();
  }
}

/** Peak memory seen while `run` ran: this process's RSS and the largest VmHWM of its ffmpeg children. */
interface Sampled {
  sec: number;
  nodePeakRssMb: number;
  ffmpegPeakRssMb: number;
}

/** VmHWM (peak RSS, kB) of each live child of this process whose command is ffmpeg (setpriv execs it in place). */
function ffmpegChildrenHwmKb(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces; ppid is the second field after it.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid || comm !== 'ffmpeg') continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (hwm) found.push(Number(hwm[1]));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return found;
}

/**
 * Times `run` and samples memory every 100 ms. VmHWM is the kernel's own peak for the process, so a sample taken any
 * time before ffmpeg exits sees its true peak; a run shorter than 100 ms may be missed (the poster's is not, it
 * decodes a 1080x1920 H.264 frame).
 */
async function sampled(run: () => Promise<unknown>): Promise<Sampled> {
  let nodePeakBytes = process.memoryUsage().rss;
  let ffmpegPeakKb = 0;
  const sample = (): void => {
    nodePeakBytes = Math.max(nodePeakBytes, process.memoryUsage().rss);
    ffmpegPeakKb = Math.max(ffmpegPeakKb, ...ffmpegChildrenHwmKb());
  };
  const timer = setInterval(sample, 100);
  try {
    const sec = await timed(run);
    return {
      sec,
      nodePeakRssMb: Math.round(nodePeakBytes / 2 ** 20),
      ffmpegPeakRssMb: Math.round(ffmpegPeakKb / 1024),
    };
  } finally {
    clearInterval(timer);
  }
}

const GOLDEN_FPS = 30;
const GOLDEN_DURATION_SEC = 15;
/** The template's product box (libs/templates/src/golden-frame.template.ts). */
const PRODUCT_BOX = { xPx: 90, yPx: 160, widthPx: 900, heightPx: 1600 };

/** Three "product photos" at phone-photo sizes, two JPEGs (4:2:0 BT.601) and a PNG (RGB), portrait and landscape. */
function productImages(): string[] {
  const make = (name: string, source: string, extra: string[]): string => {
    const path = join(mediaDir, name);
    if (!existsSync(path)) execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '1', ...extra, path]);
    return path;
  }; // prettier-ignore
  return [
    make('product-1-1200x1600.jpg', 'testsrc2=s=1200x1600', ['-q:v', '2']),
    make('product-2-1600x1200.jpg', 'smptehdbars=s=1600x1200', ['-q:v', '2']),
    make('product-3-1200x1600.png', 'mandelbrot=s=1200x1600', []),
  ];
}

/** A product image as the hand-written command needs it: its path, contained size and swscale input matrix. */
interface HandImage {
  path: string;
  widthPx: number;
  heightPx: number;
  inMatrix: string | null;
  startSec: number;
  /** Seconds of frames it contributes: its own window, held to the end of the next image's transition. */
  windowSec: number;
}

/**
 * The leanest single ffmpeg command we could write for the golden-frame picture, as a reference for the planner.
 * Same inputs, layout, motion, cuts, fades, audio and encoder settings; what it leaves out is generality.
 */
function handWrittenArgv(input: {
  glitterPath: string;
  images: HandImage[];
  framePath: string;
  textPath: string;
  textXPx: number;
  textYPx: number;
  audioPath: string;
  transitionSec: number;
  crf: number;
  outputPath: string;
}): string[] {
  const fps = GOLDEN_FPS;
  const totalFrames = GOLDEN_DURATION_SEC * fps;
  const box = PRODUCT_BOX;
  const graph: string[] = [];
  // Backdrop: the glitter loop at 70 % over the template's #050505 background. Over a flat colour, alpha blending is
  // linear per pixel, so one lutyuv (out = 0.7·in + 0.3·bg, bg = BT.709 limited-range #050505: Y 20.29, U = V = 128)
  // replaces the alpha plane, the lut and a full-frame overlay; done at the loop's 540x960 before upscaling, and before
  // `fps` so the 25 fps source is scaled 375 times rather than 450. The loop is untagged 540x960 → BT.709 as the
  // planner assumes for HD, so the upscale needs no matrix change.
  const bgY = 16 + (219 * 5) / 255;
  graph.push(
    `[0:v]lutyuv=y=val*0.7+${round(0.3 * bgY)}:u=val*0.7+${round(0.3 * 128)}:v=val*0.7+${round(0.3 * 128)},` +
      `scale=${1080}:${1920}:flags=bicubic,fps=${fps},trim=end_frame=${totalFrames}[bg]`,
  );
  input.images.forEach((image, i) => {
    const frames = Math.ceil(image.windowSec * fps);
    // Ken Burns 1.0→1.05 easeInOut about the centre (pan 0.5→0.5 never clamps), sub-pixel: perspective with float
    // corners, sense=source, bilinear, on yuva420p (docs/ken-burns.md). Progress counts perspective's 1-based `in`.
    // Output pixel u samples centre + (u + 0.5 − side/2)/z, so the left/top corner is (side/2 − 0.5)·(1 − 1/z).
    const p = `clip((in-1)/${round(image.windowSec * fps)},0,1)`;
    const zoom = `(1+0.05*${easeInOutExpr(p)})`;
    const left = `${image.widthPx / 2 - 0.5}*(1-1/${zoom})`;
    const top = `${image.heightPx / 2 - 0.5}*(1-1/${zoom})`;
    const right = `${left}+${image.widthPx}/${zoom}`;
    const bottom = `${top}+${image.heightPx}/${zoom}`;
    const matrix = image.inMatrix ? `in_color_matrix=${image.inMatrix}:` : '';
    graph.push(
      // Scaled (contain) and converted to BT.709 once, in one swscale pass; `loop` repeats that one frame. The image
      // demuxer's 1/25 time base would truncate N/30 timestamps (two frames at pts 0), so settb first.
      `[${i + 1}:v]scale=${image.widthPx}:${image.heightPx}:${matrix}out_color_matrix=bt709:out_range=tv:` +
        `flags=bicubic+accurate_rnd+full_chroma_int,format=yuva420p,loop=loop=${frames - 1}:size=1:start=0,` +
        `settb=1/${fps},setpts=N/${fps}/TB,` +
        `perspective=x0='${left}':y0='${top}':x1='${right}':y1='${top}':x2='${left}':y2='${bottom}':` +
        `x3='${right}':y3='${bottom}':interpolation=linear:sense=source:eval=frame,` +
        // Contain letterbox: transparent padding to the box only (not the whole frame), so xfade and the overlay
        // below touch 900x1600 pixels instead of 1080x1920.
        `pad=${box.widthPx}:${box.heightPx}:(ow-iw)/2:(oh-ih)/2:black@0[img${i}]`,
    );
  });
  let track = 'img0';
  input.images.slice(1).forEach((image, i) => {
    graph.push(
      `[${track}][img${i + 1}]xfade=transition=fade:duration=${input.transitionSec}:offset=${image.startSec}[xf${i + 1}]`,
    );
    track = `xf${i + 1}`;
  });
  graph.push(`[bg][${track}]overlay=${box.xPx}:${box.yPx}:format=yuv420[withProduct]`);
  // Frame and hook: RGBA PNGs converted to BT.709 yuva420p once; overlay repeats the last frame (eof_action=repeat).
  const frameInput = input.images.length + 1;
  graph.push(`[${frameInput}:v]scale=out_color_matrix=bt709:out_range=tv,format=yuva420p[frame]`);
  graph.push(`[withProduct][frame]overlay=0:0:format=yuv420[framed]`);
  // The hook fades in over 0.6 s: only those 18 frames are made; overlay then holds the last, fully opaque one.
  const fadeFrames = Math.ceil(0.6 * fps);
  graph.push(
    `[${frameInput + 1}:v]scale=out_color_matrix=bt709:out_range=tv,format=yuva420p,` +
      `loop=loop=${fadeFrames}:size=1:start=0,settb=1/${fps},setpts=N/${fps}/TB,fade=t=in:st=0:d=0.6:alpha=1[hook]`,
  );
  graph.push(`[framed][hook]overlay=${input.textXPx}:${input.textYPx}:format=yuv420[vout]`);
  // Audio: the 30 s bed is longer than the video, so no loop; gain 0.8, 1 s fade in, 2 s fade out, AAC at 48 kHz.
  graph.push(
    `[${frameInput + 2}:a]volume=0.8,afade=t=in:d=1,afade=t=out:st=${GOLDEN_DURATION_SEC - 2}:d=2,` +
      `atrim=duration=${GOLDEN_DURATION_SEC},aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[aout]`,
  );
  return [
    '-stream_loop', '-1', '-i', input.glitterPath,
    ...input.images.flatMap((image) => ['-i', image.path]),
    '-i', input.framePath,
    '-i', input.textPath,
    '-i', input.audioPath,
    '-filter_complex', graph.join(';'),
    '-map', '[vout]', '-map', '[aout]',
    // The planner's encoder settings: x264 veryfast at its "medium" CRF, BT.709 tags, AAC 160k 48 kHz, faststart.
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(input.crf), '-pix_fmt', 'yuv420p',
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-movflags', '+faststart',
    '-t', String(GOLDEN_DURATION_SEC), '-f', 'mp4', input.outputPath,
  ]; // prettier-ignore
}

/** Beats as the worker's AudioAnalysisService computes them (same decoder, analyser and rounding). */
async function analyseFile(ffmpegPath: string, path: string): Promise<BeatAnalysis> {
  const samples = await decodePcm(ffmpegPath, path, { timeoutMs: 120_000, maxDurationSec: 600 });
  const result = analyseBeats(samples, { sampleRate: ANALYSIS_SAMPLE_RATE });
  const to3 = (value: number): number => Number(value.toFixed(3));
  return {
    tempoBpm: result.tempoBpm === null ? null : Number(result.tempoBpm.toFixed(2)),
    beats: result.beats.map(to3),
    onsets: result.onsets.map(to3),
    confidence: to3(result.confidence),
  };
}

/**
 * The golden-frame template: the job through the real API and worker (with memory sampled), the planner's own argv
 * run bare, and the hand-written command, all on the same inputs in the same run.
 */
async function benchGoldenFrame(runner: FfmpegRunner, ffmpegPath: string): Promise<Record<string, unknown>> {
  const imagePaths = productImages();
  const service = await startService();
  const { config } = service;
  try {
    const assetIds: string[] = [];
    for (const [i, path] of imagePaths.entries()) {
      assetIds.push(await uploadAsset(service, path, `product-${i + 1}.${path.slice(-3)}`));
    }
    const request = { template: 'golden-frame', fields: { images: assetIds.map((assetId) => ({ assetId })) } };
    const job: Sampled[] = [];
    const jobSec: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      let sec = 0;
      job.push(await sampled(async () => (sec = await runJob(service, '/v1/generate', request))));
      jobSec.push(sec);
    }

    // The planner's argv for the same request, prepared the way the worker prepares it: the same probe facts, the
    // same beat analysis of the bed (so the same cuts), the same text PNG.
    const library = new LibraryCatalog(config.assets.dir);
    const probe = (path: string) =>
      probeFile(resolveMediaBinaries({}).ffprobePath, path, {
        timeoutMs: config.media.probeTimeoutMs,
        limits: { maxDurationSec: config.media.maxDurationSec, maxPixels: config.media.maxPixels },
      });
    const pathOf = async (source: MediaSource): Promise<string> => {
      if ('assetId' in source) return imagePaths[assetIds.indexOf(source.assetId)];
      if ('library' in source) return (await library.resolve(source.library)).path;
      throw new Error('the bench uses no URLs');
    };
    const factsOf = async (source: MediaSource): Promise<MediaFacts> => {
      const path = await pathOf(source);
      const probed = await probe(path);
      return factsFromProbe(probed, path, classifyMedia(probed).kind);
    };
    const resolver: GenerationResolver = { media: factsOf, captions: () => Promise.resolve([]) };
    const context = libraryTemplateContext({
      library,
      probe,
      analyseAudio: async (source) => analyseFile(ffmpegPath, await pathOf(source)),
      mediaDurationSec: async (source) => (await factsOf(source)).durationSec,
    });
    const prepared = await prepareGeneration(request, resolver, context);
    const plannerDir = mkdtempSync(join(workDir, 'planner-'));
    const plan = planComposition({
      composition: prepared.composition,
      media: prepared.media,
      captions: prepared.captions,
      workDir: plannerDir,
      outputPath: join(plannerDir, 'planner.mp4'),
    });
    const fonts = new FontRegistry(join(config.assets.dir, 'fonts'));
    for (const image of plan.textImages) writeFileSync(image.path, (await renderTextLayer(image.spec, fonts)).png);
    const planner: Sampled[] = [];
    for (let i = 0; i < runs; i += 1) {
      planner.push(await sampled(() => runner.run(plan.argv, { timeoutMs: 600_000 })));
    }

    // The hand-written command takes its cut times from the same expansion, and the planner's text PNG.
    const layers = prepared.composition.layers;
    const members = layers.flatMap((layer, i) => (layer.type === 'image' && layer.track === 'images' ? [i] : []));
    const imageAt = (index: number): ImageLayer => layers[index] as ImageLayer;
    const images: HandImage[] = members.map((index, k) => {
      const layer = imageAt(index);
      const facts = prepared.media.get(index);
      if (!facts?.widthPx || !facts.heightPx) throw new Error(`layer ${index}: no image size`);
      const scale = Math.min(PRODUCT_BOX.widthPx / facts.widthPx, PRODUCT_BOX.heightPx / facts.heightPx);
      const next = members[k + 1] === undefined ? null : imageAt(members[k + 1]);
      const endSec = layer.startSec + (layer.durationSec ?? GOLDEN_DURATION_SEC);
      const heldEndSec = next?.transition ? Math.max(endSec, next.startSec + next.transition.durationSec) : endSec;
      return {
        path: facts.path,
        widthPx: Math.min(PRODUCT_BOX.widthPx, Math.round(facts.widthPx * scale)),
        heightPx: Math.min(PRODUCT_BOX.heightPx, Math.round(facts.heightPx * scale)),
        inMatrix: sourceMatrix({ ...facts, height: facts.heightPx }),
        startSec: layer.startSec,
        windowSec: heldEndSec - layer.startSec,
      };
    });
    const frameIndex = layers.findIndex((layer) => layer.type === 'image' && layer.fit === 'fill');
    const textLayer = layers.find((layer) => layer.type === 'text');
    const audioIndex = layers.findIndex((layer) => layer.type === 'audio');
    const glitterIndex = layers.findIndex((layer) => layer.type === 'video');
    const pathAt = (index: number): string => {
      const facts = prepared.media.get(index);
      if (!facts) throw new Error(`layer ${index}: no media`);
      return facts.path;
    };
    const handPath = join(plannerDir, 'hand.mp4');
    const handArgv = handWrittenArgv({
      glitterPath: pathAt(glitterIndex),
      images,
      framePath: pathAt(frameIndex),
      textPath: plan.textImages[0].path,
      // The hook's PNG is drawn as wide as its 900 px box, so (90)+(900−w)/2 is 90.
      textXPx: textLayer?.xPx ?? 0,
      textYPx: textLayer?.yPx ?? 0,
      audioPath: pathAt(audioIndex),
      transitionSec: members.length > 1 ? (imageAt(members[1]).transition?.durationSec ?? 0) : 0,
      crf: Number(plan.argv[plan.argv.indexOf('-crf') + 1]),
      outputPath: handPath,
    });
    const hand: Sampled[] = [];
    for (let i = 0; i < runs; i += 1) hand.push(await sampled(() => runner.run(handArgv, { timeoutMs: 600_000 })));
    // Same picture check: PSNR of the planner's output against the hand-written one (both lossy CRF encodes).
    const psnrLog = spawnSync(
      'ffmpeg',
      ['-hide_banner', '-i', join(plannerDir, 'planner.mp4'), '-i', handPath, '-lavfi', '[0:v][1:v]psnr', '-f', 'null', '-'],
      { encoding: 'utf8' },
    ).stderr; // prettier-ignore
    const psnr = /PSNR y:([\d.]+) .*average:([\d.]+) min:([\d.]+)/.exec(psnrLog);

    const med = (list: Sampled[], key: keyof Sampled): number => median(list.map((entry) => entry[key]));
    return {
      cutsSec: members.map((index) => layers[index].startSec),
      jobSec: round(median(jobSec)),
      plannerArgvBareSec: round(med(planner, 'sec')),
      handWrittenSec: round(med(hand, 'sec')),
      ratio: round(median(jobSec) / med(hand, 'sec')),
      plannerGraphOverHand: round(med(planner, 'sec') / med(hand, 'sec')),
      jobOverPlannerBare: round(median(jobSec) / med(planner, 'sec')),
      plannerVsHandPsnrDb: psnr ? { y: Number(psnr[1]), average: Number(psnr[2]), worstFrame: Number(psnr[3]) } : null,
      peakRssMb: {
        jobNodeProcessIncludingApi: Math.max(...job.map((entry) => entry.nodePeakRssMb)),
        jobFfmpeg: Math.max(...job.map((entry) => entry.ffmpegPeakRssMb)),
        plannerArgvFfmpeg: Math.max(...planner.map((entry) => entry.ffmpegPeakRssMb)),
        handWrittenFfmpeg: Math.max(...hand.map((entry) => entry.ffmpegPeakRssMb)),
      },
    };
  } finally {
    await service.close();
  }
}

/**
 * Ken Burns smoothness at the template's size: a white 480x900 rectangle on a black 1080x1920 still, zoom 1.0→1.2
 * with a pan (0.5,0.5)→(0.4,0.6), easeInOut, 2 s at 30 fps (the media test's motion, at full size), rendered by the
 * planner (perspective) and by plain zoompan, encoded CRF 18 and decoded; max edge error against the eased path.
 */
async function benchKenBurnsEdges(runner: FfmpegRunner): Promise<Record<string, number>> {
  const [W, H, fps, durationSec] = [1080, 1920, 30, 2];
  const frames = fps * durationSec;
  const rect = { xPx: 300, yPx: 450, widthPx: 480, heightPx: 900 };
  const kenBurns: KenBurns = {
    zoomFrom: 1,
    zoomTo: 1.2,
    panFrom: { x: 0.5, y: 0.5 },
    panTo: { x: 0.4, y: 0.6 },
    easing: 'easeInOut',
  };
  const dir = mkdtempSync(join(workDir, 'kenburns-'));
  const still = join(dir, 'rect.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=black:s=${W}x${H},drawbox=x=${rect.xPx}:y=${rect.yPx}:w=${rect.widthPx}:h=${rect.heightPx}:c=white:t=fill`, '-frames:v', '1', still]); // prettier-ignore

  const composition: CompositionInput = {
    output: { widthPx: W, heightPx: H, fps, durationSec, quality: 'high' },
    layers: [{ type: 'image', source: { library: 'x' }, kenBurns }],
  };
  const plannerPath = join(dir, 'planner.mp4');
  const plan = planComposition({
    composition: parseComposition(composition),
    media: new Map([[0, { path: still, kind: 'image', durationSec: null, widthPx: W, heightPx: H, fps: null, hasAudio: false, hasVideo: true, colorSpace: null, pixelFormat: 'rgb24' }]]),
    captions: new Map(),
    workDir: dir,
    outputPath: plannerPath,
  }); // prettier-ignore
  await runner.run(plan.argv, { timeoutMs: 600_000 });

  // zoompan: `on` is the output frame number from 0; x/y are the top-left of the viewed area in input pixels, which
  // zoompan rounds to whole pixels (and the view's size too): that rounding is what the figure shows.
  const p = `(on/${frames})`;
  const e = `(${easeInOutExpr(p)})`;
  const zoom = `(1+0.2*${e})`;
  const zoompanPath = join(dir, 'zoompan.mp4');
  const zoompan =
    `zoompan=z='${zoom}':x='clip((0.5-0.1*${e})*iw,iw/${zoom}/2,iw-iw/${zoom}/2)-iw/${zoom}/2':` +
    `y='clip((0.5+0.1*${e})*ih,ih/${zoom}/2,ih-ih/${zoom}/2)-ih/${zoom}/2':d=1:s=${W}x${H}:fps=${fps}`;
  await runner.run(
    ['-loop', '1', '-framerate', String(fps), '-i', still, '-vf', `${zoompan},scale=out_color_matrix=bt709:out_range=tv,format=yuv420p`, '-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', zoompanPath],
    { timeoutMs: 600_000 },
  ); // prettier-ignore

  const size = { widthPx: W, heightPx: H };
  return {
    perspectiveMaxEdgeErrorPx: round(maxEdgeErrorPx(lumaFrames(plannerPath), size, rect, kenBurns, frames)),
    zoompanMaxEdgeErrorPx: round(maxEdgeErrorPx(lumaFrames(zoompanPath), size, rect, kenBurns, frames)),
  };
}

async function main(): Promise<void> {
  const binaries = resolveMediaBinaries({});
  const runner = new FfmpegRunner(binaries.ffmpegPath);
  const source = only.has('ladder') || only.has('overlay') ? clip1080p30s() : null;
  const ladder = source && only.has('ladder') ? await benchLadder(runner, source) : undefined;
  const overlay = source && only.has('overlay') ? await benchOverlay(runner, source) : undefined;
  const goldenFrame = only.has('goldenFrame')
    ? {
        input:
          '3 product images (1200x1600 JPEG, 1600x1200 JPEG, 1200x1600 PNG), template defaults, 15 s 1080x1920 30 fps',
        ...(await benchGoldenFrame(runner, binaries.ffmpegPath)),
        kenBurns1080x1920: await benchKenBurnsEdges(runner),
      }
    : undefined;
  console.log(
    JSON.stringify(
      {
        runs,
        source: '30 s 1920x1080 30 fps H.264 High (x264 fast, CRF 20) + AAC, testsrc2',
        ladder,
        overlay,
        goldenFrame,
      },
      null,
      2,
    ),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));
