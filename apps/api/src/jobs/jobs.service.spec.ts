import { type AppConfig } from '@reelforge/config';
import { JobStatus } from '@reelforge/contracts';
import { describe, expect, it } from 'vitest';
import { JobsService } from './jobs.service.js';

/** Only etaSec is exercised: a pure formula over values, so no repositories are needed. */
const service = new JobsService(
  null as never,
  null as never,
  null as never,
  null as never,
  null as never,
  null as never,
  { worker: { concurrency: 2 } } as AppConfig,
);

describe(`${JobsService.name}.etaSec`, () => {
  it.each([
    ['the next queued job: one run', JobStatus.Queued, 0, 0, 10, 10],
    ['second in line with 2 slots: still the first wave', JobStatus.Queued, 0, 1, 10, 10],
    ['third in line: the second wave', JobStatus.Queued, 0, 2, 10, 20],
    ['running, 25 % done', JobStatus.Processing, 25, null, 10, 8],
    ['running, done', JobStatus.Processing, 100, null, 10, 0],
    ['no history', JobStatus.Queued, 0, 0, null, null],
    ['finished', JobStatus.Succeeded, 100, null, 10, null],
  ])('%s', (_name, status, progress, position, meanSec, expected) => {
    expect(service.etaSec({ status, progress }, position, meanSec)).toBe(expected);
  });
});
