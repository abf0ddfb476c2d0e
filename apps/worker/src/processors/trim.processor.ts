import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { JobType, NotFoundError, type TrimJobPayload, VariantKind } from '@reelforge/contracts';
import { AssetEntity, VariantEntity } from '@reelforge/db';
import { MediaTools } from '@reelforge/media/nest';
import { buildTrimCommand, expectedTrimDurationSec } from '@reelforge/render';
import { LocalStorage, storageKeys } from '@reelforge/storage';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { DataSource, type Repository } from 'typeorm';
import { JobLifecycle } from '../lifecycle/job-lifecycle.js';
import { type JobContext, processTracked } from '../lifecycle/tracked-processor.js';

/**
 * Trim: one ffmpeg run into a temp file, probe what came out, rename it into place, then record
 * the variant and finish the job in one transaction.
 */
@Injectable()
export class TrimProcessor implements OnModuleInit {
  constructor(
    @InjectQueue(JobType.Trim) private readonly queue: Queue<TrimJobPayload>,
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: JobLifecycle,
    private readonly storage: LocalStorage,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registered here rather than with @Process so concurrency can come from the injected config. */
  onModuleInit(): void {
    processTracked(this.queue, this.config.worker.concurrency, this.lifecycle, (payload, context) =>
      this.handle(payload, context),
    );
  }

  async handle(payload: TrimJobPayload, context: JobContext): Promise<void> {
    const asset = await this.assets.findOneBy({ id: payload.assetId, tenantId: payload.tenantId });
    if (!asset) throw new NotFoundError('asset', payload.assetId);

    const extension = asset.hasVideo ? 'mp4' : 'm4a';
    const tempPath = this.storage.tempPath(extension);
    try {
      const input = {
        sourcePath: this.storage.pathOf(asset.storageKey),
        outputPath: tempPath,
        startSec: payload.startSec,
        endSec: payload.endSec,
        mode: payload.mode,
        hasVideo: asset.hasVideo,
        hasAudio: asset.hasAudio,
      };
      await this.media.runner.run(buildTrimCommand(input), {
        timeoutMs: this.config.media.jobTimeoutMs,
        expectedDurationSec: expectedTrimDurationSec(input),
        onProgress: (progress) => {
          if (progress.percent !== null) context.reportProgress(progress.percent);
        },
      });

      const facts = await this.media.probe(tempPath);
      const { size: sizeBytes } = await stat(tempPath);
      const variantId = randomUUID();
      const storageKey = storageKeys.variant(payload.tenantId, variantId, extension);
      await this.storage.commit(tempPath, storageKey);

      const recorded = await this.dataSource
        .transaction(async (manager) => {
          await manager.insert(VariantEntity, {
            id: variantId,
            tenantId: payload.tenantId,
            jobId: payload.jobId,
            sourceAssetId: asset.id,
            sourceVariantId: null,
            kind: VariantKind.Trim,
            quality: null,
            storageKey,
            mime: extension === 'mp4' ? 'video/mp4' : 'audio/mp4',
            sizeBytes,
            durationSec: facts.durationSec,
            width: facts.width,
            height: facts.height,
            config: { startSec: payload.startSec, endSec: payload.endSec, mode: payload.mode },
          });
          // The row may have been canceled while ffmpeg ran; then the output must not appear.
          if (!(await this.lifecycle.succeed(manager, payload.jobId, [variantId]))) {
            throw new JobNoLongerRunning(payload.jobId);
          }
          return true;
        })
        .catch(async (error: unknown) => {
          await this.storage.remove(storageKey);
          if (error instanceof JobNoLongerRunning) return false;
          throw error;
        });
      if (!recorded) return;
    } finally {
      await this.storage.removeTemp(tempPath);
    }
  }
}

class JobNoLongerRunning extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is no longer processing; its output was discarded`);
  }
}
