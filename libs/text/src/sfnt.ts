import { brotliDecompressSync, inflateSync } from 'node:zlib';

/**
 * A minimal reader for the few OpenType tables we need (cmap, name, maxp), written in JS so that a
 * hostile file can only throw a catchable RangeError, never crash the process. Specs:
 * https://learn.microsoft.com/typography/opentype/spec/otff, https://www.w3.org/TR/WOFF/,
 * https://www.w3.org/TR/WOFF2/.
 */
export type FontContainer = 'truetype' | 'opentype' | 'woff' | 'woff2';

const MAGIC: Record<string, FontContainer> = {
  '00010000': 'truetype',
  '74727565': 'truetype', // 'true', old Apple TrueType
  '4f54544f': 'opentype', // 'OTTO', CFF outlines
  '774f4646': 'woff', // 'wOFF'
  '774f4632': 'woff2', // 'wOF2'
};

/** The container format from the first four bytes, or undefined for anything that is not a single font. */
export function sniffFontContainer(head: Buffer): FontContainer | undefined {
  return head.length < 4 ? undefined : MAGIC[head.subarray(0, 4).toString('hex')];
}

/** The raw bytes of the requested tables (those present). */
export function readSfntTables(font: Buffer, tags: readonly string[]): Map<string, Buffer> {
  const container = sniffFontContainer(font);
  if (container === undefined) throw new RangeError('not a TTF/OTF/WOFF/WOFF2 font');
  if (container === 'woff') return readWoffTables(font, tags);
  if (container === 'woff2') return readWoff2Tables(font, tags);
  const tables = new Map<string, Buffer>();
  const numTables = font.readUInt16BE(4);
  for (let index = 0; index < numTables; index++) {
    const record = 12 + index * 16;
    const tag = font.toString('latin1', record, record + 4);
    if (!tags.includes(tag)) continue;
    const offset = font.readUInt32BE(record + 8);
    const length = font.readUInt32BE(record + 12);
    tables.set(tag, slice(font, offset, length));
  }
  return tables;
}

function slice(buffer: Buffer, offset: number, length: number): Buffer {
  if (offset + length > buffer.length) throw new RangeError('table runs past the end of the file');
  return buffer.subarray(offset, offset + length);
}

function readWoffTables(font: Buffer, tags: readonly string[]): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const numTables = font.readUInt16BE(12);
  for (let index = 0; index < numTables; index++) {
    const record = 44 + index * 20;
    const tag = font.toString('latin1', record, record + 4);
    if (!tags.includes(tag)) continue;
    const offset = font.readUInt32BE(record + 4);
    const compressedLength = font.readUInt32BE(record + 8);
    const origLength = font.readUInt32BE(record + 12);
    const data = slice(font, offset, compressedLength);
    // A table is stored uncompressed when compression would not have made it smaller (WOFF 1.0 §5).
    tables.set(tag, compressedLength < origLength ? inflateSync(data, { maxOutputLength: origLength }) : data);
  }
  return tables;
}

/** WOFF2 §5.1: tags referenced by a 6-bit index instead of four bytes. */
const WOFF2_KNOWN_TAGS = (
  'cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH PCLT ' +
  'VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar ' +
  'fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill'
).match(/.{4}/g) as string[];

const MAX_WOFF2_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

function readWoff2Tables(font: Buffer, tags: readonly string[]): Map<string, Buffer> {
  const numTables = font.readUInt16BE(12);
  const totalCompressedSize = font.readUInt32BE(20);
  let cursor = 48;
  const directory: { tag: string; length: number }[] = [];
  for (let index = 0; index < numTables; index++) {
    const flags = font.readUInt8(cursor++);
    const tagIndex = flags & 0x3f;
    let tag: string;
    if (tagIndex === 63) {
      tag = font.toString('latin1', cursor, cursor + 4);
      cursor += 4;
    } else {
      tag = WOFF2_KNOWN_TAGS[tagIndex] ?? '????';
    }
    const [origLength, afterOrig] = readUIntBase128(font, cursor);
    cursor = afterOrig;
    const version = flags >> 6;
    // glyf/loca use transform 0 as "transformed"; every other table uses a non-zero version for it.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    let length = origLength;
    if (transformed) {
      const [transformLength, afterTransform] = readUIntBase128(font, cursor);
      cursor = afterTransform;
      length = transformLength;
    }
    directory.push({ tag, length });
  }
  if (font.toString('latin1', 4, 8) === 'ttcf') throw new RangeError('font collections are not supported');
  const stream = brotliDecompressSync(slice(font, cursor, totalCompressedSize), {
    maxOutputLength: MAX_WOFF2_DECOMPRESSED_BYTES,
  });
  const tables = new Map<string, Buffer>();
  let offset = 0;
  for (const entry of directory) {
    if (tags.includes(entry.tag)) tables.set(entry.tag, slice(stream, offset, entry.length));
    offset += entry.length;
  }
  return tables;
}

