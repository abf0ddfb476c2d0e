import { DomainError, NotFoundError } from '@reelforge/contracts';
import { FfmpegError } from '@reelforge/media';
import { describe, expect, it } from 'vitest';
import { classifyFailure, isPermanentFailure } from './tracked-processor.js';

const exitError = new FfmpegError(
  'exit',
  'ffmpeg exited with code 1',
  ['-i', 'x'],
  1,
  null,
  'line one\nInvalid data found when processing input\n',
);
const timeoutError = new FfmpegError('timeout', 'timed out', ['-i', 'x'], null, 'SIGKILL', '');
const oomKill = new FfmpegError('exit', 'killed', ['-i', 'x'], null, 'SIGKILL', '');

describe(isPermanentFailure.name, () => {
  it.each([
    ['a domain error (bad input)', new NotFoundError('asset', 'a'), true],
    ['ffmpeg rejecting its input', exitError, true],
    ['the job time limit', timeoutError, true],
    ['ffmpeg killed by a signal we did not send', oomKill, false],
    ['a database or storage hiccup', new Error('connect ECONNREFUSED'), false],
  ])('treats %s as permanent: %s', (_name, error, permanent) => {
    expect(isPermanentFailure(error)).toBe(permanent);
  });
});

describe(classifyFailure.name, () => {
  it('reports the last line ffmpeg printed', () => {
    expect(classifyFailure(exitError)).toEqual({
      code: 'render_failed',
      message: 'ffmpeg failed: Invalid data found when processing input',
    });
  });

  it('names a timeout as render_timeout', () => {
    expect(classifyFailure(timeoutError).code).toBe('render_timeout');
  });

  it('keeps a domain error code', () => {
    expect(classifyFailure(new DomainError('invalid_media', 'no video'))).toEqual({
      code: 'invalid_media',
      message: 'no video',
    });
  });

  it('labels anything else internal', () => {
    expect(classifyFailure(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
  });
});
