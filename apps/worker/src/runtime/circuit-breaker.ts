import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { QueueGate } from './queue-gate.js';

/** Transient failures that hit every job alike, so running more jobs only fails more of the backlog. */
export type FailureKind = 'storage' | 'database';

export interface BreakerState {
  open: boolean;
  consecutiveFailures: number;
  /** ISO time the queues resume; null while closed. */
  openUntil: string | null;
}

/**
 * After `WORKER_BREAKER_THRESHOLD` consecutive failures of one kind, this worker stops taking jobs
 * for `WORKER_BREAKER_PAUSE_MS` instead of failing its whole backlog against a full disk or a dead
 * database. Then it half-opens: one more failure of that kind pauses it again, one success closes it.
 * The state is logged and published in the worker's status key (see WorkerStatus).
 */
@Injectable()
export class CircuitBreaker implements OnApplicationShutdown {
  private readonly logger = new Logger(CircuitBreaker.name);
  private readonly failures: Record<FailureKind, number> = { storage: 0, database: 0 };
  private readonly openUntilMs = new Map<FailureKind, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners: Array<() => void> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: QueueGate,
  ) {}

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  recordSuccess(): void {
    this.failures.storage = 0;
    this.failures.database = 0;
  }

  recordFailure(kind: FailureKind): void {
    this.failures[kind] += 1;
    if (this.failures[kind] >= this.config.worker.breakerThreshold && !this.openUntilMs.has(kind)) {
      void this.open(kind);
    }
  }

  state(): Record<FailureKind, BreakerState> {
    const of = (kind: FailureKind): BreakerState => {
      const untilMs = this.openUntilMs.get(kind);
      return {
        open: untilMs !== undefined,
        consecutiveFailures: this.failures[kind],
        openUntil: untilMs === undefined ? null : new Date(untilMs).toISOString(),
      };
    };
    return { storage: of('storage'), database: of('database') };
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private async open(kind: FailureKind): Promise<void> {
    const { breakerPauseMs, breakerThreshold } = this.config.worker;
    this.openUntilMs.set(kind, Date.now() + breakerPauseMs);
    this.logger.error(
      `Circuit breaker OPEN for ${kind}: ${this.failures[kind]} consecutive ${kind} failures; ` +
        `taking no jobs for ${breakerPauseMs} ms`,
    );
    // close() records the reason before its first await, so the status published next shows it.
    const closing = this.gate.close(`breaker:${kind}`);
    this.notify();
    await closing;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.openUntilMs.delete(kind);
      // Half-open: the next failure of this kind trips it again at once.
      this.failures[kind] = breakerThreshold - 1;
      this.logger.warn(`Circuit breaker half-open for ${kind}: taking jobs again`);
      this.notify();
      void this.gate.open(`breaker:${kind}`);
    }, breakerPauseMs);
    this.timers.add(timer);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
