import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { DomainError, type JobPayload, JobStatus, type QueuedJobType } from '@reelforge/contracts';
import { FfmpegError, isTransientFfmpegFailure } from '@reelforge/media';
import { currentJobContext, type JobOutcome, runWithJobContext } from '@reelforge/observability';
import { LocalStorage } from '@reelforge/storage';
import { type Job, type Queue } from 'bull';
import { WorkerMetricsService } from '../observability/worker-metrics.js';
import { type FailureKind, CircuitBreaker } from '../runtime/circuit-breaker.js';
import { QueueGate } from '../runtime/queue-gate.js';
import { type AbortReason, RunningJobs } from '../runtime/running-jobs.js';
import { isDatabaseConnectionError } from './db-retry.js';
import { type Attempt, failureOf, type JobFailure, JobLifecycle } from './job-lifecycle.js';
import { JobTerminalNotifier } from './terminal-notifier.js';

/** What a handler gets besides its payload. */
export interface JobContext {
  /** 0-100; throttled before it reaches the database. */
  reportProgress(percent: number): void;
  /** Aborted when the job is canceled or the worker shuts down: pass it to every `runner.run`. */
  signal: AbortSignal;
  /** The fenced attempt; hand it to OutputRecorder.record so a stale attempt cannot commit. */
  attempt: Attempt;
}

export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

/** errno codes meaning the media root cannot take writes: not the job's fault, and not fixed by the next job. */
const STORAGE_ERRNOS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM']);
const FFMPEG_NO_SPACE = /No space left on device|Disk quota exceeded/;

