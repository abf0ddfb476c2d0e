import { GlobalFonts } from '@napi-rs/canvas';
import { InvalidInputError, InvalidMediaError } from '@reelforge/contracts';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type CodePointRanges, coversCodePoint, parseCmapCoverage, readSfntTables } from './sfnt.js';
import { validateFontFile } from './validate-font.js';

export type FontStyleName = 'regular' | 'bold';

/** One bundled family as listed by `GET /v1/library/fonts`. */
export interface FontFamilyInfo {
  name: string;
  styles: FontStyleName[];
  /** ISO 15924 names of the scripts this family is bundled for. */
  scripts: string[];
  /** File names under the fonts directory, one per style. */
  files: string[];
  /** Total size of those files. */
  sizeBytes: number;
}

interface BundledFace {
  file: string;
  family: string;
  style: FontStyleName;
  scripts: string[];
}

/**
 * The bundled faces (see assets/fonts/README.md), in per-glyph fallback order: Latin first so that
 * digits and punctuation come from Noto Sans, emoji last so that characters such as '#' or '©',
 * which the emoji font also carries, are drawn as text.
 */
const BUNDLED_FACES: readonly BundledFace[] = [
  { file: 'NotoSans-Regular.ttf', family: 'Noto Sans', style: 'regular', scripts: ['Latn', 'Grek', 'Cyrl'] },
  { file: 'NotoSans-Bold.ttf', family: 'Noto Sans', style: 'bold', scripts: ['Latn', 'Grek', 'Cyrl'] },
  { file: 'NotoSansDevanagari-Regular.ttf', family: 'Noto Sans Devanagari', style: 'regular', scripts: ['Deva'] },
  { file: 'NotoSansDevanagari-Bold.ttf', family: 'Noto Sans Devanagari', style: 'bold', scripts: ['Deva'] },
  { file: 'NotoSansArabic-Regular.ttf', family: 'Noto Sans Arabic', style: 'regular', scripts: ['Arab'] },
  { file: 'NotoSansArabic-Bold.ttf', family: 'Noto Sans Arabic', style: 'bold', scripts: ['Arab'] },
  { file: 'NotoSansHebrew-Regular.ttf', family: 'Noto Sans Hebrew', style: 'regular', scripts: ['Hebr'] },
  { file: 'NotoSansHebrew-Bold.ttf', family: 'Noto Sans Hebrew', style: 'bold', scripts: ['Hebr'] },
  { file: 'NotoSansThai-Regular.ttf', family: 'Noto Sans Thai', style: 'regular', scripts: ['Thai'] },
  { file: 'NotoSansThai-Bold.ttf', family: 'Noto Sans Thai', style: 'bold', scripts: ['Thai'] },
  { file: 'NotoSansBengali-Regular.ttf', family: 'Noto Sans Bengali', style: 'regular', scripts: ['Beng'] },
  { file: 'NotoSansBengali-Bold.ttf', family: 'Noto Sans Bengali', style: 'bold', scripts: ['Beng'] },
  { file: 'NotoSansTamil-Regular.ttf', family: 'Noto Sans Tamil', style: 'regular', scripts: ['Taml'] },
  { file: 'NotoSansTamil-Bold.ttf', family: 'Noto Sans Tamil', style: 'bold', scripts: ['Taml'] },
  {
    file: 'NotoSansCJKsc-Regular-subset.otf',
    family: 'Noto Sans CJK SC',
    style: 'regular',
    scripts: ['Hans', 'Hira', 'Kana', 'Jpan'],
  },
  // After SC: characters both share keep one (SC) shape unless the caller picks the TC family.
  {
    file: 'NotoSansCJKtc-Regular-subset.otf',
    family: 'Noto Sans CJK TC',
    style: 'regular',
    scripts: ['Hant', 'Bopo'],
  },
  { file: 'NotoSansCJKkr-Regular-subset.otf', family: 'Noto Sans CJK KR', style: 'regular', scripts: ['Hang'] },
  { file: 'NotoColorEmoji.ttf', family: 'Noto Color Emoji', style: 'regular', scripts: ['Zsye'] },
];

export const DEFAULT_FONT_FAMILY = 'Noto Sans';

/** Registering the same file twice would add a duplicate face to Skia's collection; GlobalFonts is per process. */
const registeredPaths = new Set<string>();

interface TenantFont {
  alias: string;
  coverage: CodePointRanges;
}

/**
 * Knows the bundled fonts and tenants' uploaded fonts, and which code points each covers. Fonts are
 * registered with @napi-rs/canvas once per process; output never depends on installed system fonts
 * as long as every drawn character is covered here (uncovered ones are reported, not drawn).
 */
export class FontRegistry {
  private readonly coverageByFamily = new Map<string, CodePointRanges>();
  private readonly familyInfos: FontFamilyInfo[] = [];
  /** tenantId -> requested family name -> internal alias. */
  private readonly tenantFonts = new Map<string, Map<string, TenantFont>>();

  constructor(fontsDir: string) {
    for (const face of BUNDLED_FACES) {
      const path = join(fontsDir, face.file);
      const bytes = readFileSync(path);
      if (!register(path, face.family)) throw new Error(`Skia could not load the bundled font ${path}`);
      const coverage = parseCmapCoverage(requiredTable(readSfntTables(bytes, ['cmap']), 'cmap', path));
      // Bold and regular faces of one family share their cmap in Noto; keep the first.
      if (!this.coverageByFamily.has(face.family)) this.coverageByFamily.set(face.family, coverage);
      const info = this.familyInfos.find((family) => family.name === face.family);
      const sizeBytes = statSync(path).size;
      if (info) {
        info.styles.push(face.style);
        info.files.push(face.file);
        info.sizeBytes += sizeBytes;
      } else {
        this.familyInfos.push({
          name: face.family,
          styles: [face.style],
          scripts: [...face.scripts],
          files: [face.file],
          sizeBytes,
        });
      }
    }
  }

