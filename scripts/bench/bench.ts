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
import { ReelforgeClient } from '@reelforge/client';
import { type AppConfig, loadAppConfig, loadDotEnv } from '@reelforge/config';
import { classifyMedia, FfmpegRunner, probeFile, resolveMediaBinaries } from '@reelforge/media';
import { sourceMatrix, x264ParamsFromSei } from '@reelforge/render';
import { LibraryCatalog } from '@reelforge/storage';
import {
  factsFromProbe,
  type GenerationResolver,
  libraryTemplateContext,
  prepareGeneration,
} from '@reelforge/templates';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createWorkerApp } from '../../apps/worker/src/bootstrap.js';
import { easeInOutExpr, lumaFrames, maxEdgeErrorPx } from './ken-burns-edges.js';

/**
 * `npm run bench` (issue 12): for each workload, the product job (submitted through the real API and run by the
 * real worker, in this process) against the best hand-written ffmpeg command for the same output, on the same
 * generated media in the same run, runs interleaved (job, hand, job, hand, ...) so contention from other work on
 * the machine falls on both alike. Prints JSON and writes the table into docs/measurements.md.
 *
 * Each figure is the median of BENCH_RUNS (default 3) runs of: wall seconds; CPU seconds (user + sys) of the child
 * processes (ffmpeg, ffprobe) from this process's `cutime + cstime`, which contention inflates far less than wall
 * time; CPU seconds of this Node process (API + worker + bench); peak RSS of ffmpeg and of this process.
 *
 * BENCH_ONLY (default all): comma-separated workloads of `ladder`, `trim`, `overlay`, `goldenFrame`, `kenBurns`.
 * BENCH_NO_WRITE=1 leaves docs/measurements.md alone.
 */
const execFileAsync = promisify(execFile);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const only = new Set(
  (process.env.BENCH_ONLY ?? 'ladder,trim,overlay,goldenFrame').split(',').map((name) => name.trim()),
);
const workDir = mkdtempSync(join(tmpdir(), 'reelforge-bench-'));
const mediaDir = join(tmpdir(), 'reelforge-bench-media');
mkdirSync(mediaDir, { recursive: true });

/** Generated once per machine and kept in /tmp: encoding a minute of 1080x1920 costs minutes on a busy box. */
function generated(name: string, args: string[]): string {
  const path = join(mediaDir, name);
  if (!existsSync(path)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, `${path}.part.mp4`]);
    execFileSync('mv', [`${path}.part.mp4`, path]);
  }
  return path;
}

/** Encoded like a typical export (High profile, B-frames, CABAC), not ultrafast: decoding it costs what real inputs cost. */
const clip1080p30s = (): string =>
  generated('clip-30s-1080p.mp4', [
    '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30:d=30', '-f', 'lavfi', '-i', 'sine=f=440:d=30',
    '-c:v', 'libx264', '-preset', 'fast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
  ]); // prettier-ignore

/** The trim source: 60 s 1080x1920 30 fps, a keyframe every 48 frames (1.6 s). */
const clipPortrait60s = (): string =>
  generated('clip-60s-1080x1920-gop48.mp4', [
    '-f', 'lavfi', '-i', 'testsrc2=s=1080x1920:r=30:d=60', '-f', 'lavfi', '-i', 'sine=f=440:d=60',
    '-c:v', 'libx264', '-preset', 'fast', '-crf', '20', '-g', '48', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
  ]); // prettier-ignore

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** user + sys seconds of every child this process has waited for (fields 16 and 17 of /proc/self/stat). */
function childCpuSec(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SEC;
}
const CLOCK_TICKS_PER_SEC = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * VmHWM (peak RSS, kB) of each live child of this process whose command is ffmpeg (setpriv execs it in place).
 * Children come from /proc/self/task/<tid>/children, not a scan of all of /proc: on a shared machine with hundreds
 * of processes that scan, every 50 ms, cost the bench more CPU than the jobs' own Node work.
 */
