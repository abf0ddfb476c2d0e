import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import {
  type JobCancelMessage,
  jobCancelChannel,
  jobChangedChannel,
  type JobItem,
  JobType,
  QUEUE_NAMES,
} from '@reelforge/contracts';
import { type Queue } from 'bull';

/** Attempts for transient faults (worker lost, storage hiccup). Bad input fails on the first. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface EnqueueOptions {
  /** Higher runs first; 0 is normal. */
  priority: number;
  maxAttempts: number;
}

/**
 * Bull's client queues commands while Redis is away, so an add could wait forever; past this the
 * API answers 503 instead of holding the request open.
 */
export const ENQUEUE_TIMEOUT_MS = 5_000;

/** Bull runs lower numbers first and accepts 1..2^21; our priority is "higher first" around 0. */
function bullPriority(priority: number): number {
  return Math.min(Math.max(1_000 - priority, 1), 2_097_152);
}

/** The only place that adds jobs to a queue. */
@Injectable()
export class JobProducer implements OnModuleInit {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues = new Map<JobType, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const name of QUEUE_NAMES) {
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    }
  }

  queueFor(type: JobType): Queue {
    const queue = this.queues.get(type);
    if (!queue) throw new Error(`No queue registered for ${type}`);
    return queue;
  }

  /**
   * Removes the Bull job of a row, if Bull still has it and no worker holds it. False when it is
   * running (locked): then only the worker can stop it, through the cancel channel.
   */
  async remove(type: JobType, jobId: string): Promise<boolean> {
    const job = await this.queueFor(type).getJob(jobId);
    if (!job) return true;
    try {
      await job.remove();
      return true;
    } catch (error) {
      // Bull refuses to remove a job another process holds the lock of.
      this.logger.debug(`Bull job ${jobId} not removed: ${String(error)}`);
      return false;
    }
  }

  /** Tells every worker that this job was canceled, so the one running it kills its ffmpeg. */
  async publishCancel(type: JobType, jobId: string): Promise<void> {
    const message: JobCancelMessage = { jobId };
    await this.queueFor(type).client.publish(jobCancelChannel(this.config.queue.prefix), JSON.stringify(message));
  }

  /** Announces a committed terminal state, so event streams answer at once (see {@link jobChangedChannel}). */
  async publishJobChanged(type: JobType, jobId: string): Promise<void> {
    await this.queueFor(type).client.publish(jobChangedChannel(this.config.queue.prefix), jobId);
  }

  /** The Bull job id is the job row id, so enqueueing the same row twice cannot run it twice. */
  async enqueue(item: JobItem, options: EnqueueOptions): Promise<void> {
    const added = this.queueFor(item.type).add(item.data, {
      jobId: item.data.jobId,
      priority: bullPriority(options.priority),
      attempts: options.maxAttempts,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: true,
      removeOnFail: 1_000,
    });
    await withEnqueueTimeout(added);
  }
}

/** Races a Bull command against ENQUEUE_TIMEOUT_MS (see there). */
export async function withEnqueueTimeout<T>(command: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Enqueue took longer than ${ENQUEUE_TIMEOUT_MS}ms`)), ENQUEUE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([command, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
