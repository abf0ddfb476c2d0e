import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VariantEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { DataSource } from 'typeorm';
import { withDbRetry } from './db-retry.js';
import { type Attempt, FINAL_WRITE_RETRY_BUDGET_MS, JobLifecycle } from './job-lifecycle.js';
import { JobTerminalNotifier } from './terminal-notifier.js';

/** A variant row as a processor describes it. */
export type VariantRow = Omit<VariantEntity, 'createdAt' | 'tenant' | 'job' | 'sourceAsset' | 'sourceVariant'>;

/** What a job made: temp files (or directories, for HLS) to move into place, and the rows describing them. */
export interface JobOutputs {
  files: ReadonlyArray<{ tempPath: string; storageKey: string }>;
  /** In order; the first is the job's main output. Keys may point inside a committed directory. */
  variants: readonly VariantRow[];
  /** Stored on the job with its success, in the same fenced write. */
  warnings?: readonly string[];
  /** ffmpeg's stderr tail of the main run, kept on the job as its render log. */
  stderrTail?: string;
}

class JobNoLongerRunning extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is no longer processing; its outputs were discarded`);
  }
}

/**
 * Makes a job's outputs visible all at once: rename every temp file into place, then insert the
 * variants and mark the job succeeded in one transaction, fenced by the attempt. If the job was
 * canceled meanwhile, a newer attempt started, or the transaction fails for good, the renamed files
 * are removed again, so no file is left without its row. A database restart is waited out
 * (the transaction is retried) rather than throwing a finished render away.
 */
@Injectable()
export class OutputRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: LocalStorage,
    private readonly lifecycle: JobLifecycle,
    private readonly notifier: JobTerminalNotifier,
  ) {}

  /** Returns false when the job was no longer running and nothing was recorded. */
  async record(attempt: Attempt, outputs: JobOutputs): Promise<boolean> {
    const committed: string[] = [];
    try {
      for (const file of outputs.files) {
        await this.storage.commit(file.tempPath, file.storageKey);
        committed.push(file.storageKey);
      }
      await withDbRetry(
        `record outputs of ${attempt.jobId}`,
        () =>
          this.dataSource.transaction(async (manager) => {
            if (outputs.variants.length > 0) {
              await manager.save(outputs.variants.map((variant) => manager.create(VariantEntity, variant)));
            }
            const variantIds = outputs.variants.map((variant) => variant.id);
            if (
              !(await this.lifecycle.succeed(
                manager,
                attempt,
                variantIds,
                outputs.warnings,
                outputs.stderrTail ?? null,
              ))
            ) {
              throw new JobNoLongerRunning(attempt.jobId);
            }
          }),
        { budgetMs: FINAL_WRITE_RETRY_BUDGET_MS },
      );
      this.notifier.jobFinished(attempt.jobId);
      return true;
    } catch (error) {
      for (const key of committed) await this.storage.remove(key);
      if (error instanceof JobNoLongerRunning) return false;
      throw error;
    }
  }
}
