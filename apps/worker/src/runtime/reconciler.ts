import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { type JobItem, JobStatus, QUEUE_NAMES } from '@reelforge/contracts';
import { JobEntity } from '@reelforge/db';
import { JobProducer } from '@reelforge/queue';
import { DataSource, type EntityManager } from 'typeorm';
import { every, LeaderLock, runAsLeader } from './leader.js';

/** Rows looked at per tick; the next tick takes the rest. */
const BATCH_SIZE = 500;

export interface ReconcileReport {
  requeued: string[];
  failed: string[];
}

/**
 * Redis is a cache of the queue; Postgres is the truth. If Redis lost its data (restart without
 * persistence, FLUSHALL, eviction), rows stay `queued` or `processing` with no Bull job behind them
 * and nothing would ever run them. The leader finds such rows and enqueues them again from the
 * stored queue payload. The Bull job id is the row id, so a row enqueued twice still runs once.
 *
 * It treats every row of the database as its deployment's: two deployments (two QUEUE_PREFIXes)
 * must not share one database, or each would re-enqueue the other's jobs into its own queues.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private stop: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.worker.reconcileIntervalMs === 0) return;
    this.stop = every(this.config.worker.reconcileIntervalMs, 'Reconciler', async () => {
      await this.reconcileOnce();
    });
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  async reconcileOnce(): Promise<ReconcileReport> {
    const outcome = await runAsLeader(this.dataSource, LeaderLock.Reconciler, (manager) => this.reconcile(manager));
    if (outcome.led && (outcome.result.requeued.length > 0 || outcome.result.failed.length > 0)) {
      this.logger.warn(
        `Re-enqueued ${outcome.result.requeued.length} job(s) whose queue entry was lost` +
          (outcome.result.failed.length > 0 ? `; failed ${outcome.result.failed.length} without a stored payload` : ''),
      );
    }
    return outcome.led ? outcome.result : { requeued: [], failed: [] };
  }

  private async reconcile(manager: EntityManager): Promise<ReconcileReport> {
    const { reconcileMinAgeMs } = this.config.worker;
    // A processing row is only suspect once it has not been touched for a whole lock period: a live
    // worker writes progress, and Bull hands a dead worker's job on after the lock lapses anyway.
    const rows = await manager
      .createQueryBuilder(JobEntity, 'job')
      .where(
        `(job.status = :queued AND job.updated_at < now() - make_interval(secs => :queuedAgeSec))
         OR (job.status = :processing AND job.updated_at < now() - make_interval(secs => :processingAgeSec))`,
        {
          queued: JobStatus.Queued,
          processing: JobStatus.Processing,
          queuedAgeSec: reconcileMinAgeMs / 1_000,
          processingAgeSec: Math.max(reconcileMinAgeMs, this.config.queue.lockMs) / 1_000,
        },
      )
      .andWhere('job.type IN (:...types)', { types: QUEUE_NAMES })
      .orderBy('job.updated_at', 'ASC')
      .limit(BATCH_SIZE)
      .getMany();

    const report: ReconcileReport = { requeued: [], failed: [] };
    for (const row of rows) {
      const bullJob = await this.producer.queueFor(row.type).getJob(row.id);
      if (bullJob) continue;
      // Fence out whoever may still hold the lost attempt, and make the row honest before enqueueing.
      const reset = await manager
        .createQueryBuilder()
        .update(JobEntity)
        .set(
          row.queuePayload
            ? { status: JobStatus.Queued, fence: () => 'fence + 1' }
            : {
                status: JobStatus.Failed,
                fence: () => 'fence + 1',
                errorCode: 'queue_lost',
                errorMessage: 'The job queue lost this job and it cannot be enqueued again; retry it',
                finishedAt: () => 'now()',
              },
        )
        .where('id = :id AND status = :status AND fence = :fence', { id: row.id, status: row.status, fence: row.fence })
        .execute();
      if ((reset.affected ?? 0) === 0) continue;
      if (!row.queuePayload) {
        report.failed.push(row.id);
        continue;
      }
      const attemptsLeft = Math.max(1, row.maxAttempts - row.attempts);
      // The payload was built and validated by the API when it first enqueued this row.
      const item = { type: row.type, data: row.queuePayload } as unknown as JobItem;
      await this.producer.enqueue(item, {
        priority: row.priority,
        maxAttempts: attemptsLeft,
      });
      report.requeued.push(row.id);
    }
    return report;
  }
}
