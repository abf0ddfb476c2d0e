import { getQueueToken } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QUEUE_NAMES, WEBHOOK_QUEUE } from '@reelforge/contracts';
import { type QueueSnapshot } from '@reelforge/observability';
import { type Queue } from 'bull';

/** Every Bull queue of the deployment, for the queue gauges and the dashboard. */
@Injectable()
export class QueueInspector {
  private resolved: Queue[] | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Resolved on first use: in the constructor the queue providers may not be instantiated yet. */
  get queues(): Queue[] {
    this.resolved ??= [...QUEUE_NAMES, WEBHOOK_QUEUE].map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    return this.resolved;
  }

  async snapshot(): Promise<QueueSnapshot[]> {
    const nowMs = Date.now();
    return Promise.all(
      this.queues.map(async (queue) => {
        const [counts, paused, oldest] = await Promise.all([
          queue.getJobCounts(),
          queue.getPausedCount(),
          // Bull pushes new jobs on the left and takes from the right: the last element waited longest.
          queue.getWaiting(0, 0),
        ]);
        const head = oldest[0];
        return {
          name: queue.name,
          counts: { ...counts, paused },
          oldestWaitingAgeSec: head ? Math.max(0, (nowMs - head.timestamp) / 1000) : null,
        };
      }),
    );
  }
}
