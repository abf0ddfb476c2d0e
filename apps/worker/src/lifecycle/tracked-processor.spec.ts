import { DomainError, NotFoundError } from '@reelforge/contracts';
import { FfmpegError } from '@reelforge/media';
import { describe, expect, it } from 'vitest';
import { StorageFullError } from '@reelforge/storage';
import { classifyFailure, isPermanentFailure, transientKindOf } from './tracked-processor.js';

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
const ffmpegNoSpace = new FfmpegError(
  'exit',
  'exit 1',
  ['-i', 'x'],
  1,
  null,
  'av_interleaved_write_frame(): No space left on device\n',
);
const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const connectionLost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe(isPermanentFailure.name, () => {
  it.each([
    ['a domain error (bad input)', new NotFoundError('asset', 'a'), true],
    ['ffmpeg rejecting its input', exitError, true],
    ['the job time limit', timeoutError, true],
    ['ffmpeg killed by a signal we did not send', oomKill, false],
    ['a database or storage hiccup', new Error('connect ECONNREFUSED'), false],
    ['a full disk (errno)', enospc, true],
    ['a full disk (ffmpeg)', ffmpegNoSpace, true],
    ['a full disk (space check after ffmpeg exited 0)', new StorageFullError(0), true],
  ])('treats %s as permanent: %s', (_name, error, permanent) => {
    expect(isPermanentFailure(error)).toBe(permanent);
  });
});

describe(classifyFailure.name, () => {
  it('reports the last line ffmpeg printed', () => {
    expect(classifyFailure(exitError)).toEqual({
      code: 'render_failed',
      message: 'ffmpeg failed: Invalid data found when processing input',
      stderrTail: exitError.stderrTail,
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

describe(transientKindOf.name, () => {
  it.each([
    ['ENOSPC', enospc, 'storage'],
    ['ffmpeg out of space', ffmpegNoSpace, 'storage'],
    ['a read-only media root', Object.assign(new Error('EROFS'), { code: 'EROFS' }), 'storage'],
    ['a lost database', connectionLost, 'database'],
    ['a Postgres shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' }), 'database'],
    ['bad input', exitError, null],
  ])('files %s under %s', (_name, error, kind) => {
    expect(transientKindOf(error)).toBe(kind);
  });

  it('names a full disk storage_full', () => {
    expect(classifyFailure(enospc)).toEqual({
      code: 'storage_full',
      message: 'The media storage is full; the output could not be written',
    });
    expect(classifyFailure(new StorageFullError(10)).code).toBe('storage_full');
  });
});
