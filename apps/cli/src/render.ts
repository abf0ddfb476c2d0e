import { parseOrThrow, planComposition } from '@reelforge/compose';
import {
  AssetKind,
  type GenerateRequest,
  InvalidInputError,
  InvalidMediaError,
  type ProbeFacts,
} from '@reelforge/contracts';
import { classifyMedia, FfmpegRunner, probeFile, resolveMediaBinaries } from '@reelforge/media';
import { LibraryCatalog } from '@reelforge/storage';
import { libraryTemplateContext, MediaResolver, onceEach, prepareGeneration } from '@reelforge/templates';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { analyseBeats, ANALYSIS_SAMPLE_RATE, decodePcm } from '@reelforge/analysis';
import { AUDIO_ANALYSIS_MAX_SEC } from '@reelforge/contracts';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { generateEnvelopeSchemas } from '../../api/src/generate/generate-request.js';

export interface RenderOptions {
  /** The parsed spec file: an API body (`{composition}` or `{template, fields, output?}`) or a bare composition. */
  spec: unknown;
  outputPath: string;
  assetsDir: string;
  ffmpegPath?: string;
  ffprobePath?: string;
  /** `--asset <id>=<file>`: local files standing in for the asset ids the spec names. */
  localAssets: ReadonlyMap<string, string>;
  onProgress?: (percent: number) => void;
  /** Longest the ffmpeg run may take. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RenderResult {
  outputPath: string;
  durationSec: number;
  widthPx: number;
  heightPx: number;
  warnings: string[];
}

const PROBE_LIMITS = { maxDurationSec: 14_400, maxPixels: 67_108_864 };
const PROBE_TIMEOUT_MS = 15_000;

/**
 * The API's body envelope, checked by the API's own schemas so a spec that the CLI accepts is one that
 * `POST /v1/generate` accepts, with the same messages. A bare composition (`{output, layers}`) is wrapped.
 */
export function requestOf(spec: unknown): GenerateRequest {
  const body =
    typeof spec === 'object' && spec !== null && !('composition' in spec) && !('template' in spec) && 'layers' in spec
      ? { composition: spec }
      : spec;
  if (typeof body === 'object' && body !== null && 'composition' in body) {
    const { composition } = parseOrThrow(generateEnvelopeSchemas.composition, body);
    return { composition };
  }
  const { template, fields, output } = parseOrThrow(generateEnvelopeSchemas.template, body);
  return { template, fields, ...(output ? { output } : {}) };
}

/**
 * Renders a composition or template on this machine with the libraries the worker uses (compose, templates,
 * text, media): no Postgres, no Redis, no API. Library items resolve from `assetsDir`; asset ids only through
 * `localAssets`; variants and URLs belong to a server and are refused with a message saying so.
 */
export async function renderLocally(options: RenderOptions): Promise<RenderResult> {
  const binaries = resolveMediaBinaries({ ffmpegPath: options.ffmpegPath, ffprobePath: options.ffprobePath });
  const probe = (path: string): Promise<ProbeFacts> =>
    probeFile(binaries.ffprobePath, path, { timeoutMs: PROBE_TIMEOUT_MS, limits: PROBE_LIMITS });
  const probeOnce = onceEach(probe);
  const library = new LibraryCatalog(options.assetsDir);
  const fonts = new FontRegistry(join(options.assetsDir, 'fonts'));

  const resolver = new MediaResolver({
    findInput: async (ref, field) => {
      if ('variantId' in ref) {
        throw new InvalidInputError(`${field}: variant ${ref.variantId} lives on a server; render through the API`, {
          field,
        });
      }
      const path = options.localAssets.get(ref.assetId);
      if (!path) {
        throw new InvalidInputError(
          `${field}: asset ${ref.assetId} lives on a server; pass --asset ${ref.assetId}=<file> to use a local file`,
          { field },
        );
      }
      const facts = await probe(path).catch((error: unknown) => {
        throw new InvalidMediaError(`${field}: ${path}: ${(error as Error).message}`, { field });
      });
      const kind = extname(path)
        .toLowerCase()
        .match(/^\.(srt|vtt)$/)
        ? AssetKind.Subtitles
        : classifyMedia(facts).kind;
      return { label: `asset ${ref.assetId}`, kind, probe: facts, path };
    },
    library,
    probeLibrary: probeOnce,
    fetchUrl: (url) =>
      Promise.reject(
        new InvalidInputError(`URL sources are fetched by the server's worker; download ${url} and use --asset`),
      ),
    labelPaths: false,
  });
  const analyse = async (path: string) => {
    const samples = await decodePcm(binaries.ffmpegPath, path, {
      timeoutMs: PROBE_TIMEOUT_MS * 4,
      maxDurationSec: AUDIO_ANALYSIS_MAX_SEC,
    });
    const result = analyseBeats(samples, { sampleRate: ANALYSIS_SAMPLE_RATE });
    return {
      tempoBpm: result.tempoBpm,
      beats: result.beats,
      onsets: result.onsets,
      confidence: result.confidence,
      analysedSec: samples.length / ANALYSIS_SAMPLE_RATE,
    };
  };
  const context = libraryTemplateContext({
    library,
    probe: probeOnce,
    analyseAudio: async (source) => {
      const path = (await resolver.media(source, 'audio', 'fields'))?.path;
      return path === undefined ? null : analyse(path);
    },
    mediaDurationSec: async (source) => (await resolver.media(source, null, 'fields'))?.durationSec ?? null,
  });

  const prepared = await prepareGeneration(requestOf(options.spec), resolver, context);
  const format = prepared.composition.output.format;
  const outputPath = resolve(options.outputPath);
  const workDir = await mkdtemp(join(tmpdir(), 'reelforge-render-'));
  try {
    // Written beside the destination and renamed when complete, so a failed render leaves nothing half-written.
    const partPath = join(dirname(outputPath), `.${Date.now()}-${process.pid}.part.${format}`);
    const plan = planComposition({
      composition: prepared.composition,
      media: prepared.media,
      captions: prepared.captions,
      workDir,
      outputPath: partPath,
    });
    const warnings = [...prepared.warnings, ...plan.warnings];
    for (const image of plan.textImages) {
      const { png, metrics } = await renderTextLayer(image.spec, fonts);
      if (metrics.missingGlyphs.length > 0) {
        throw new InvalidMediaError(`No bundled font can draw ${metrics.missingGlyphs.join(' ')}`, {
          missingGlyphs: metrics.missingGlyphs,
        });
      }
      if (metrics.overflow) warnings.push(`Text "${image.spec.text.slice(0, 40)}" does not fit its box; it was cut`);
      await writeFile(image.path, png);
    }
    const runner = new FfmpegRunner(binaries.ffmpegPath);
    try {
      await runner.run(plan.argv, {
        timeoutMs: options.timeoutMs ?? 30 * 60_000,
        signal: options.signal,
        expectedDurationSec: plan.durationSec,
        onProgress: (progress) => {
          if (progress.frame !== null && plan.expectedFrames > 0) {
            options.onProgress?.(Math.min(100, (progress.frame / plan.expectedFrames) * 100));
          }
        },
      });
      const facts = await probe(partPath);
      await rename(partPath, outputPath);
      options.onProgress?.(100);
      return {
        outputPath,
        durationSec: facts.durationSec ?? 0,
        widthPx: facts.width ?? 0,
        heightPx: facts.height ?? 0,
        warnings,
      };
    } finally {
      await rm(partPath, { force: true });
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
