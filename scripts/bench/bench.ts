import 'reflect-metadata';
import { loadAppConfig, loadDotEnv } from '@reelforge/config';
import { Quality, TranscodeFormat } from '@reelforge/contracts';
import { FfmpegRunner, resolveMediaBinaries } from '@reelforge/media';
import { buildOverlayCommand, buildTranscodeCommand, planLadder } from '@reelforge/render';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createWorkerApp } from '../../apps/worker/src/bootstrap.js';

/**
 * `npm run bench`: prints JSON timings. Every comparison is measured in the same run on the same
 * input, so the ratios hold on a noisy shared machine even when the seconds do not.
 */
const runs = Number(process.env.BENCH_RUNS ?? 1);
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

/** The overlay job through the real API and worker, against the bare ffmpeg command for the same layers. */
async function benchOverlay(runner: FfmpegRunner, source: string): Promise<Record<string, number>> {
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
  const call = async (
    path: string,
    init: RequestInit & { key?: string; master?: boolean } = {},
  ): Promise<Record<string, unknown>> => {
    const headers = new Headers(init.headers);
    if (init.master) headers.set('X-Master-Key', config.auth.masterKey);
    if (init.key) headers.set('X-API-Key', init.key);
    const response = await fetch(`${base}${path}`, { ...init, headers });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const json = { 'Content-Type': 'application/json' };
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
    const form = new FormData();
    form.append('file', new Blob([readFileSync(source)]), 'clip.mp4');
    const asset = await call('/v1/assets', { method: 'POST', key, body: form });

    const text = {
      text: 'Reelforge bench ✨',
      fontSizePx: 72,
      color: '#FFFFFF',
      boxWidthPx: 1200,
      stroke: { color: '#000000', widthPx: 4 },
    };
    const request = {
      assetId: asset.id,
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
    for (let i = 0; i < runs; i += 1) {
      const accepted = await call('/v1/overlays', {
        method: 'POST',
        key,
        headers: json,
        body: JSON.stringify(request),
      });
      let job: Record<string, unknown>;
      do {
        await new Promise((resolve) => setTimeout(resolve, 50));
        job = await call(`/v1/jobs/${accepted.jobId}`, { key });
      } while (job.status === 'queued' || job.status === 'processing');
      if (job.status !== 'succeeded') throw new Error(`overlay job ${job.status}: ${JSON.stringify(job.error)}`);
      jobSec.push((Date.parse(job.finishedAt as string) - Date.parse(job.startedAt as string)) / 1000);
    }

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
    await worker.close();
    await api.close();
  }
}

async function main(): Promise<void> {
  const binaries = resolveMediaBinaries({});
  const runner = new FfmpegRunner(binaries.ffmpegPath);
  const source = clip1080p30s();
  const ladder = await benchLadder(runner, source);
  const overlay = await benchOverlay(runner, source);
  console.log(
    JSON.stringify(
      { runs, source: '30 s 1920x1080 30 fps H.264 High (x264 fast, CRF 20) + AAC, testsrc2', ladder, overlay },
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
