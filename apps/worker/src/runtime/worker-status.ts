import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { CircuitBreaker } from './circuit-breaker.js';
import { QueueGate } from './queue-gate.js';
import { RunningJobs } from './running-jobs.js';
import { WorkerRedis } from './worker-redis.js';

const PUBLISH_INTERVAL_MS = 5_000;
/** A worker whose key expired is gone (or cut off from Redis, which for a worker is the same). */
const STATUS_TTL_SEC = 15;

/** Where a worker's readiness lives: `<prefix>:workers:<host>:<pid>`, JSON, expiring. */
export const workerStatusKey = (prefix: string, workerId: string): string => `${prefix}:workers:${workerId}`;

/**
 * The worker has no HTTP server, so its readiness is published to Redis for the API's health
 * endpoint (or `redis-cli --scan --pattern '<prefix>:workers:*'`): `ready` is false while the
 * worker takes no jobs (breaker open, shutting down), with the reasons.
 */
@Injectable()
export class WorkerStatus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerStatus.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly redis: WorkerRedis,
    private readonly gate: QueueGate,
    private readonly running: RunningJobs,
    private readonly breaker: CircuitBreaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.breaker.onChange(() => void this.publish());
    void this.publish();
    this.timer = setInterval(() => void this.publish(), PUBLISH_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.commands.del(workerStatusKey(this.config.queue.prefix, this.redis.workerId)).catch(() => 0);
  }

  snapshot(): Record<string, unknown> {
    const pausedFor = this.gate.closedFor();
    return {
      workerId: this.redis.workerId,
      startedAt: this.startedAt,
      ready: pausedFor.length === 0,
      pausedFor,
      runningJobIds: this.running.ids(),
      breakers: this.breaker.state(),
      at: new Date().toISOString(),
    };
  }

  private async publish(): Promise<void> {
    const key = workerStatusKey(this.config.queue.prefix, this.redis.workerId);
    await this.redis.commands
      .set(key, JSON.stringify(this.snapshot()), 'EX', STATUS_TTL_SEC)
      .catch((error: unknown) => this.logger.debug(`Status not published: ${String(error)}`));
  }
}
