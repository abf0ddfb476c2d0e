import { Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bull';

/**
 * Pauses and resumes this process's consumption of every queue it processes, locally (other workers
 * keep going). Several reasons can hold the gate shut at once (a shutdown, an open breaker); it
 * reopens only when none remain. Local pause: https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queuepause
 */
@Injectable()
export class QueueGate {
  private readonly logger = new Logger(QueueGate.name);
  private readonly queues: Queue[] = [];
  private readonly reasons = new Set<string>();

  register(queue: Queue): void {
    this.queues.push(queue);
  }

  closedFor(): string[] {
    return [...this.reasons];
  }

  /** Stops fetching new jobs without waiting for running ones (they are the caller's business). */
  async close(reason: string): Promise<void> {
    const wasOpen = this.reasons.size === 0;
    this.reasons.add(reason);
    if (!wasOpen) return;
    this.logger.warn(`Taking no new jobs: ${reason}`);
    await Promise.all(
      this.queues.map((queue) =>
        queue.pause(true, true).catch((error: unknown) => this.logger.warn(`Pause ${queue.name}: ${String(error)}`)),
      ),
    );
  }

  async open(reason: string): Promise<void> {
    if (!this.reasons.delete(reason) || this.reasons.size > 0) return;
    this.logger.log(`Taking jobs again (${reason} cleared)`);
    await Promise.all(
      this.queues.map((queue) =>
        queue.resume(true).catch((error: unknown) => this.logger.warn(`Resume ${queue.name}: ${String(error)}`)),
      ),
    );
  }
}
