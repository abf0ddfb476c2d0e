import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AssetOrigin,
  type ImportJobPayload,
  InvalidMediaError,
  type JobItem,
  JobStatus,
  JobType,
} from '@reelforge/contracts';
import { AssetEntity, assetRowOf, JobEntity, posterThumbnailOf } from '@reelforge/db';
import { DEFAULT_MAX_ATTEMPTS, JobProducer } from '@reelforge/queue';
import { ObjectStorage, Scratch, storageKeys } from '@reelforge/storage';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { withDbRetry } from '../lifecycle/db-retry.js';
import { FINAL_WRITE_RETRY_BUDGET_MS, JobLifecycle } from '../lifecycle/job-lifecycle.js';
import { JobTerminalNotifier } from '../lifecycle/terminal-notifier.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { RemoteMediaFetcher } from './remote-media.js';

class JobNoLongerRunning extends Error {}

/**
 * URL import: fetch and probe (RemoteMediaFetcher), then make the asset visible all at once: the file is
 * stored (renamed into place, or uploaded), and the asset row, its poster job row and the job's success are written in one
 * fenced transaction. If that fails or the job was canceled meanwhile, the file is removed again.
 */
@Injectable()
export class ImportProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportProcessor.name);

  constructor(
    @InjectQueue(JobType.Import) private readonly queue: Queue<ImportJobPayload>,
    private readonly tracker: JobTracker,
    private readonly fetcher: RemoteMediaFetcher,
    private readonly storage: ObjectStorage,
    private readonly scratch: Scratch,
    private readonly lifecycle: JobLifecycle,
    private readonly notifier: JobTerminalNotifier,
    private readonly producer: JobProducer,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: ImportJobPayload, context: JobContext): Promise<void> {
    const dir = await this.scratch.tempDir(payload.jobId);
    try {
      const fetched = await this.fetcher.fetch(payload.tenantId, payload.url, dir, context.signal);
      if (payload.expectedKind !== null && fetched.kind !== payload.expectedKind) {
        throw new InvalidMediaError(
          `Expected ${payload.expectedKind}, but the URL serves ${fetched.kind} (${fetched.mime})`,
          { expectedKind: payload.expectedKind, kind: fetched.kind },
        );
      }
      context.reportProgress(90);

      const storageKey = storageKeys.assetOriginal(payload.tenantId, payload.assetId, fetched.extension);
      const row = assetRowOf({
        id: payload.assetId,
        tenantId: payload.tenantId,
        kind: fetched.kind,
        origin: AssetOrigin.Url,
        originalName: fetched.originalName,
        storageKey,
        mime: fetched.mime,
        sizeBytes: fetched.sizeBytes,
        sha256: fetched.sha256,
        facts: fetched.facts,
      });
      await this.storage.putFile(storageKey, fetched.path);
      let poster: JobItem | null;
      try {
        poster = await withDbRetry(
          `record import ${payload.jobId}`,
          () =>
            this.dataSource.transaction(async (manager) => {
              await manager.insert(AssetEntity, row);
              const posterJob = row.hasVideo ? await this.insertPosterJob(manager, row) : null;
              if (!(await this.lifecycle.succeed(manager, context.attempt, []))) throw new JobNoLongerRunning();
              return posterJob;
            }),
          { budgetMs: FINAL_WRITE_RETRY_BUDGET_MS },
        );
      } catch (error) {
        await this.storage.delete(storageKeys.removalUnit(storageKey));
        if (error instanceof JobNoLongerRunning) return;
        throw error;
      }
      this.notifier.jobFinished(payload.jobId);
      if (poster) await this.enqueuePoster(poster);
    } finally {
      await this.scratch.removeTemp(dir);
    }
  }

  /** The same poster job an upload gets, as a row in the import's transaction: it exists only if the asset does. */
  private async insertPosterJob(manager: EntityManager, asset: ReturnType<typeof assetRowOf>): Promise<JobItem> {
    const jobId = randomUUID();
    const { timesSec, widthPx } = posterThumbnailOf(asset);
    const item: JobItem = {
      type: JobType.Thumbnail,
      data: { jobId, tenantId: asset.tenantId, assetId: asset.id, timesSec, widthPx, purpose: 'poster' },
    };
    await manager.save(
      manager.create(JobEntity, {
        id: jobId,
        tenantId: asset.tenantId,
        type: JobType.Thumbnail,
        status: JobStatus.Queued,
        progress: 0,
        priority: 0,
        attempts: 0,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
        request: { assetId: asset.id, purpose: 'poster' },
        inputs: [asset.id],
        idempotencyKey: null,
        requestHash: null,
        webhookUrl: null,
        queuePayload: item.data as unknown as Record<string, unknown>,
      }),
    );
    return item;
  }

  /** The import has succeeded either way; a poster row Redis never got is re-enqueued by the reconciler. */
  private async enqueuePoster(item: JobItem): Promise<void> {
    try {
      await this.producer.enqueue(item, { priority: 0, maxAttempts: DEFAULT_MAX_ATTEMPTS });
    } catch (error) {
      this.logger.warn(`Poster job ${item.data.jobId} not enqueued yet: ${String(error)}`);
    }
  }
}
