import { describe, expect, it } from 'vitest';

import { FfmpegError, FfmpegProgressParser, isTransientFfmpegFailure } from './ffmpeg-runner.js';

const block = (outTimeUs: number, extra = ''): string =>
  `frame=50\nfps=25.0\nbitrate= 100.0kbits/s\nout_time_us=${outTimeUs}\nout_time_ms=${outTimeUs}\nout_time=00:00:02.000000\n${extra}speed=2.5x\nprogress=continue\n`;

describe(FfmpegProgressParser.name, () => {
  it('reports one progress per block, with out_time in seconds and a percentage', () => {
    const parser = new FfmpegProgressParser(4);
    expect(parser.push(block(2_000_000))).toEqual([{ outTimeSec: 2, frame: 50, speed: 2.5, percent: 50 }]);
  });

  it('reassembles lines split across chunks', () => {
    const parser = new FfmpegProgressParser(10);
    const text = block(1_000_000) + block(3_000_000);
    const reports = [
      ...parser.push(text.slice(0, 37)),
      ...parser.push(text.slice(37, 150)),
      ...parser.push(text.slice(150)),
    ];
    expect(reports.map((r) => r.outTimeSec)).toEqual([1, 3]);
  });

  it('reads out_time_ms as microseconds when out_time_us is absent (old ffmpeg)', () => {
    const parser = new FfmpegProgressParser();
    expect(parser.push('out_time_ms=1500000\nprogress=continue\n')).toEqual([
      { outTimeSec: 1.5, frame: null, speed: null, percent: null },
    ]);
  });

  it('falls back to the out_time clock and treats N/A as unknown', () => {
    const parser = new FfmpegProgressParser(100);
    expect(parser.push('frame=N/A\nout_time_us=N/A\nout_time=00:01:02.500000\nspeed=N/A\nprogress=continue\n')).toEqual(
      [{ outTimeSec: 62.5, frame: null, speed: null, percent: 62.5 }],
    );
  });

  it('clamps the percentage to 0-100 and reports 100 at the end', () => {
    const parser = new FfmpegProgressParser(1);
    expect(parser.push(block(-40_000))[0]).toMatchObject({ outTimeSec: 0, percent: 0 });
    expect(parser.push(block(1_200_000))[0]?.percent).toBe(100);
    expect(parser.push('out_time_us=900000\nprogress=end\n')[0]?.percent).toBe(100);
  });

  it('gives no percentage without an expected duration', () => {
    expect(new FfmpegProgressParser().push(block(1_000_000))[0]?.percent).toBeNull();
  });
});

describe(isTransientFfmpegFailure.name, () => {
  const error = (
    reason: FfmpegError['reason'],
    signal: string | null,
    spawnErrorCode: string | null = null,
  ): FfmpegError => new FfmpegError(reason, 'x', [], signal === null ? 1 : null, signal, '', spawnErrorCode);

  it.each([
    ['killed by a signal we did not send (OOM killer)', error('exit', 'SIGKILL'), true],
    ['a spawn failure for lack of processes', error('spawn', null, 'EAGAIN'), true],
    ['a spawn failure for lack of memory', error('spawn', null, 'ENOMEM'), true],
    ['a missing binary', error('spawn', null, 'ENOENT'), false],
    ['a non-zero exit', error('exit', null), false],
    ['our own timeout', error('timeout', 'SIGKILL'), false],
    ['a cancel', error('aborted', 'SIGKILL'), false],
    ['any other error', new Error('boom'), false],
  ])('is %s -> %s', (_name, failure, expected) => {
    expect(isTransientFfmpegFailure(failure)).toBe(expected);
  });
});