function readUIntBase128(buffer: Buffer, start: number): [number, number] {
  let value = 0;
  for (let index = 0; index < 5; index++) {
    const byte = buffer.readUInt8(start + index);
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, start + index + 1];
  }
  throw new RangeError('UIntBase128 longer than 5 bytes');
}

/** Sorted, non-overlapping inclusive code point ranges a font maps to a glyph. */
export type CodePointRanges = readonly (readonly [number, number])[];

/** The Unicode coverage of a cmap table (formats 4 and 12, the ones every modern font carries). */
export function parseCmapCoverage(cmap: Buffer): CodePointRanges {
  const numSubtables = cmap.readUInt16BE(2);
  const ranges: [number, number][] = [];
  for (let index = 0; index < numSubtables; index++) {
    const record = 4 + index * 8;
    const platformId = cmap.readUInt16BE(record);
    const encodingId = cmap.readUInt16BE(record + 2);
    const offset = cmap.readUInt32BE(record + 4);
    const isUnicode = platformId === 0 || (platformId === 3 && (encodingId === 1 || encodingId === 10));
    if (!isUnicode) continue;
    const format = cmap.readUInt16BE(offset);
    if (format === 4) ranges.push(...readFormat4(cmap, offset));
    if (format === 12) ranges.push(...readFormat12(cmap, offset));
  }
  return mergeRanges(ranges);
}

function readFormat4(cmap: Buffer, offset: number): [number, number][] {
  const segCount = cmap.readUInt16BE(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  const ranges: [number, number][] = [];
  for (let segment = 0; segment < segCount; segment++) {
    const end = cmap.readUInt16BE(endCodes + segment * 2);
    const start = cmap.readUInt16BE(startCodes + segment * 2);
    if (start === 0xffff) continue; // the mandatory terminating segment
    const idRangeOffset = cmap.readUInt16BE(idRangeOffsets + segment * 2);
    if (idRangeOffset === 0) {
      ranges.push([start, end]);
      continue;
    }
    // Glyph ids come from glyphIdArray; a 0 there means "not mapped" even inside the segment.
    const delta = cmap.readUInt16BE(idDeltas + segment * 2);
    for (let code = start; code <= end; code++) {
      const glyphAddress = idRangeOffsets + segment * 2 + idRangeOffset + (code - start) * 2;
      const glyph = cmap.readUInt16BE(glyphAddress);
      if (glyph !== 0 && (glyph + delta) % 65536 !== 0) ranges.push([code, code]);
    }
  }
  return ranges;
}

function readFormat12(cmap: Buffer, offset: number): [number, number][] {
  const numGroups = cmap.readUInt32BE(offset + 12);
  const ranges: [number, number][] = [];
  for (let group = 0; group < numGroups; group++) {
    const record = offset + 16 + group * 12;
    const startGlyph = cmap.readUInt32BE(record + 8);
    const start = cmap.readUInt32BE(record);
    const end = cmap.readUInt32BE(record + 4);
    // A group starting at glyph 0 maps its first code point to .notdef, i.e. leaves it unmapped.
    ranges.push([startGlyph === 0 ? start + 1 : start, end]);
  }
  return ranges.filter(([start, end]) => start <= end);
}

function mergeRanges(ranges: [number, number][]): CodePointRanges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function coversCodePoint(ranges: CodePointRanges, codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle];
    if (codePoint < start) high = middle - 1;
    else if (codePoint > end) low = middle + 1;
    else return true;
  }
  return false;
}

/** Family and subfamily from the name table: typographic names (16/17) first, then the legacy 1/2. */
export function parseFontNames(name: Buffer): { family?: string; style?: string } {
  const count = name.readUInt16BE(2);
  const stringsOffset = name.readUInt16BE(4);
  const found = new Map<number, string>();
  for (let index = 0; index < count; index++) {
    const record = 6 + index * 12;
    const platformId = name.readUInt16BE(record);
    const languageId = name.readUInt16BE(record + 4);
    const nameId = name.readUInt16BE(record + 6);
    const length = name.readUInt16BE(record + 8);
    const offset = name.readUInt16BE(record + 10);
    if (![1, 2, 16, 17].includes(nameId)) continue;
    const raw = slice(name, stringsOffset + offset, length);
    // Windows names are UTF-16BE; prefer English (0x409) but take any Unicode-platform string.
    const isWindowsEnglish = platformId === 3 && languageId === 0x409;
    if (isWindowsEnglish || (platformId === 0 && !found.has(nameId))) {
      found.set(nameId, Buffer.from(raw).swap16().toString('utf16le'));
    } else if (platformId === 1 && languageId === 0 && !found.has(nameId)) {
      found.set(nameId, raw.toString('latin1'));
    }
  }
  return { family: found.get(16) ?? found.get(1), style: found.get(17) ?? found.get(2) };
}

/** numGlyphs from maxp. */
export function parseGlyphCount(maxp: Buffer): number {
  return maxp.readUInt16BE(4);
}