  families(): FontFamilyInfo[] {
    return this.familyInfos.map((family) => ({ ...family, styles: [...family.styles], files: [...family.files] }));
  }

  /** Bundled families are visible to everyone; uploaded ones only to the tenant that uploaded them. */
  hasFamily(name: string, tenantId?: string): boolean {
    return this.coverageByFamily.has(name) || (tenantId !== undefined && !!this.tenantFonts.get(tenantId)?.has(name));
  }

  /**
   * Validates an uploaded font in a child process, then registers it under an alias only this
   * registry hands out, so tenant B naming tenant A's family gets "unknown font" rather than A's font.
   * Returns the family name the tenant uses in `fontFamily`.
   */
  async registerTenantFont(tenantId: string, assetId: string, path: string): Promise<string> {
    const { family } = await validateFontFile(path);
    if (this.coverageByFamily.has(family)) {
      throw new InvalidInputError(`The font family "${family}" is bundled already; rename the uploaded font`, {
        field: 'fontFamily',
      });
    }
    const alias = `t_${tenantId}_${assetId}`;
    const bytes = await readFile(path);
    const coverage = parseCmapCoverage(requiredTable(readSfntTables(bytes, ['cmap']), 'cmap', path));
    if (!register(path, alias)) throw new InvalidMediaError(`${basename(path)} could not be registered as a font`);
    const fonts = this.tenantFonts.get(tenantId) ?? new Map<string, TenantFont>();
    fonts.set(family, { alias, coverage });
    this.tenantFonts.set(tenantId, fonts);
    return family;
  }

  /**
   * Makes a tenant's uploaded family usable in this process if it is not yet: `find` looks the family up
   * (the caller knows where fonts are stored); a family nobody uploaded is left for validation to refuse.
   */
  async ensureTenantFamily(
    tenantId: string,
    family: string,
    find: () => Promise<{ assetId: string; path: string } | null>,
  ): Promise<void> {
    if (this.hasFamily(family, tenantId)) return;
    const found = await find();
    if (found) await this.registerTenantFont(tenantId, found.assetId, found.path);
  }

  /**
   * The canvas font-family list for a requested family: the family itself, then every bundled family in
   * fallback order. Skia's paragraph layout falls back per glyph along this list.
   * Throws InvalidInputError naming `fontFamily` for a family this tenant cannot use.
   */
  resolveFallbackChain(requestedFamily: string | undefined, tenantId?: string): FontChain {
    const requested = requestedFamily ?? DEFAULT_FONT_FAMILY;
    const tenantFont = tenantId === undefined ? undefined : this.tenantFonts.get(tenantId)?.get(requested);
    if (!tenantFont && !this.coverageByFamily.has(requested)) {
      throw new InvalidInputError(`fontFamily "${requested}" is not a bundled font or one of your uploaded fonts`, {
        field: 'fontFamily',
      });
    }
    const bundled = [...this.coverageByFamily.entries()].map(([family, coverage]) => ({ family, coverage }));
    const chain = tenantFont
      ? [{ family: tenantFont.alias, coverage: tenantFont.coverage }, ...bundled]
      : [
          bundled.find((entry) => entry.family === requested)!,
          ...bundled.filter((entry) => entry.family !== requested),
        ];
    return new FontChain(chain);
  }
}

/** An ordered list of families and their coverage, for one text layer. */
export class FontChain {
  constructor(private readonly entries: readonly { family: string; coverage: CodePointRanges }[]) {}

  /** For `ctx.font`: every name quoted, since family names contain spaces. */
  toCssFamilyList(): string {
    return this.entries.map((entry) => `"${entry.family.replace(/["\\]/g, '')}"`).join(', ');
  }

  covers(codePoint: number): boolean {
    return isDefaultIgnorable(codePoint) || this.entries.some((entry) => coversCodePoint(entry.coverage, codePoint));
  }
}

/**
 * Characters that render as nothing by design (ZWJ, variation selectors, emoji tag characters...), so no
 * font needs a glyph for them. From DerivedCoreProperties.txt, Default_Ignorable_Code_Point, plus
 * whitespace controls handled by line breaking.
 */
function isDefaultIgnorable(codePoint: number): boolean {
  return (
    codePoint === 0x09 ||
    codePoint === 0x0a ||
    codePoint === 0x0d ||
    codePoint === 0xad ||
    codePoint === 0x34f ||
    codePoint === 0x61c ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x206f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xe0000 && codePoint <= 0xe0fff)
  );
}

function register(path: string, alias: string): boolean {
  if (registeredPaths.has(`${alias}\0${path}`)) return true;
  const key = GlobalFonts.registerFromPath(path, alias);
  if (key === null) return false;
  registeredPaths.add(`${alias}\0${path}`);
  return true;
}

function requiredTable(tables: Map<string, Buffer>, tag: string, path: string): Buffer {
  const table = tables.get(tag);
  if (!table) throw new InvalidMediaError(`${basename(path)} has no ${tag} table`);
  return table;
}
