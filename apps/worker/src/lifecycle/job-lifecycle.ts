import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, JobStatus, TERMINAL_JOB_STATUSES } from '@reelforge/contracts';
import { JobEntity } from '@reelforge/db';
import { type EntityManager, In, Not, type Repository } from 'typeorm';

/** Progress is written at most this often: enough for a progress bar, cheap for Postgres. */
export const PROGRESS_WRITE_INTERVAL_MS = 1_000;

export interface JobFailure {
  code: string;
  message: string;
}

/** Writes a job row through its life. Every write skips rows already terminal, so a late or repeated worker cannot undo an outcome. */
@Injectable()
export class JobLifecycle {
  private readonly logger = new Logger(JobLifecycle.name);

  constructor(@InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>) {}

  /** Marks the row processing and counts the attempt; null when the job is gone or already finished. */
  async start(jobId: string): Promise<JobEntity | null> {
    const result = await this.jobs.update(
      { id: jobId, status: Not(In(TERMINAL_JOB_STATUSES)) },
      {
        status: JobStatus.Processing,
        progress: 0,
        startedAt: new Date(),
        attempts: () => 'attempts + 1',
        errorCode: null,
        errorMessage: null,
      },
    );
    return (result.affected ?? 0) > 0 ? this.jobs.findOneBy({ id: jobId }) : null;
  }

  /** A throttled progress writer for one attempt. */
  progressWriter(jobId: string): (percent: number) => void {
    let lastWriteMs = 0;
    let lastPercent = -1;
    return (percent) => {
      const rounded = Math.max(0, Math.min(99, Math.floor(percent)));
      const nowMs = Date.now();
      if (rounded === lastPercent || nowMs - lastWriteMs < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWriteMs = nowMs;
      lastPercent = rounded;
      this.jobs
        .update({ id: jobId, status: JobStatus.Processing }, { progress: rounded })
        .catch((error: unknown) => this.logger.warn(`Progress of ${jobId} not written: ${String(error)}`));
    };
  }

  /** Inside the caller's transaction, together with the outputs it records. */
  async succeed(manager: EntityManager, jobId: string, outputVariantIds: string[]): Promise<boolean> {
    const result = await manager.update(
      JobEntity,
      { id: jobId, status: JobStatus.Processing },
      { status: JobStatus.Succeeded, progress: 100, outputVariantIds, finishedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  async fail(jobId: string, failure: JobFailure): Promise<void> {
    await this.jobs.update(
      { id: jobId, status: Not(In(TERMINAL_JOB_STATUSES)) },
      { status: JobStatus.Failed, errorCode: failure.code, errorMessage: failure.message, finishedAt: new Date() },
    );
  }

  /** Between attempts the row goes back to queued, keeping the last error visible. */
  async requeueAfterTransientFailure(jobId: string, failure: JobFailure): Promise<void> {
    await this.jobs.update(
      { id: jobId, status: JobStatus.Processing },
      { status: JobStatus.Queued, errorCode: failure.code, errorMessage: failure.message },
    );
  }
}

export function failureOf(error: unknown): JobFailure {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
