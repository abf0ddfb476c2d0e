import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { InvalidMediaError, JobType, type ThumbnailJobPayload, VariantKind } from '@reelforge/contracts';
import { MediaTools } from '@reelforge/media/nest';
import { buildThumbnailCommand } from '@reelforge/render';
import { LocalStorage, storageKeys } from '@reelforge/storage';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputRecorder, type VariantRow } from '../lifecycle/output-recorder.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { SourceAssets } from './source-assets.js';

/** Stills from a video, all in one ffmpeg run; each becomes a `thumbnail` variant (the poster too). */
@Injectable()
export class ThumbnailProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(JobType.Thumbnail) private readonly queue: Queue<ThumbnailJobPayload>,
    private readonly sources: SourceAssets,
    private readonly tracker: JobTracker,
    private readonly recorder: OutputRecorder,
    private readonly storage: LocalStorage,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: ThumbnailJobPayload, context: JobContext): Promise<void> {
    const { asset, path } = await this.sources.load(payload.tenantId, payload.assetId);
    if (!asset.hasVideo) {
      throw new InvalidMediaError('Thumbnails are made from video assets only', { assetId: asset.id });
    }
    const outputDir = await this.storage.tempDir(payload.jobId);
    try {
      const command = buildThumbnailCommand({
        sourcePath: path,
        source: asset.probe,
        timesSec: payload.timesSec,
        widthPx: payload.widthPx,
        outputDir,
        durationSec: asset.durationSec,
        fps: asset.probe.fps,
      });
      await this.media.runner.run(command.args, { timeoutMs: this.config.media.jobTimeoutMs, signal: context.signal });
      // ffmpeg may exit 0 after ENOSPC with a truncated output.
      await this.storage.assertSpaceLeft();
      context.reportProgress(90);

      const files: Array<{ tempPath: string; storageKey: string }> = [];
      const variants: VariantRow[] = [];
      for (const [i, fileName] of command.fileNames.entries()) {
        const tempPath = join(outputDir, fileName);
        // ffmpeg exits 0 when a seek finds no frame; say that, rather than "not a media file" from probing nothing.
        const sizeBytes = await stat(tempPath).then(
          (info) => info.size,
          () => 0,
        );
        if (sizeBytes === 0) {
          throw new InvalidMediaError(
            `No frame could be decoded at ${payload.timesSec[i]}s of this ${asset.durationSec ?? '?'}s video; the stream may end early or be damaged`,
            { assetId: asset.id, timeSec: payload.timesSec[i] },
          );
        }
        const facts = await this.media.probe(tempPath);
        const id = randomUUID();
        const storageKey = storageKeys.variant(payload.tenantId, id, 'jpg');
        files.push({ tempPath, storageKey });
        variants.push({
          id,
          tenantId: payload.tenantId,
          jobId: payload.jobId,
          sourceAssetId: asset.id,
          sourceVariantId: null,
          kind: VariantKind.Thumbnail,
          quality: payload.purpose === 'poster' ? 'poster' : null,
          storageKey,
          mime: 'image/jpeg',
          sizeBytes,
          durationSec: null,
          width: facts.width,
          height: facts.height,
          config: { timeSec: payload.timesSec[i], purpose: payload.purpose },
        });
      }
      await this.recorder.record(context.attempt, { files, variants });
    } finally {
      await this.storage.removeTemp(outputDir);
    }
  }
}
