import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, JobStatus, TERMINAL_JOB_STATUSES } from '@reelforge/contracts';
import { JobEntity, TenantEntity } from '@reelforge/db';
import { DataSource, type EntityManager, Not, type UpdateQueryBuilder } from 'typeorm';
import { withDbRetry } from './db-retry.js';

/** Progress is written at most this often: enough for a progress bar, cheap for Postgres. */
export const PROGRESS_WRITE_INTERVAL_MS = 1_000;

/** A final write (fail, requeue, succeed) keeps retrying through a database restart for this long. */
export const FINAL_WRITE_RETRY_BUDGET_MS = 60_000;

export interface JobFailure {
  code: string;
  message: string;
  /** ffmpeg's last stderr lines when ffmpeg failed: kept on the job as its render log. */
  stderrTail?: string;
}

/** The render log keeps this much of ffmpeg's stderr: enough for the error and the warnings before it. */
export const STDERR_TAIL_KEPT_CHARS = 8 * 1024;

/**
 * One run of a job by one worker. `fence` is the row's fencing number as this attempt set it: every
 * later write is conditional on it, so once another attempt has started (after a lost lock, a
 * SIGSTOP, a long pause), this one can no longer change the row.
 */
export interface Attempt {
  jobId: string;
  tenantId: string;
  fence: number;
  /** 1-based, as shown in `attempts`. */
  number: number;
}

export type StartOutcome =
  | { kind: 'started'; attempt: Attempt }
  /** The row is gone or already terminal (canceled while waiting, finished by another attempt). */
  | { kind: 'skipped' }
  /** The tenant already runs `cap` jobs; try again later without counting an attempt. */
  | { kind: 'deferred'; running: number; cap: number };

const NOT_TERMINAL = TERMINAL_JOB_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Appends `{attempt, code, message, at}` to attempt_errors in the same statement that ends the
 * attempt, so the history and the status cannot disagree. `attempts` is the row's counter, which is
 * this attempt's number whenever the fence matched.
 */
const APPEND_ATTEMPT_ERROR =
  "attempt_errors || jsonb_build_array(jsonb_build_object('attempt', attempts, 'code', CAST(:errorCode AS text), " +
  "'message', CAST(:errorMessage AS text), 'at', CAST(:errorAt AS text)))";

const WORKER_LOST: JobFailure = {
  code: 'worker_lost',
  message: 'The worker running this attempt stopped responding (killed or frozen); the job was run again',
};

