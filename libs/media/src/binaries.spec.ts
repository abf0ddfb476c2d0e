import { describe, expect, it } from 'vitest';

import { FFPROBE_STATIC_WARNING, resolveMediaBinaries, type BinaryLookupDeps } from './binaries.js';

const FFMPEG_STATIC = '/app/node_modules/ffmpeg-static/ffmpeg';
const FFPROBE_STATIC = '/app/node_modules/ffprobe-static/bin/linux/x64/ffprobe';

function deps(files: string[], overrides: Partial<BinaryLookupDeps> = {}): BinaryLookupDeps {
  const existing = new Set(files);
  return {
    pathEnv: '/usr/local/bin:/usr/bin',
    isExecutableFile: (path) => existing.has(path),
    loadFfmpegStaticPath: () => (existing.has(FFMPEG_STATIC) ? FFMPEG_STATIC : null),
    loadFfprobeStaticPath: () => FFPROBE_STATIC,
    ...overrides,
  };
}

describe(resolveMediaBinaries.name, () => {
  it('uses the configured paths when both are set', () => {
    const result = resolveMediaBinaries({ ffmpegPath: '/opt/ff/ffmpeg', ffprobePath: '/opt/other/ffprobe' }, deps([]));
    expect(result).toEqual({
      ffmpegPath: '/opt/ff/ffmpeg',
      ffprobePath: '/opt/other/ffprobe',
      ffmpegSource: 'env',
      ffprobeSource: 'env',
      warnings: [],
    });
  });

  it('takes ffprobe from beside a configured ffmpeg', () => {
    const result = resolveMediaBinaries(
      { ffmpegPath: '/opt/ff/ffmpeg' },
      deps(['/opt/ff/ffprobe', '/usr/bin/ffprobe']),
    );
    expect(result).toMatchObject({ ffprobePath: '/opt/ff/ffprobe', ffprobeSource: 'sibling', warnings: [] });
  });

  it('prefers the ffmpeg-static binary over PATH when the package is installed', () => {
    const result = resolveMediaBinaries(
      {},
      deps([FFMPEG_STATIC, '/usr/bin/ffmpeg', '/usr/bin/ffprobe', FFPROBE_STATIC]),
    );
    expect(result).toMatchObject({ ffmpegPath: FFMPEG_STATIC, ffmpegSource: 'ffmpeg-static' });
  });

  it('does not take ffprobe from PATH for an ffmpeg-static ffmpeg, and warns about ffprobe-static', () => {
    const result = resolveMediaBinaries(
      {},
      deps([FFMPEG_STATIC, '/usr/bin/ffmpeg', '/usr/bin/ffprobe', FFPROBE_STATIC]),
    );
    expect(result).toMatchObject({
      ffprobePath: FFPROBE_STATIC,
      ffprobeSource: 'ffprobe-static',
      warnings: [FFPROBE_STATIC_WARNING],
    });
    expect(result.warnings[0]).toContain('4.0.2 from 2018');
  });

  it('falls back to PATH when ffmpeg-static is not installed', () => {
    const result = resolveMediaBinaries({}, deps(['/usr/bin/ffmpeg', '/usr/local/bin/ffprobe', FFPROBE_STATIC]));
    expect(result).toEqual({
      ffmpegPath: '/usr/bin/ffmpeg',
      ffprobePath: '/usr/local/bin/ffprobe',
      ffmpegSource: 'path',
      ffprobeSource: 'path',
      warnings: [],
    });
  });

  it('falls back to PATH when ffmpeg-static loads but its binary was never downloaded', () => {
    const result = resolveMediaBinaries(
      {},
      deps(['/usr/bin/ffmpeg', '/usr/bin/ffprobe'], { loadFfmpegStaticPath: () => FFMPEG_STATIC }),
    );
    expect(result).toMatchObject({ ffmpegPath: '/usr/bin/ffmpeg', ffmpegSource: 'path', ffprobeSource: 'sibling' });
  });

  it('takes the first match in PATH order and skips relative entries', () => {
    const result = resolveMediaBinaries(
      {},
      deps(['bin/ffmpeg', '/b/ffmpeg', '/c/ffmpeg', '/c/ffprobe', FFPROBE_STATIC], { pathEnv: 'bin::/a:/b:/c' }),
    );
    expect(result).toMatchObject({ ffmpegPath: '/b/ffmpeg', ffprobePath: '/c/ffprobe', ffprobeSource: 'path' });
  });

  it('uses ffprobe-static with a warning when no ffprobe of the same build exists', () => {
    const result = resolveMediaBinaries({}, deps(['/usr/bin/ffmpeg', FFPROBE_STATIC]));
    expect(result).toMatchObject({
      ffprobePath: FFPROBE_STATIC,
      ffprobeSource: 'ffprobe-static',
      warnings: [FFPROBE_STATIC_WARNING],
    });
  });

  it('fails clearly when there is no ffmpeg anywhere', () => {
    expect(() => resolveMediaBinaries({}, deps([FFPROBE_STATIC], { pathEnv: undefined }))).toThrow(
      /No ffmpeg found.*FFMPEG_PATH/,
    );
  });

  it('fails clearly when there is no ffprobe anywhere', () => {
    expect(() => resolveMediaBinaries({}, deps(['/usr/bin/ffmpeg'], { loadFfprobeStaticPath: () => null }))).toThrow(
      /No ffprobe found/,
    );
  });
});
