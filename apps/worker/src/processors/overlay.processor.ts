import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import {
  InvalidMediaError,
  JobType,
  type MediaSourceRef,
  type OverlayJobPayload,
  type OverlayLayerPayload,
  VariantKind,
} from '@reelforge/contracts';
import { MediaTools } from '@reelforge/media/nest';
import { buildOverlayCommand, type CompositeLayer, displaySize, oddFrameWarning } from '@reelforge/render';
import { LibraryCatalog, Scratch, storageKeys } from '@reelforge/storage';
import { FontRegistry, renderTextLayer } from '@reelforge/text';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputRecorder } from '../lifecycle/output-recorder.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { SourceAssets } from './source-assets.js';

/**
 * Overlays and watermarks: text layers are drawn once to PNGs, then every layer is composited in one
 * ffmpeg process. Both queues run here; only the variant kind differs.
 */
@Injectable()
export class OverlayProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(JobType.Overlay) private readonly overlayQueue: Queue<OverlayJobPayload>,
    @InjectQueue(JobType.Watermark) private readonly watermarkQueue: Queue<OverlayJobPayload>,
    private readonly sources: SourceAssets,
    private readonly library: LibraryCatalog,
    private readonly fonts: FontRegistry,
    private readonly tracker: JobTracker,
    private readonly recorder: OutputRecorder,
    private readonly scratch: Scratch,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tracker.process(this.overlayQueue, (payload, context) => this.handle(payload, context, VariantKind.Overlay));
    this.tracker.process(this.watermarkQueue, (payload, context) =>
      this.handle(payload, context, VariantKind.Watermark),
    );
  }

  async handle(payload: OverlayJobPayload, context: JobContext, kind: VariantKind): Promise<void> {
    const workDir = await this.scratch.tempDir(payload.jobId);
    const outputPath = join(workDir, 'output.mp4');
    try {
      const { input, path } = await this.sources.input(payload.tenantId, payload, workDir);
      const frame = displaySize(input.probe);
      const oddFrame = oddFrameWarning(frame);
      const layers: CompositeLayer[] = [];
      for (const [i, layer] of payload.layers.entries()) {
        layers.push(await this.composite(payload.tenantId, layer, workDir, join(workDir, `text-${i}.png`)));
      }
      await this.media.runner.run(
        buildOverlayCommand({
          sourcePath: path,
          source: { ...input.probe, hasAudio: input.hasAudio },
          layers,
          outputPath,
          frame,
        }),
        {
          timeoutMs: this.config.media.jobTimeoutMs,
          signal: context.signal,
          expectedDurationSec: input.durationSec ?? undefined,
          onProgress: (progress) => {
            if (progress.percent !== null) context.reportProgress(progress.percent);
          },
        },
      );
      // ffmpeg may exit 0 after ENOSPC with a truncated output.
      await this.scratch.assertSpaceLeft();
      const facts = await this.media.outputFacts(outputPath);
      const id = randomUUID();
      const storageKey = storageKeys.variant(payload.tenantId, id, 'mp4');
      await this.recorder.record(context.attempt, {
        files: [{ tempPath: outputPath, storageKey }],
        variants: [
          {
            id,
            tenantId: payload.tenantId,
            jobId: payload.jobId,
            sourceAssetId: input.rootAssetId,
            sourceVariantId: input.sourceVariantId,
            kind,
            quality: null,
            storageKey,
            mime: 'video/mp4',
            sizeBytes: (await stat(outputPath)).size,
            durationSec: facts.durationSec,
            width: facts.width,
            height: facts.height,
            config: { layers: payload.layers.length },
          },
        ],
        warnings: oddFrame ? [oddFrame] : [],
      });
    } finally {
      await this.scratch.removeTemp(workDir);
    }
  }

  private async composite(
    tenantId: string,
    layer: OverlayLayerPayload,
    workDir: string,
    textPngPath: string,
  ): Promise<CompositeLayer> {
    const placement = {
      x: layer.x,
      y: layer.y,
      widthPx: layer.widthPx,
      heightPx: layer.heightPx,
      opacity: layer.opacity,
      window: {
        startSec: layer.startSec,
        endSec: layer.endSec,
        fadeInSec: layer.fadeInSec,
        fadeOutSec: layer.fadeOutSec,
      },
    };
    switch (layer.kind) {
      case 'text': {
        await this.fonts.ensureTenantFamily(tenantId, layer.text.fontFamily ?? '', async () => {
          const font = await this.sources.findFont(tenantId, layer.text.fontFamily ?? '');
          return font ? { assetId: font.asset.id, path: font.path } : null;
        });
        const { png, metrics } = await renderTextLayer(layer.text, this.fonts, { tenantId });
        if (metrics.missingGlyphs.length > 0) {
          throw new InvalidMediaError(`No bundled or uploaded font can draw ${metrics.missingGlyphs.join(' ')}`, {
            missingGlyphs: metrics.missingGlyphs,
          });
        }
        await writeFile(textPngPath, png);
        return { kind: 'image', path: textPngPath, ...placement, loop: false };
      }
      case 'image':
        return { kind: 'image', path: await this.pathOf(tenantId, layer.source, workDir), ...placement, loop: false };
      case 'video':
        return {
          kind: 'video',
          path: await this.pathOf(tenantId, layer.source, workDir),
          ...placement,
          loop: layer.loop,
        };
    }
  }

  private async pathOf(tenantId: string, source: MediaSourceRef, workDir: string): Promise<string> {
    if ('library' in source) return (await this.library.resolve(source.library, ['overlays', 'frames'])).path;
    return (await this.sources.load(tenantId, source.assetId, workDir)).path;
  }
}