/** Writes a job row through its life. Every write is fenced, so a stale or repeated worker cannot undo an outcome. */
@Injectable()
export class JobLifecycle {
  private readonly logger = new Logger(JobLifecycle.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Starts an attempt: bumps `fence` and `attempts` and marks the row processing, unless the tenant
   * is at its running cap. The tenant row is locked (`FOR UPDATE`) for the check, so two workers
   * starting jobs of one tenant at once serialize and cannot both see a free slot.
   */
  async start(jobId: string): Promise<StartOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const tenant = await manager
        .createQueryBuilder(TenantEntity, 'tenant')
        .innerJoin(JobEntity, 'job', 'job.tenant_id = tenant.id')
        .where('job.id = :jobId', { jobId })
        .setLock('pessimistic_write', undefined, ['tenant'])
        .getOne();
      if (!tenant) return { kind: 'skipped' };

      const running = await manager.countBy(JobEntity, {
        tenantId: tenant.id,
        status: JobStatus.Processing,
        id: Not(jobId),
      });
      if (running >= tenant.maxRunningJobs) {
        const row = await manager.findOne(JobEntity, { where: { id: jobId }, select: { id: true, status: true } });
        if (!row || TERMINAL_JOB_STATUSES.includes(row.status)) return { kind: 'skipped' };
        return { kind: 'deferred', running, cap: tenant.maxRunningJobs };
      }

      const result = await manager
        .createQueryBuilder()
        .update(JobEntity)
        .set({
          status: JobStatus.Processing,
          progress: 0,
          startedAt: () => 'now()',
          attempts: () => 'attempts + 1',
          fence: () => 'fence + 1',
          errorCode: null,
          errorMessage: null,
          // Still `processing`: the previous attempt's worker was lost (killed, frozen past its lock).
          attemptErrors: () => `CASE WHEN status = :processing THEN ${APPEND_ATTEMPT_ERROR} ELSE attempt_errors END`,
        })
        .where(`id = :jobId AND status NOT IN (${NOT_TERMINAL})`, { jobId })
        .setParameters({ processing: JobStatus.Processing, ...errorParameters(WORKER_LOST) })
        .returning(['fence', 'attempts'])
        .execute();
      const rows = result.raw as Array<{ fence: number; attempts: number }>;
      if (rows.length === 0) return { kind: 'skipped' };
      return {
        kind: 'started',
        attempt: { jobId, tenantId: tenant.id, fence: rows[0].fence, number: rows[0].attempts },
      };
    });
  }

  /** A throttled progress writer for one attempt. */
  progressWriter(attempt: Attempt): (percent: number) => void {
    let lastWriteMs = 0;
    let lastPercent = -1;
    return (percent) => {
      const rounded = Math.max(0, Math.min(99, Math.floor(percent)));
      const nowMs = Date.now();
      if (rounded === lastPercent || nowMs - lastWriteMs < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWriteMs = nowMs;
      lastPercent = rounded;
      this.fenced(this.dataSource.manager, attempt, JobStatus.Processing)
        .set({ progress: rounded })
        .execute()
        .catch((error: unknown) => this.logger.warn(`Progress of ${attempt.jobId} not written: ${String(error)}`));
    };
  }

  /** Inside the caller's transaction, together with the outputs it records. False: a newer attempt or a cancel won. */
  async succeed(
    manager: EntityManager,
    attempt: Attempt,
    outputVariantIds: string[],
    warnings: readonly string[] = [],
    stderrTail: string | null = null,
  ): Promise<boolean> {
    const result = await this.fenced(manager, attempt, JobStatus.Processing)
      .set({
        status: JobStatus.Succeeded,
        progress: 100,
        outputVariantIds,
        finishedAt: () => 'now()',
        // Appended: the API may have stored warnings at submission (a deprecated request shape).
        ...(warnings.length > 0 ? { warnings: () => 'warnings || CAST(:newWarnings AS jsonb)' } : {}),
        ...(stderrTail !== null ? { stderrTail: stderrTail.slice(-STDERR_TAIL_KEPT_CHARS) } : {}),
      })
      .setParameter('newWarnings', JSON.stringify(warnings))
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Ends this attempt and the job. False when the attempt no longer owns the row. */
  async fail(attempt: Attempt, failure: JobFailure): Promise<boolean> {
    return withDbRetry(
      `fail ${attempt.jobId}`,
      async () => {
        const result = await this.fenced(this.dataSource.manager, attempt, 'not-terminal')
          .set({
            status: JobStatus.Failed,
            errorCode: failure.code,
            errorMessage: failure.message,
            finishedAt: () => 'now()',
            attemptErrors: () => APPEND_ATTEMPT_ERROR,
            ...(failure.stderrTail ? { stderrTail: failure.stderrTail.slice(-STDERR_TAIL_KEPT_CHARS) } : {}),
          })
          .setParameters(errorParameters(failure))
          .execute();
        return (result.affected ?? 0) > 0;
      },
      { budgetMs: FINAL_WRITE_RETRY_BUDGET_MS },
    );
  }

  /**
   * Fails a job no attempt of ours owns: Bull gave up on it (stalled past maxStalledCount) without
   * running our handler. Bumps the fence too, so a worker still rendering it cannot succeed later.
   */
  async failUnowned(jobId: string, failure: JobFailure): Promise<boolean> {
    return withDbRetry(
      `fail ${jobId}`,
      async () => {
        const result = await this.dataSource
          .createQueryBuilder()
          .update(JobEntity)
          .set({
            status: JobStatus.Failed,
            errorCode: failure.code,
            errorMessage: failure.message,
            finishedAt: () => 'now()',
            fence: () => 'fence + 1',
            attemptErrors: () => APPEND_ATTEMPT_ERROR,
          })
          .where(`id = :jobId AND status NOT IN (${NOT_TERMINAL})`, { jobId })
          .setParameters(errorParameters(failure))
          .execute();
        return (result.affected ?? 0) > 0;
      },
      { budgetMs: FINAL_WRITE_RETRY_BUDGET_MS },
    );
  }

  /** Between attempts the row goes back to queued, keeping the error in the attempt history and visible. */
  async requeue(attempt: Attempt, failure: JobFailure): Promise<boolean> {
    return withDbRetry(
      `requeue ${attempt.jobId}`,
      async () => {
        const result = await this.fenced(this.dataSource.manager, attempt, JobStatus.Processing)
          .set({
            status: JobStatus.Queued,
            errorCode: failure.code,
            errorMessage: failure.message,
            attemptErrors: () => APPEND_ATTEMPT_ERROR,
          })
          .setParameters(errorParameters(failure))
          .execute();
        return (result.affected ?? 0) > 0;
      },
      { budgetMs: FINAL_WRITE_RETRY_BUDGET_MS },
    );
  }

  /** The row's status now, or null when it is gone: tells a cancel (status canceled) from a shutdown. */
  async statusOf(jobId: string): Promise<JobStatus | null> {
    const row = await this.dataSource.manager.findOne(JobEntity, { where: { id: jobId }, select: { status: true } });
    return row?.status ?? null;
  }

  private fenced(
    manager: EntityManager,
    attempt: Attempt,
    status: JobStatus.Processing | 'not-terminal',
  ): UpdateQueryBuilder<JobEntity> {
    const statusClause = status === 'not-terminal' ? `status NOT IN (${NOT_TERMINAL})` : 'status = :status';
    return manager.createQueryBuilder().update(JobEntity).where(`id = :jobId AND fence = :fence AND ${statusClause}`, {
      jobId: attempt.jobId,
      fence: attempt.fence,
      status,
    });
  }
}

function errorParameters(failure: JobFailure): Record<string, string> {
  return { errorCode: failure.code, errorMessage: failure.message, errorAt: new Date().toISOString() };
}

export function failureOf(error: unknown): JobFailure {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
