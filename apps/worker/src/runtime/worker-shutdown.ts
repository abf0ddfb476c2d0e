import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { QueueGate } from './queue-gate.js';
import { RunningJobs } from './running-jobs.js';

/** After the grace period, aborted jobs get this long to write `queued` and hand their Bull job back. */
const RELEASE_TIMEOUT_MS = 10_000;

/**
 * SIGTERM/SIGINT: stop taking jobs, let running ones finish within WORKER_SHUTDOWN_GRACE_MS, then
 * abort the rest (ffmpeg SIGKILLed, temp files removed) and put them back: the row goes to `queued`
 * and the Bull job is retried at once without using an attempt, so another worker takes it within
 * a second. We do not just let the lock lapse: that would wait QUEUE_LOCK_MS and count a stall.
 *
 * Runs in beforeApplicationShutdown, i.e. after Nest stopped nothing yet that jobs need: Bull queues
 * close (waiting for their moves to finish) and the database disconnects only in onApplicationShutdown.
 * https://docs.nestjs.com/fundamentals/lifecycle-events#application-shutdown
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerShutdown.name);

  constructor(
    private readonly gate: QueueGate,
    private readonly running: RunningJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.gate.close(`shutdown${signal ? ` (${signal})` : ''}`);
    // Without a signal this is app.close() in a test or a script: no reason to wait for renders.
    const graceMs = signal ? this.config.worker.shutdownGraceMs : 0;
    if (this.running.size > 0 && graceMs > 0) {
      this.logger.log(`${signal}: waiting up to ${graceMs} ms for ${this.running.size} running job(s)`);
    }
    if (await this.running.waitUntilIdle(graceMs)) return;
    const aborted = this.running.abortAll('shutdown');
    this.logger.warn(`Grace period over; putting ${aborted.length} job(s) back in the queue: ${aborted.join(', ')}`);
    if (!(await this.running.waitUntilIdle(RELEASE_TIMEOUT_MS))) {
      this.logger.error(
        `Jobs still running after abort: ${this.running.ids().join(', ')}; Bull's stall check will recover them`,
      );
    }
  }
}
