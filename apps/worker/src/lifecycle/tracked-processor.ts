import { Logger } from '@nestjs/common';
import { DomainError, type JobPayload, type QueuedJobType } from '@reelforge/contracts';
import { FfmpegError, isTransientFfmpegFailure } from '@reelforge/media';
import { type Job, type Queue } from 'bull';
import { failureOf, type JobFailure, JobLifecycle } from './job-lifecycle.js';

/** What a handler gets besides its payload. */
export interface JobContext {
  /** 0-100; throttled before it reaches the database. */
  reportProgress(percent: number): void;
}

export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

/** Retrying cannot fix these: fail the job now, with the reason. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof DomainError) return true;
  if (error instanceof FfmpegError) {
    return error.reason === 'timeout' || (error.reason === 'exit' && !isTransientFfmpegFailure(error));
  }
  return false;
}

export function classifyFailure(error: unknown): JobFailure {
  if (error instanceof FfmpegError) {
    if (error.reason === 'timeout') {
      return { code: 'render_timeout', message: 'Rendering took longer than the job time limit' };
    }
    const lastLine = error.stderrTail.trim().split('\n').pop() ?? '';
    return { code: 'render_failed', message: `ffmpeg failed: ${lastLine || error.message}`.slice(0, 2_000) };
  }
  return failureOf(error);
}

/**
 * Wires one queue to its handler. This is where retries are decided: a bad input is failed at once
 * (`job.discard()`, Bull 4 has no UnrecoverableError), anything else is rethrown for Bull's
 * exponential backoff while attempts remain.
 */
export function processTracked<P extends JobPayload<QueuedJobType>>(
  queue: Queue<P>,
  concurrency: number,
  lifecycle: JobLifecycle,
  handler: JobHandler<P>,
): void {
  const logger = new Logger(`Queue:${queue.name}`);

  void queue.process(concurrency, async (job: Job<P>) => {
    const { jobId } = job.data;
    const row = await lifecycle.start(jobId);
    if (!row) {
      logger.warn(`Job ${jobId} is gone or already finished; skipping`);
      return;
    }
    try {
      await handler(job.data, { reportProgress: lifecycle.progressWriter(jobId) });
    } catch (error) {
      const failure = classifyFailure(error);
      const permanent = isPermanentFailure(error);
      const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      if (permanent || !attemptsLeft) {
        if (permanent) job.discard();
        await lifecycle.fail(jobId, failure);
        logger.warn(`Job ${jobId} failed (${failure.code}): ${failure.message}`);
      } else {
        await lifecycle.requeueAfterTransientFailure(jobId, failure);
        logger.warn(`Job ${jobId} attempt ${job.attemptsMade + 1} failed, will retry: ${failure.message}`);
      }
      throw error;
    }
  });

  // Bull can fail a job without running our handler (too many stalls after worker deaths); the row must still end.
  queue.on('failed', (job: Job<P>, error: Error) => {
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (exhausted || error.message.includes('stalled')) {
      lifecycle
        .fail(job.data.jobId, classifyFailure(error))
        .catch((e: unknown) => logger.error(`Could not fail ${job.data.jobId}: ${String(e)}`));
    }
  });
}
