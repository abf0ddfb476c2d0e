import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { type CompositionPlan, planComposition, POSTER_MAX_WIDTH_PX } from '@reelforge/compose';
import { type GenerateJobPayload, InvalidMediaError, JobType, VariantKind } from '@reelforge/contracts';
import { MediaTools } from '@reelforge/media/nest';
import { LibraryCatalog, Scratch, storageKeys } from '@reelforge/storage';
import { onceEach, prepareGeneration } from '@reelforge/templates';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputRecorder, type VariantRow } from '../lifecycle/output-recorder.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { AudioAnalysisService } from './audio-analysis.js';
import { RemoteMediaFetcher } from './remote-media.js';
import { SourceAssets } from './source-assets.js';
import { WorkerGenerationResolver } from './worker-generation-resolver.js';

const MIME_BY_FORMAT = { mp4: 'video/mp4', webm: 'video/webm', gif: 'image/gif' } as const;

/**
 * Templates and compositions: expanded (with the music's beats and fetched URLs), planned, text drawn
 * once to PNGs, then one ffmpeg process renders the video and, as its second output, a poster of the
 * middle frame. The output is a `generated` variant with the poster as a `thumbnail` variant,
 * committed together.
 */
@Injectable()
export class GenerateProcessor implements OnApplicationBootstrap {
  /** Library probes and beats, once per process: the library only changes with a deployment, and analysing a 30 s bed costs about a second. */
  private readonly probeLibrary = onceEach((path) => this.media.probe(path));
  private readonly analyseLibrary = onceEach((path) => this.analysis.forFile(path));

  constructor(
    @InjectQueue(JobType.Generate) private readonly queue: Queue<GenerateJobPayload>,
    private readonly sources: SourceAssets,
    private readonly library: LibraryCatalog,
    private readonly fonts: FontRegistry,
    private readonly fetcher: RemoteMediaFetcher,
    private readonly analysis: AudioAnalysisService,
    private readonly tracker: JobTracker,
    private readonly recorder: OutputRecorder,
    private readonly scratch: Scratch,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: GenerateJobPayload, context: JobContext): Promise<void> {
    const { tenantId } = payload;
    const workDir = await this.scratch.tempDir(payload.jobId);
    try {
      const resolver = new WorkerGenerationResolver({
        tenantId,
        workDir,
        signal: context.signal,
        sources: this.sources,
        library: this.library,
        probeLibrary: this.probeLibrary,
        fetcher: this.fetcher,
        analysis: this.analysis,
        analyseLibrary: this.analyseLibrary,
      });
      const prepared = await prepareGeneration(payload.request, resolver, resolver.templateContext());
      const format = prepared.composition.output.format;
      const outputPath = join(workDir, `output.${format}`);
      const plan = planComposition({
        composition: prepared.composition,
        media: prepared.media,
        captions: prepared.captions,
        workDir,
        outputPath,
        poster: { path: join(workDir, 'poster.jpg'), maxWidthPx: POSTER_MAX_WIDTH_PX },
      });
      const warnings = [...prepared.warnings, ...plan.warnings, ...(await this.drawText(tenantId, plan))];
      context.reportProgress(1);

      const run = await this.media.runner.run(plan.argv, {
        timeoutMs: this.config.media.jobTimeoutMs,
        signal: context.signal,
        expectedDurationSec: plan.durationSec,
        onProgress: (progress) => {
          // Frames written over frames expected: exact for a known frame count, unlike out_time on a GIF.
          if (progress.frame !== null && plan.expectedFrames > 0) {
            context.reportProgress(Math.min(97, (progress.frame / plan.expectedFrames) * 97));
          }
        },
      });
      // ffmpeg may exit 0 after ENOSPC with a truncated output.
      await this.scratch.assertSpaceLeft();
      const facts = await this.media.outputFacts(outputPath);

      const videoId = randomUUID();
      const videoKey = storageKeys.variant(tenantId, videoId, format);
      const poster = plan.poster;
      if (!poster) throw new Error('The plan has no poster output');
      const posterId = randomUUID();
      const posterKey = storageKeys.variant(tenantId, posterId, 'jpg');
      const base = { tenantId, jobId: payload.jobId, sourceAssetId: null, quality: null } as const;
      const variants: VariantRow[] = [
        {
          ...base,
          id: videoId,
          sourceVariantId: null,
          kind: VariantKind.Generated,
          storageKey: videoKey,
          mime: MIME_BY_FORMAT[format],
          sizeBytes: (await stat(outputPath)).size,
          durationSec: facts.durationSec,
          width: facts.width,
          height: facts.height,
          config: {
            ...('template' in payload.request ? { template: payload.request.template } : { template: null }),
            fps: plan.fps,
            preview: plan.preview,
            layers: prepared.composition.layers.length,
          },
        },
        {
          ...base,
          id: posterId,
          sourceVariantId: videoId,
          kind: VariantKind.Thumbnail,
          quality: 'poster',
          storageKey: posterKey,
          mime: 'image/jpeg',
          // Written by the same run; a missing file (ffmpeg exited 0 without it) fails here rather than record nothing.
          sizeBytes: (await stat(poster.path)).size,
          durationSec: null,
          width: poster.widthPx,
          height: poster.heightPx,
          config: { timeSec: poster.timeSec, purpose: 'poster' },
        },
      ];
      await this.recorder.record(context.attempt, {
        files: [
          { tempPath: outputPath, storageKey: videoKey },
          { tempPath: poster.path, storageKey: posterKey },
        ],
        variants,
        warnings,
        stderrTail: run.stderrTail,
      });
    } finally {
      await this.scratch.removeTemp(workDir);
    }
  }

  /** Every text image the plan needs, drawn once; returns warnings for text that did not fit its box. */
  private async drawText(tenantId: string, plan: CompositionPlan): Promise<string[]> {
    const warnings: string[] = [];
    for (const image of plan.textImages) {
      const family = image.spec.fontFamily ?? '';
      await this.fonts.ensureTenantFamily(tenantId, family, async () => {
        const font = await this.sources.findFont(tenantId, family);
        return font ? { assetId: font.asset.id, path: font.path } : null;
      });
      const { png, metrics } = await renderTextLayer(image.spec, this.fonts, { tenantId });
      if (metrics.missingGlyphs.length > 0) {
        throw new InvalidMediaError(`No bundled or uploaded font can draw ${metrics.missingGlyphs.join(' ')}`, {
          missingGlyphs: metrics.missingGlyphs,
        });
      }
      if (metrics.overflow) {
        warnings.push(`Text "${image.spec.text.slice(0, 40)}" does not fit its box; it was cut to what fits`);
      }
      await writeFile(image.path, png);
    }
    return warnings;
  }
}
