import { Logger } from '@nestjs/common';
import { TERMINAL_JOB_STATUSES } from '@reelforge/contracts';
import { type Response } from 'express';
import { type JobSnapshot } from './jobs.service.js';

/**
 * The row is re-read on this interval: progress is written at most once a second anyway, every API
 * process can answer any stream with no shared state, and one indexed read per stream per tick is
 * cheap. The end of a job is pushed as well (the job-changed channel wakes the stream early), so a
 * client waiting for the result hears it within milliseconds rather than up to one interval late.
 */
export const JOB_EVENTS_POLL_MS = 500;
/** Proxies close idle connections (nginx after 60 s by default); a comment line keeps it open. */
export const JOB_EVENTS_HEARTBEAT_MS = 15_000;

const logger = new Logger('JobEvents');

function write(response: Response, event: string, data: unknown): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Streams a job's changes as server-sent events until it is terminal or the client leaves:
 * `status` {status, error}, `progress` {progress}, `eta` {etaSec, queuePosition}, each when it changes.
 */
export async function streamJobEvents(
  response: Response,
  first: JobSnapshot,
  read: () => Promise<JobSnapshot>,
  /** Resolves after `ms`, or sooner when the job is announced as changed, or when the signal aborts. */
  waitForChange: (ms: number, signal: AbortSignal) => Promise<unknown> = (ms) =>
    new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  // nginx buffers responses unless told not to.
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();

  let closed = false;
  const gone = new AbortController();
  // The response's 'close', not the request's: since Node 16 a request emits 'close' as soon as its
  // (empty) body is consumed, while the response emits it when the connection goes or the stream ends.
  response.on('close', () => {
    closed = true;
    gone.abort();
  });
  let last: JobSnapshot | null = null;
  let lastWriteMs = Date.now();

  /** Writes what changed since the last snapshot; true when anything was written. */
  const emit = (snapshot: JobSnapshot): boolean => {
    const events: Array<[string, unknown]> = [];
    if (last?.status !== snapshot.status) events.push(['status', { status: snapshot.status, error: snapshot.error }]);
    if (last?.progress !== snapshot.progress) events.push(['progress', { progress: snapshot.progress }]);
    if (last?.etaSec !== snapshot.etaSec || last?.queuePosition !== snapshot.queuePosition) {
      events.push(['eta', { etaSec: snapshot.etaSec, queuePosition: snapshot.queuePosition }]);
    }
    for (const [event, data] of events) write(response, event, data);
    last = snapshot;
    return events.length > 0;
  };

  let snapshot = first;
  while (!closed) {
    if (emit(snapshot)) lastWriteMs = Date.now();
    if (TERMINAL_JOB_STATUSES.includes(snapshot.status)) break;
    if (Date.now() - lastWriteMs >= JOB_EVENTS_HEARTBEAT_MS) {
      response.write(': heartbeat\n\n');
      lastWriteMs = Date.now();
    }
    await waitForChange(JOB_EVENTS_POLL_MS, gone.signal);
    if (closed) break;
    try {
      snapshot = await read();
    } catch (error) {
      // The headers are gone, so the status cannot say it; the client reconnects and gets the answer then.
      logger.warn(`Event stream ended early: ${String(error)}`);
      break;
    }
  }
  response.end();
}
