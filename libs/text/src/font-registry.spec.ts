import { InvalidMediaError } from '@reelforge/contracts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FontRegistry } from './font-registry.js';
import { measureTextLayer } from './text-layer.js';
import { validateFontFile } from './validate-font.js';

const FONTS_DIR = fileURLToPath(new URL('../../../assets/fonts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'reelforge-fonts-'));

/** Noto Sans with every "Noto Sans" in its name table rewritten (same length), i.e. a font we do not bundle. */
function renamedNotoSans(family: string): string {
  const from = Buffer.from('Noto Sans', 'utf16le').swap16();
  const to = Buffer.from(family, 'utf16le').swap16();
  const bytes = Buffer.from(readFileSync(join(FONTS_DIR, 'NotoSans-Regular.ttf')));
  for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + 1)) to.copy(bytes, at);
  const path = join(scratch, `${family}.ttf`);
  writeFileSync(path, bytes);
  return path;
}

describe(FontRegistry.name, () => {
  let registry: FontRegistry;
  beforeAll(() => {
    registry = new FontRegistry(FONTS_DIR);
  });

  it('lists the bundled families with styles, scripts and sizes', () => {
    const families = registry.families();
    expect(families.map((family) => family.name)).toEqual([
      'Noto Sans',
      'Noto Sans Devanagari',
      'Noto Sans Arabic',
      'Noto Sans Hebrew',
      'Noto Sans Thai',
      'Noto Sans Bengali',
      'Noto Sans Tamil',
      'Noto Sans CJK SC',
      'Noto Sans CJK TC',
      'Noto Sans CJK KR',
      'Noto Color Emoji',
    ]);
    expect(families[0]).toMatchObject({ styles: ['regular', 'bold'], scripts: ['Latn', 'Grek', 'Cyrl'] });
    for (const family of families) expect(family.sizeBytes).toBeGreaterThan(50_000);
  });

  it('makes an uploaded font usable by its owner only', async () => {
    const family = await registry.registerTenantFont('tenant-a', 'asset-1', renamedNotoSans('Tost Sans'));
    expect(family).toBe('Tost Sans');
    expect(registry.hasFamily('Tost Sans', 'tenant-a')).toBe(true);
    expect(registry.hasFamily('Tost Sans', 'tenant-b')).toBe(false);
    expect(registry.hasFamily('Tost Sans')).toBe(false);
    expect(registry.hasFamily('Noto Sans', 'tenant-b')).toBe(true);
    const spec = { text: 'Hi', fontFamily: 'Tost Sans', fontSizePx: 20, color: '#fff', boxWidthPx: 100 };
    await expect(measureTextLayer(spec, registry, { tenantId: 'tenant-a' })).resolves.toMatchObject({ lines: ['Hi'] });
    await expect(measureTextLayer(spec, registry, { tenantId: 'tenant-b' })).rejects.toMatchObject({
      details: { field: 'fontFamily' },
    });
    // The internal alias is not a name tenants can use either.
    const alias = { ...spec, fontFamily: 't_tenant-a_asset-1' };
    await expect(measureTextLayer(alias, registry, { tenantId: 'tenant-b' })).rejects.toThrow(/fontFamily/);
  });
});

describe(validateFontFile.name, () => {
  it('reads family, style and glyph count of a valid font', async () => {
    await expect(validateFontFile(join(FONTS_DIR, 'NotoSans-Bold.ttf'))).resolves.toEqual({
      family: 'Noto Sans',
      style: 'Bold',
      glyphCount: expect.any(Number),
    });
  });

  it('refuses a file that is not a font before loading it', async () => {
    const path = join(scratch, 'not-a-font.ttf');
    writeFileSync(path, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await expect(validateFontFile(path)).rejects.toThrow(InvalidMediaError);
    await expect(validateFontFile(path)).rejects.toThrow(/not a TTF, OTF, WOFF or WOFF2/);
  });

  it('refuses a damaged font with a valid magic number', async () => {
    const path = join(scratch, 'truncated.ttf');
    writeFileSync(path, readFileSync(join(FONTS_DIR, 'NotoSans-Regular.ttf')).subarray(0, 2_000));
    await expect(validateFontFile(path)).rejects.toThrow(InvalidMediaError);
  });
});
