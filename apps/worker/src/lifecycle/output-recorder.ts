import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VariantEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { DataSource } from 'typeorm';
import { JobLifecycle } from './job-lifecycle.js';

/** A variant row as a processor describes it. */
export type VariantRow = Omit<VariantEntity, 'createdAt' | 'tenant' | 'job' | 'sourceAsset' | 'sourceVariant'>;

/** What a job made: temp files (or directories, for HLS) to move into place, and the rows describing them. */
export interface JobOutputs {
  files: ReadonlyArray<{ tempPath: string; storageKey: string }>;
  /** In order; the first is the job's main output. Keys may point inside a committed directory. */
  variants: readonly VariantRow[];
}

class JobNoLongerRunning extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is no longer processing; its outputs were discarded`);
  }
}

/**
 * Makes a job's outputs visible all at once: rename every temp file into place, then insert the
 * variants and mark the job succeeded in one transaction. If the job was canceled meanwhile, or the
 * transaction fails, the renamed files are removed again, so no file is left without its row.
 */
@Injectable()
export class OutputRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: LocalStorage,
    private readonly lifecycle: JobLifecycle,
  ) {}

  /** Returns false when the job was no longer running and nothing was recorded. */
  async record(jobId: string, outputs: JobOutputs): Promise<boolean> {
    const committed: string[] = [];
    try {
      for (const file of outputs.files) {
        await this.storage.commit(file.tempPath, file.storageKey);
        committed.push(file.storageKey);
      }
      await this.dataSource.transaction(async (manager) => {
        if (outputs.variants.length > 0) {
          await manager.save(outputs.variants.map((variant) => manager.create(VariantEntity, variant)));
        }
        const variantIds = outputs.variants.map((variant) => variant.id);
        if (!(await this.lifecycle.succeed(manager, jobId, variantIds))) throw new JobNoLongerRunning(jobId);
      });
      return true;
    } catch (error) {
      for (const key of committed) await this.storage.remove(key);
      if (error instanceof JobNoLongerRunning) return false;
      throw error;
    }
  }
}