function errnoOf(error: unknown): string | null {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

function isStorageFull(error: unknown): boolean {
  const errno = errnoOf(error);
  if (errno === 'ENOSPC' || errno === 'EDQUOT') return true;
  return error instanceof FfmpegError && error.reason === 'exit' && FFMPEG_NO_SPACE.test(error.stderrTail);
}

/** Failures that say more about this machine than about the job; the circuit breaker counts them. */
export function transientKindOf(error: unknown): FailureKind | null {
  if (isStorageFull(error) || STORAGE_ERRNOS.has(errnoOf(error) ?? '')) return 'storage';
  if (isDatabaseConnectionError(error)) return 'database';
  return null;
}

/**
 * Retrying cannot fix these: fail the job now, with the reason. A full disk is permanent for the job
 * (it says so clearly: `storage_full`); the breaker keeps it from failing the rest of the backlog.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof DomainError) return true;
  if (isStorageFull(error)) return true;
  if (error instanceof FfmpegError) {
    return error.reason === 'timeout' || (error.reason === 'exit' && !isTransientFfmpegFailure(error));
  }
  return false;
}

export function classifyFailure(error: unknown): JobFailure {
  if (isStorageFull(error)) {
    return { code: 'storage_full', message: 'The media storage is full; the output could not be written' };
  }
  if (error instanceof FfmpegError) {
    if (error.reason === 'timeout') {
      return { code: 'render_timeout', message: 'Rendering took longer than the job time limit' };
    }
    const lastLine = error.stderrTail.trim().split('\n').pop() ?? '';
    return {
      code: 'render_failed',
      message: `ffmpeg failed: ${lastLine || error.message}`.slice(0, 2_000),
      stderrTail: error.stderrTail,
    };
  }
  if (STORAGE_ERRNOS.has(errnoOf(error) ?? '')) {
    return { code: 'storage_unavailable', message: `The media storage refused a write (${errnoOf(error)})` };
  }
  if (isDatabaseConnectionError(error)) {
    return { code: 'database_unavailable', message: 'The database was unreachable' };
  }
  return failureOf(error);
}

/**
 * Thrown to Bull to put a job back without spending one of its attempts: the tenant is at its
 * running cap, or this worker is shutting down. Bull 4 has no "move back to wait" for an active job
 * from inside a processor (moveToDelayed then returning would let moveToCompleted remove the job),
 * so we fail the attempt with a one-off fixed backoff and an extra allowed attempt, and give the
 * attempt back in the 'failed' listener. https://github.com/OptimalBits/bull/blob/develop/lib/job.js (moveToFailed)
 */
export class ReleasedWithoutAttempt extends Error {
  constructor(
    readonly why: 'tenant_cap' | 'shutdown' | 'database_unavailable' | 'worker_paused',
    readonly delayMs: number,
  ) {
    super(`Job released without using an attempt (${why}); offered again in ${delayMs} ms`);
    this.name = 'ReleasedWithoutAttempt';
  }
}

/** Bull emits this exact message when a job passed maxStalledCount (lib/queue.js moveUnlockedJobsToWait). */
const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';
/** Never release with less: a second worker fetching the job in the same instant would see the attempt counted. */
const MIN_RELEASE_DELAY_MS = 500;

/**
 * Wires queues to handlers. This is where retries are decided: a bad input is failed at once
 * (`job.discard()`, Bull 4 has no UnrecoverableError), a transient fault is rethrown for Bull's
 * exponential backoff while attempts remain, a cancel ends quietly (the API already wrote
 * `canceled`), and a shutdown or a tenant at its cap puts the job back without counting an attempt.
 */
@Injectable()
export class JobTracker {
  constructor(
    private readonly lifecycle: JobLifecycle,
    private readonly running: RunningJobs,
    private readonly gate: QueueGate,
    private readonly breaker: CircuitBreaker,
    private readonly notifier: JobTerminalNotifier,
    private readonly storage: LocalStorage,
    private readonly metrics: WorkerMetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  process<P extends JobPayload<QueuedJobType>>(queue: Queue<P>, handler: JobHandler<P>): void {
    const logger = new Logger(`Queue:${queue.name}`);
    this.gate.register(queue);

    // Every log line (and ffmpeg CPU sample) caused by the job carries its id, type and attempt.
    void queue.process(this.config.worker.concurrency, (job: Job<P>) =>
      runWithJobContext({ jobId: job.data.jobId, jobType: queue.name }, () => this.run(job, handler, logger)),
    );

    queue.on('failed', (job: Job<P> | null, error: Error) => {
      if (!job) return;
      if (error instanceof ReleasedWithoutAttempt) {
        this.giveAttemptBack(job, logger);
        return;
      }
      // Bull failed the job without our handler (too many stalls: worker killed or frozen each time).
      if (error.message.includes(STALLED_TOO_OFTEN)) {
        const failure = {
          code: 'worker_lost',
          message: `The job's worker stopped responding more than ${this.config.queue.maxStalledCount} time(s); not retried again`,
        };
        this.lifecycle
          .failUnowned(job.data.jobId, failure)
          .then((failed) => failed && this.notifier.jobFinished(job.data.jobId))
          .catch((e: unknown) => logger.error(`Could not fail ${job.data.jobId}: ${String(e)}`));
      }
    });
  }

  private async run<P extends JobPayload<QueuedJobType>>(
    job: Job<P>,
    handler: JobHandler<P>,
    logger: Logger,
  ): Promise<void> {
    const { jobId } = job.data;
    // A local pause does not stop every path by which Bull hands out a job (a blocking fetch already
    // in flight is resent on reconnect), so a worker that takes no jobs hands such a job straight back.
    if (this.gate.closedFor().length > 0) {
      throw this.release(job, 'worker_paused', this.config.worker.tenantCapDelayMs);
    }
    const { signal, untrack } = this.running.track(jobId);
    try {
      let outcome;
      try {
        outcome = await this.lifecycle.start(jobId);
      } catch (error) {
        if (!isDatabaseConnectionError(error)) throw error;
        this.breaker.recordFailure('database');
        throw this.release(job, 'database_unavailable', this.config.worker.breakerPauseMs);
      }
      if (outcome.kind === 'skipped') {
        logger.warn(`Job ${jobId} is gone or already finished; skipping`);
        return;
      }
      if (outcome.kind === 'deferred') {
        logger.debug(`Job ${jobId} waits: its tenant runs ${outcome.running} of ${outcome.cap} allowed jobs`);
        throw this.release(job, 'tenant_cap', this.config.worker.tenantCapDelayMs);
      }
      const attempt = outcome.attempt;
      const context = currentJobContext();
      if (context) context.attempt = attempt.number;
      const startedAtMs = Date.now();
      logger.log(`Job ${jobId} attempt ${attempt.number} started`);
      const finished = (jobOutcome: JobOutcome): void => {
        const durationMs = Date.now() - startedAtMs;
        this.metrics.metrics.jobsFinished.inc({ type: job.queue.name, outcome: jobOutcome });
        this.metrics.metrics.jobDuration.observe({ type: job.queue.name }, durationMs / 1000);
        logger.log({
          msg: `Job ${jobId} attempt ${attempt.number} ended: ${jobOutcome}`,
          outcome: jobOutcome,
          durationMs,
        });
      };
      if (attempt.number > 1) {
        // A lost attempt (worker killed) leaves its partial output; it is fenced out, so nothing needs it.
        const removed = await this.storage.removeTempsOf(jobId);
        if (removed.length > 0) logger.log(`Removed ${removed.length} temp entries of earlier attempts of ${jobId}`);
      }
      try {
        await handler(job.data, { reportProgress: this.lifecycle.progressWriter(attempt), signal, attempt });
      } catch (error) {
        await this.onAttemptFailed(job, attempt, signal, error, logger, finished);
        return;
      }
      finished('succeeded');
      this.breaker.recordSuccess();
    } finally {
      untrack();
    }
  }

  /** Resolves to end the Bull job quietly (cancel); throws to let Bull retry or fail it. */
  private async onAttemptFailed<P extends JobPayload<QueuedJobType>>(
    job: Job<P>,
    attempt: Attempt,
    signal: AbortSignal,
    error: unknown,
    logger: Logger,
    finished: (outcome: JobOutcome) => void,
  ): Promise<void> {
    const { jobId } = attempt;
    const abortReason = signal.aborted ? (signal.reason as AbortReason) : null;
    if (abortReason === 'canceled') {
      const status = await this.lifecycle.statusOf(jobId).catch(() => null);
      if (status === JobStatus.Canceled || status === null) {
        // The API wrote `canceled` (and owns the webhook for it); resolving completes and removes the Bull job.
        job.discard();
        finished('canceled');
        return;
      }
    }
    if (abortReason !== null) {
      await this.lifecycle.requeue(attempt, {
        code: 'worker_shutdown',
        message: 'The worker stopped before the job finished; the job was put back in the queue',
      });
      logger.warn(`Job ${jobId} interrupted (${abortReason}); put back in the queue`);
      finished('requeued');
      throw this.release(job, 'shutdown', MIN_RELEASE_DELAY_MS);
    }

    const failure = classifyFailure(error);
    const kind = transientKindOf(error);
    if (kind) this.breaker.recordFailure(kind);
    const permanent = isPermanentFailure(error);
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (permanent || !attemptsLeft) {
      if (permanent) job.discard();
      if (await this.lifecycle.fail(attempt, failure)) this.notifier.jobFinished(jobId);
      logger.warn({ msg: `Job ${jobId} failed (${failure.code}): ${failure.message}`, errorCode: failure.code });
      finished('failed');
    } else {
      await this.lifecycle.requeue(attempt, failure);
      logger.warn({
        msg: `Job ${jobId} attempt ${attempt.number} failed, will retry: ${failure.message}`,
        errorCode: failure.code,
      });
      finished('retried');
    }
    throw error;
  }

  /**
   * Lets this one moveToFailed retry after `delayMs` even on the last attempt. `opts` is changed in
   * memory only (Bull does not write opts back); the attemptsMade Bull saves is undone in the
   * 'failed' listener, which runs right after the move.
   */
  private release<P>(job: Job<P>, why: ReleasedWithoutAttempt['why'], delayMs: number): ReleasedWithoutAttempt {
    const effectiveDelayMs = Math.max(delayMs, MIN_RELEASE_DELAY_MS);
    job.opts = {
      ...job.opts,
      attempts: (job.opts.attempts ?? 1) + 1,
      backoff: { type: 'fixed', delay: effectiveDelayMs },
    };
    return new ReleasedWithoutAttempt(why, effectiveDelayMs);
  }

  private giveAttemptBack<P>(job: Job<P>, logger: Logger): void {
    // Bull keeps attemptsMade in the job hash; there is no API to change it, so write the field.
    job.queue.client
      .hincrby(job.queue.toKey(String(job.id)), 'attemptsMade', -1)
      .catch((error: unknown) => logger.warn(`Could not give job ${job.id} its attempt back: ${String(error)}`));
  }
}