function ffmpegChildrenHwmKb(): number[] {
  const found: number[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    let children: string[];
    try {
      children = readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      continue;
    }
    for (const pid of children) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        if (/^Name:\s+(\S+)/m.exec(status)?.[1] !== 'ffmpeg') continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) found.push(Number(hwm[1]));
      } catch {
        // The process ended between the listing and the read.
      }
    }
  }
  return found;
}

interface Measure {
  wallSec: number;
  /** ffmpeg + ffprobe user+sys seconds. */
  childCpuSec: number;
  /** This Node process (API + worker + bench polling) user+sys seconds. */
  nodeCpuSec: number;
  ffmpegPeakRssMb: number;
  nodePeakRssMb: number;
}

/**
 * Runs `run` and measures it. Memory is sampled every 50 ms; VmHWM is the kernel's own peak for the process, so a
 * sample taken any time before ffmpeg exits sees its true peak (a run shorter than 50 ms may be missed).
 */
async function measure(run: () => Promise<unknown>): Promise<Measure> {
  let nodePeakBytes = process.memoryUsage().rss;
  let ffmpegPeakKb = 0;
  const sample = (): void => {
    nodePeakBytes = Math.max(nodePeakBytes, process.memoryUsage().rss);
    ffmpegPeakKb = Math.max(ffmpegPeakKb, ...ffmpegChildrenHwmKb());
  };
  const timer = setInterval(sample, 50);
  const cpu0 = childCpuSec();
  const node0 = process.cpuUsage();
  const start = performance.now();
  try {
    await run();
    const node = process.cpuUsage(node0);
    return {
      wallSec: (performance.now() - start) / 1000,
      childCpuSec: childCpuSec() - cpu0,
      nodeCpuSec: (node.user + node.system) / 1e6,
      ffmpegPeakRssMb: Math.round(ffmpegPeakKb / 1024),
      nodePeakRssMb: Math.round(nodePeakBytes / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

interface Row {
  workload: string;
  hand: string;
  aim: number;
  job: Measure;
  handWritten: Measure;
  wallRatio: number;
  cpuRatio: number;
  notes: Record<string, unknown>;
}

const medianMeasure = (list: Measure[]): Measure => ({
  wallSec: round(median(list.map((m) => m.wallSec))),
  childCpuSec: round(median(list.map((m) => m.childCpuSec))),
  nodeCpuSec: round(median(list.map((m) => m.nodeCpuSec))),
  ffmpegPeakRssMb: Math.max(...list.map((m) => m.ffmpegPeakRssMb)),
  nodePeakRssMb: Math.max(...list.map((m) => m.nodePeakRssMb)),
});

/** Job and hand-written command alternately, `runs` times each; medians and ratios. */
async function compare(
  workload: string,
  hand: string,
  aim: number,
  job: () => Promise<unknown>,
  handWritten: () => Promise<unknown>,
): Promise<Row> {
  const jobs: Measure[] = [];
  const hands: Measure[] = [];
  for (let i = 0; i < runs; i += 1) {
    jobs.push(await measure(job));
    hands.push(await measure(handWritten));
  }
  const jobMedian = medianMeasure(jobs);
  const handMedian = medianMeasure(hands);
  return {
    workload,
    hand,
    aim,
    job: jobMedian,
    handWritten: handMedian,
    wallRatio: round(jobMedian.wallSec / handMedian.wallSec, 2),
    // ffmpeg/ffprobe CPU only: the Node figure also holds the bench's own polling and sampling, so it is reported
    // beside the ratio (job minus hand-written run is what the job's Node work costs).
    cpuRatio: round(jobMedian.childCpuSec / handMedian.childCpuSec, 2),
    notes: {},
  };
}

/** A bare ffmpeg run, as a person runs it from a shell: no progress pipe, no allow-lists. */
function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-v', 'error', ...args], { stdio: ['ignore', 'ignore', 'pipe'] }); // prettier-ignore
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${stderr.slice(-2000)}`))));
  });
}

const BT709 = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

type Call = (path: string, init?: RequestInit & { key?: string; master?: boolean }) => Promise<Record<string, unknown>>;

interface Service {
  config: AppConfig;
  call: Call;
  /** A tenant's API key with limits high enough for the bench. */
  key: string;
  base: string;
  client: ReelforgeClient;
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
    return { config, call, key, base, client: new ReelforgeClient({ baseUrl: base, apiKey: key }), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Posts a job and follows its event stream until it ends, as the typed client's `waitForJob` does: submit to
 * succeeded, as a client sees it. The stream hears the end of a job at once (the job-changed channel), so the
 * figure carries no polling delay and the bench spends no CPU on polling while ffmpeg runs.
 */
async function runJob(service: Service, path: string, body: unknown): Promise<Record<string, unknown>> {
  const { call, key } = service;
  const accepted = await call(path, { method: 'POST', key, headers: json, body: JSON.stringify(body) });
  const job = (await service.client.waitForJob(accepted.jobId as string)) as unknown as Record<string, unknown>;
  if (job.status !== 'succeeded') throw new Error(`${path} job ${job.status as string}: ${JSON.stringify(job.error)}`);
  return job;
}

/** Uploads with curl, as a client would; streamed from disk. */
async function uploadAsset(service: Service, path: string, name: string): Promise<string> {
  const { stdout } = await execFileAsync('curl', ['-sS', '--fail-with-body', '-X', 'POST', `${service.base}/v1/assets`, '-H', `X-API-Key: ${service.key}`, '-F', `file=@${path};filename=${name}`]); // prettier-ignore
  const id = (JSON.parse(stdout) as { id: string }).id;
  await settle(service);
  return id;
}

/**
 * Waits until the tenant has no queued or running job: an upload queues its own poster (and audio analysis) jobs,
 * whose ffmpeg runs would otherwise be counted in the first measured job.
 */
async function settle(service: Service): Promise<void> {
  for (;;) {
    const busy = await Promise.all(
      ['queued', 'processing'].map(async (status) => (await service.call(`/v1/jobs?status=${status}`, { key: service.key })).total as number), // prettier-ignore
    );
    if (busy.every((count) => count === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Frame timestamps of the first video stream, for "same frames" checks. */
function framePts(path: string): string[] {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }) // prettier-ignore
    .split('\n')
    .map((line) => line.split(',')[0].trim())
    .filter(Boolean);
}

/** Downloads a job's result. */
async function download(service: Service, job: Record<string, unknown>, path: string): Promise<string> {
  const response = await fetch(`${service.base}/v1/jobs/${job.id as string}/result`, { headers: { 'X-API-Key': service.key } }); // prettier-ignore
  if (!response.ok) throw new Error(`result of ${job.id as string}: ${response.status}`);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

/** Ladder: the transcode job against one process with `split=3` and three x264 veryfast encoders. */
async function benchLadder(service: Service): Promise<Row> {
  const source = clip1080p30s();
  const assetId = await uploadAsset(service, source, 'clip.mp4');
  const dir = mkdtempSync(join(workDir, 'ladder-'));
  const rung = (pad: string, crf: number, name: string): string[] => [
    '-map', pad, '-map', '0:a:0', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), '-pix_fmt', 'yuv420p',
    ...BT709, '-force_key_frames', 'expr:gte(t,n_forced*2)', '-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart',
    join(dir, name),
  ]; // prettier-ignore
  const hand = [
    '-i', source,
    '-filter_complex', '[0:v]split=3[a][b][c];[b]scale=1280:720[b7];[c]scale=854:480[c4]',
    ...rung('[a]', 20, '1080p.mp4'), ...rung('[b7]', 22, '720p.mp4'), ...rung('[c4]', 24, '480p.mp4'),
  ]; // prettier-ignore
  return compare(
    'ladder 1080/720/480 MP4, 30 s 1080p',
    'one process: split=3, three libx264 veryfast encoders, AAC per rung',
    1.05,
    () => runJob(service, '/v1/transcode', { assetId, qualities: ['1080p', '720p', '480p'] }),
    () => ffmpeg(hand),
  );
}

/**
 * Accurate trim 5.0-20.0 s of the 60 s portrait clip: the trim job against the hand-written smart cut (head and tail
 * encoded with the source's x264 settings in one process, then the concat demuxer with the audio), plus a full
 * re-encode for reference. The outputs' frame lists are compared.
 */
async function benchTrim(service: Service): Promise<Row> {
  const source = clipPortrait60s();
  const assetId = await uploadAsset(service, source, 'portrait.mp4');
  const dir = mkdtempSync(join(workDir, 'trim-'));
  // What the person looked up once, by hand, before writing the commands: keyframes at 6.4 and 19.2 s, x264 settings.
  const sei = execFileSync('ffmpeg', ['-v', 'error', '-i', source, '-map', '0:v:0', '-c', 'copy', '-bsf:v', 'filter_units=pass_types=6', '-frames:v', '1', '-f', 'data', '-']).toString('latin1'); // prettier-ignore
  const settings = x264ParamsFromSei(/options: ([ -~]+)/.exec(sei)?.[1] ?? '');
  if (!('params' in settings)) throw new Error(`bench source: ${settings.reason}`);
  const x264 = ['-an', '-c:v', 'libx264', '-x264-params', settings.params, '-pix_fmt', 'yuv420p'];
  const list = join(dir, 'list.ffconcat');
  writeFileSync(list, `ffconcat version 1.0\nfile '${dir}/head.mp4'\nduration 1.4\nfile '${source}'\ninpoint 6.4\noutpoint 19.133333\nduration 12.8\nfile '${dir}/tail.mp4'\nduration 0.8\n`); // prettier-ignore
  const handOut = join(dir, 'hand.mp4');
  const handWritten = async (): Promise<void> => {
    await ffmpeg(['-ss', '5', '-t', '1.4', '-i', source, '-ss', '19.2', '-t', '0.8', '-i', source, '-map', '0:v', ...x264, '-frames:v', '42', join(dir, 'head.mp4'), '-map', '1:v', ...x264, '-frames:v', '24', join(dir, 'tail.mp4')]); // prettier-ignore
    await ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-ss', '5', '-i', source, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-bsf:v', 'h264_metadata=colour_primaries=1:transfer_characteristics=1:matrix_coefficients=1:video_full_range_flag=0', '-c:a', 'aac', '-b:a', '160k', '-t', '15', '-movflags', '+faststart', handOut]); // prettier-ignore
  };
  let lastJob: Record<string, unknown> = {};
  const row = await compare(
    'frame-exact trim 5-20 s of 60 s 1080x1920 (1.6 s GOP)',
    'smart cut: head + tail encoded in one process, concat demuxer + AAC',
    1.2,
    async () => (lastJob = await runJob(service, '/v1/trim', { assetId, start: 5, end: 20, mode: 'accurate' })),
    handWritten,
  );
  const fullOut = join(dir, 'full.mp4');
  const full = await measure(() => ffmpeg(['-ss', '5', '-i', source, '-t', '15', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', ...BT709, '-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart', fullOut])); // prettier-ignore
  const jobOut = await download(service, lastJob, join(dir, 'job.mp4'));
  const jobFrames = framePts(jobOut);
  row.notes = {
    jobWarnings: lastJob.warnings,
    jobFrames: jobFrames.length,
    sameFramesAsFullReencode: JSON.stringify(jobFrames) === JSON.stringify(framePts(fullOut)),
    sameFramesAsHandWritten: JSON.stringify(jobFrames) === JSON.stringify(framePts(handOut)),
    fullReencodeOnce: { wallSec: round(full.wallSec), childCpuSec: round(full.childCpuSec), ffmpegPeakRssMb: full.ffmpegPeakRssMb }, // prettier-ignore
  };
  return row;
}

/**
 * Overlays on the 30 s 1080p clip: a text from 1.5 to 5 s, a logo at 60 % opacity, a watermark bottom-right, audio
 * copied; the job against one filter_complex with three overlays on the same PNGs.
 */
async function benchOverlay(service: Service): Promise<Row> {
  const { config } = service;
  const source = clip1080p30s();
  const assetId = await uploadAsset(service, source, 'clip.mp4');
  const text = { text: 'Reelforge bench ✨', fontSizePx: 72, color: '#FFFFFF', boxWidthPx: 1200, stroke: { color: '#000000', widthPx: 4 } }; // prettier-ignore
  const request = {
    assetId,
    layers: [
      { type: 'text', text, position: { anchor: 'bottom', marginPx: 80 }, startSec: 1.5, endSec: 5 },
      { type: 'image', source: { library: 'overlays/reelforge-logo.png' }, position: { anchor: 'top-left', marginPx: 40 }, scale: 0.2, opacity: 0.6 }, // prettier-ignore
    ],
    watermark: { image: { library: 'overlays/reelforge-logo.png' } },
  };
  const fonts = new FontRegistry(join(config.assets.dir, 'fonts'));
  const textPng = join(workDir, 'text.png');
  writeFileSync(textPng, (await renderTextLayer(text, fonts)).png);
  const logo = join(config.assets.dir, 'overlays/reelforge-logo.png');
  // RGBA PNGs converted to BT.709 yuva420p once each (they are single frames; overlay repeats them).
  const toYuva = 'scale=out_color_matrix=bt709:out_range=tv,format=yuva420p';
  const graph = [
    `[1:v]format=rgba,${toYuva}[text]`,
    `[2:v]scale=384:-1,format=rgba,colorchannelmixer=aa=0.6,${toYuva}[logo]`,
    `[3:v]scale=288:-1,format=rgba,${toYuva}[wm]`,
    `[0:v][text]overlay=(W-w)/2:H-h-80:enable='between(t,1.5,5)':format=yuv420[a]`,
    `[a][logo]overlay=40:40:format=yuv420[b]`,
    `[b][wm]overlay=W-w-24:H-h-24:format=yuv420[v]`,
  ].join(';');
  const hand = [
    '-i', source, '-i', textPng, '-i', logo, '-i', logo, '-filter_complex', graph,
    '-map', '[v]', '-map', '0:a', '-c:a', 'copy', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
    ...BT709, '-movflags', '+faststart', join(workDir, 'hand-overlay.mp4'),
  ]; // prettier-ignore
  return compare(
    'overlays: text 1.5-5 s, logo 60 %, watermark, audio copied (30 s 1080p)',
    'one filter_complex, three overlays',
    1.05,
    () => runJob(service, '/v1/overlays', request),
    () => ffmpeg(hand),
  );
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
async function benchGoldenFrame(service: Service, runner: FfmpegRunner, ffmpegPath: string): Promise<Row> {
  const imagePaths = productImages();
  const { config } = service;
  {
    const assetIds: string[] = [];
    for (const [i, path] of imagePaths.entries()) {
      assetIds.push(await uploadAsset(service, path, `product-${i + 1}.${path.slice(-3)}`));
    }
    const request = { template: 'golden-frame', fields: { images: assetIds.map((assetId) => ({ assetId })) } };

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
    // The planner's own argv run bare, once: what the graph costs without the job around it.
    const planner = await measure(() => runner.run(plan.argv, { timeoutMs: 600_000 }));

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
    const row = await compare(
      'golden frame 15 s 1080x1920, 3 images, glitter, frame, hook, music (whole job)',
      'one process: images scaled once, Ken Burns by perspective on the small layer, hook drawn once',
      1.15,
      () => runJob(service, '/v1/generate', request),
      () => runner.run(handArgv, { timeoutMs: 600_000 }),
    );
    // Same picture check: PSNR of the planner's output against the hand-written one (both lossy CRF encodes).
    const psnrLog = spawnSync(
      'ffmpeg',
      ['-hide_banner', '-i', join(plannerDir, 'planner.mp4'), '-i', handPath, '-lavfi', '[0:v][1:v]psnr', '-f', 'null', '-'],
      { encoding: 'utf8' },
    ).stderr; // prettier-ignore
    const psnr = /PSNR y:([\d.]+) .*average:([\d.]+) min:([\d.]+)/.exec(psnrLog);
    row.notes = {
      cutsSec: members.map((index) => layers[index].startSec),
      plannerArgvBare: { wallSec: round(planner.wallSec), childCpuSec: round(planner.childCpuSec), ffmpegPeakRssMb: planner.ffmpegPeakRssMb }, // prettier-ignore
      plannerVsHandPsnrDb: psnr ? { y: Number(psnr[1]), average: Number(psnr[2]), worstFrame: Number(psnr[3]) } : null,
    };
    return row;
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

const MB = (value: number): string => `${value} MB`;
const SEC = (value: number): string => `${value.toFixed(2)} s`;

/** The markdown table of this run, between markers in docs/measurements.md (replaced on every run). */
function markdown(rows: readonly Row[], extras: Record<string, unknown>): string {
  const lines = [
    `Run of \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, medians of ${runs}, job and hand-written interleaved. ` +
      'Wall: submit to succeeded for jobs, as a client following the job event stream sees it. CPU: user + sys of the ffmpeg/ffprobe children (the ratio); node: CPU of the one Node process ' +
      '(API + worker + the bench sampling) during the job and during the hand-written run. ' +
      'Ratios are job / hand-written.',
    '',
    '| workload | hand-written | job wall | hand wall | **wall ratio** | job ffmpeg CPU | hand ffmpeg CPU | **CPU ratio** | node CPU job / hand | aim | ffmpeg peak RSS job / hand | node peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((row) =>
      [
        row.workload,
        row.hand,
        SEC(row.job.wallSec),
        SEC(row.handWritten.wallSec),
        `**${row.wallRatio.toFixed(2)}x**`,
        SEC(row.job.childCpuSec),
        SEC(row.handWritten.childCpuSec),
        `**${row.cpuRatio.toFixed(2)}x**`,
        `${SEC(row.job.nodeCpuSec)} / ${SEC(row.handWritten.nodeCpuSec)}`,
        `≤ ${row.aim}x`,
        `${MB(row.job.ffmpegPeakRssMb)} / ${MB(row.handWritten.ffmpegPeakRssMb)}`,
        MB(row.job.nodePeakRssMb),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    '',
    '```json',
    JSON.stringify({ notes: Object.fromEntries(rows.map((row) => [row.workload, row.notes])), ...extras }, null, 2),
    '```',
  ];
  return lines.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

// The file is checked by `prettier --check` in CI, so the block is written in prettier's own layout
// (aligned table columns) rather than as the compact markdown above.
async function writeMeasurements(table: string): Promise<void> {
  const path = join(process.cwd(), 'docs', 'measurements.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Measurements\n';
  const block = `${START}\n${table}\n${END}`;
  const next =
    text.includes(START) && text.includes(END)
      ? text.slice(0, text.indexOf(START)) + block + text.slice(text.indexOf(END) + END.length)
      : `${text.trimEnd()}\n\n## Product jobs against hand-written commands (issue 12), \`npm run bench\`\n\n${block}\n`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, filepath: path }));
}

async function main(): Promise<void> {
  const binaries = resolveMediaBinaries({});
  const runner = new FfmpegRunner(binaries.ffmpegPath);
  const rows: Row[] = [];
  const extras: Record<string, unknown> = {};
  const service = await startService();
  try {
    // Each row is printed and written as soon as it is measured, so a run cut short still leaves its figures.
    const done = async (row: Row): Promise<void> => {
      rows.push(row);
      console.log(JSON.stringify(row));
      if (process.env.BENCH_NO_WRITE !== '1') await writeMeasurements(markdown(rows, extras));
    };
    if (only.has('trim')) await done(await benchTrim(service));
    if (only.has('overlay')) await done(await benchOverlay(service));
    if (only.has('ladder')) await done(await benchLadder(service));
    if (only.has('goldenFrame')) await done(await benchGoldenFrame(service, runner, binaries.ffmpegPath));
  } finally {
    await service.close();
  }
  if (only.has('kenBurns')) extras.kenBurns1080x1920 = await benchKenBurnsEdges(runner);
  console.log(JSON.stringify({ runs, rows, ...extras }, null, 2));
  const table = markdown(rows, extras);
  console.log(`\n${table}`);
  if (process.env.BENCH_NO_WRITE !== '1') await writeMeasurements(table);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));
