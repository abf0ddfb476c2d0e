import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { libraryTemplateContext, parseStyleSkips, styleLibraryFromDirectory } from './context.js';

function libraryDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'reelforge-styles-'));
  mkdirSync(join(root, 'styles'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'styles', name), text);
  return root;
}

describe(parseStyleSkips.name, () => {
  it('reads zones per clip, keyed by name or file name', () => {
    expect(parseStyleSkips('{"aurora": [[0, 3]], "silk.mp4": [[14, 16]], "ember": []}')).toEqual({
      aurora: [[0, 3]],
      silk: [[14, 16]],
      ember: [],
    });
  });

  it('refuses malformed files with the offending path, as a server error', () => {
    expect(() => parseStyleSkips('{"aurora": [[3, 1]]}')).toThrow(
      /style_skips\.json is invalid: aurora\.0: end must be after start/,
    );
    expect(() => parseStyleSkips('{"aurora": [[0]]}')).toThrow(/is invalid: aurora\.0/);
    expect(() => parseStyleSkips('[]')).toThrow(/is invalid/);
    expect(() => parseStyleSkips('{aurora')).toThrow(/is not JSON/);
  });
});

describe(styleLibraryFromDirectory.name, () => {
  it('lists the mp4 clips with probed durations, once, leaving out what cannot be probed', async () => {
    const root = libraryDir({
      'aurora.mp4': '',
      'broken.mp4': '',
      'notes.txt': '',
      'style_skips.json': '{"aurora": [[0, 3.2]]}',
    });
    const probe = vi.fn((path: string) => Promise.resolve(path.endsWith('broken.mp4') ? null : 30));
    const library = styleLibraryFromDirectory(root, probe);
    expect(await library.styleClips()).toEqual([{ name: 'aurora', ref: 'styles/aurora.mp4', durationSec: 30 }]);
    await library.styleClips();
    expect(probe).toHaveBeenCalledTimes(2);
    expect(await library.styleSkips()).toEqual({ aurora: [[0, 3.2]] });
  });

  it('has no clips and no skips without a styles directory', async () => {
    const library = styleLibraryFromDirectory(mkdtempSync(join(tmpdir(), 'reelforge-empty-')), () =>
      Promise.resolve(1),
    );
    expect(await library.styleClips()).toEqual([]);
    expect(await library.styleSkips()).toEqual({});
  });
});

describe(libraryTemplateContext.name, () => {
  it('joins the library styles with the caller audio facts; a probe failure drops the clip', async () => {
    const root = libraryDir({ 'silk.mp4': '', 'bad.mp4': '' });
    const context = libraryTemplateContext({
      library: { root },
      probe: (path) =>
        path.endsWith('bad.mp4')
          ? Promise.reject(new Error('moov atom not found'))
          : Promise.resolve({ durationSec: 30 }),
      analyseAudio: () => Promise.resolve(null),
      mediaDurationSec: () => Promise.resolve(12),
    });
    expect((await context.styleClips()).map((c) => c.name)).toEqual(['silk']);
    expect(await context.styleSkips()).toEqual({});
    expect(await context.mediaDurationSec({ library: 'audio/x.m4a' })).toBe(12);
    expect(context.randomSeed).toBeUndefined();
  });
});
