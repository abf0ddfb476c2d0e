import { type FileHandle, open } from 'node:fs/promises';

/** The first video track of an MP4/MOV file, read from its sample table: nothing is decoded, no process started. */
export interface Mp4VideoTrack {
  /** The codec configuration record (the `avcC` box's payload: SPS/PPS), or null for another codec. */
  avcC: Buffer | null;
  /** Samples (frames) in the track, from `stsz`. */
  sampleCount: number;
  /** The coded picture size from the sample entry (what ffprobe reports as the stream's width and height). */
  widthPx: number | null;
  heightPx: number | null;
  /** The bytes of the first sample, when asked for (x264 writes its settings into an SEI there). */
  firstSample: Buffer | null;
  /** The movie's duration from `mvhd`: what ffprobe reports as the format duration of an MP4. */
  movieDurationSec: number | null;
}

/** A moov larger than this is not read (an hour of 60 fps video has a moov of a few MB). */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
/** The first sample is read up to this size: the SEI comes before the picture data. */
const MAX_FIRST_SAMPLE_BYTES = 1024 * 1024;
/** The fixed fields of a VisualSampleEntry before its child boxes (ISO/IEC 14496-12, 12.1.3). */
const VISUAL_SAMPLE_ENTRY_BYTES = 78;

interface Box {
  type: string;
  payload: Buffer;
}

/** The boxes directly inside `data`; a box whose size does not fit ends the listing (a hostile or truncated file). */
function boxes(data: Buffer): Box[] {
  const found: Box[] = [];
  let offset = 0;
  while (offset + 8 <= data.length) {
    let size = data.readUInt32BE(offset);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > data.length) break;
      size = Number(data.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = data.length - offset;
    }
    if (size < header || offset + size > data.length) break;
    found.push({
      type: data.toString('latin1', offset + 4, offset + 8),
      payload: data.subarray(offset + header, offset + size),
    });
    offset += size;
  }
  return found;
}

function child(data: Buffer | null, type: string): Buffer | null {
  return data ? (boxes(data).find((box) => box.type === type)?.payload ?? null) : null;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The payload of the top-level `moov` box, walking the top-level boxes by their headers (mdat is skipped, not read). */
async function readMoov(file: FileHandle): Promise<Buffer | null> {
  const { size: fileBytes } = await file.stat();
  let offset = 0;
  while (offset + 8 <= fileBytes) {
    const header = await readAt(file, offset, 16);
    if (header.length < 8) return null;
    let size = header.readUInt32BE(0);
    let headerBytes = 8;
    if (size === 1) {
      if (header.length < 16) return null;
      size = Number(header.readBigUInt64BE(8));
      headerBytes = 16;
    } else if (size === 0) {
      size = fileBytes - offset;
    }
    if (size < headerBytes) return null;
    if (header.toString('latin1', 4, 8) === 'moov') {
      if (size > MAX_MOOV_BYTES || offset + size > fileBytes) return null;
      return readAt(file, offset + headerBytes, size - headerBytes);
    }
    offset += size;
  }
  return null;
}

/**
 * Reads the first video track's codec record, sample count and (optionally) first sample from an MP4/MOV file. Null
 * when the file is not one, has no video track or its tables do not add up. Every size is checked against what was
 * read, so a hostile file can make this answer null but not read out of bounds or allocate more than the caps.
 */
export async function readMp4VideoTrack(
  path: string,
  options: { firstSample?: boolean } = {},
): Promise<Mp4VideoTrack | null> {
  const file = await open(path, 'r');
  try {
    const moov = await readMoov(file);
    if (!moov) return null;
    for (const trak of boxes(moov).filter((box) => box.type === 'trak')) {
      const mdia = child(trak.payload, 'mdia');
      const handler = child(mdia, 'hdlr');
      // hdlr: version/flags (4), pre_defined (4), handler_type (4).
      if (!handler || handler.length < 12 || handler.toString('latin1', 8, 12) !== 'vide') continue;
      const stbl = child(child(mdia, 'minf'), 'stbl');
      const stsd = child(stbl, 'stsd');
      const stsz = child(stbl, 'stsz');
      // stsd: version/flags (4), entry_count (4), then the sample entries; stsz: version/flags, sample_size, count.
      if (!stsd || stsd.length < 16 || !stsz || stsz.length < 12) return null;
      const entry = boxes(stsd.subarray(8))[0];
      const avcC =
        entry && (entry.type === 'avc1' || entry.type === 'avc3')
          ? child(entry.payload.subarray(VISUAL_SAMPLE_ENTRY_BYTES), 'avcC')
          : null;
      const sampleCount = stsz.readUInt32BE(8);
      // VisualSampleEntry: reserved (6), data_reference_index (2), pre_defined/reserved (16), width (2), height (2).
      const visual = entry && entry.payload.length >= VISUAL_SAMPLE_ENTRY_BYTES ? entry.payload : null;
      const widthPx = visual ? visual.readUInt16BE(24) : null;
      const heightPx = visual ? visual.readUInt16BE(26) : null;
      let firstSample: Buffer | null = null;
      if (options.firstSample && sampleCount > 0) {
        const uniformSize = stsz.readUInt32BE(4);
        const firstSize = uniformSize !== 0 ? uniformSize : stsz.length >= 16 ? stsz.readUInt32BE(12) : 0;
        const firstOffset = firstChunkOffset(stbl);
        if (firstSize > 0 && firstOffset !== null) {
          firstSample = await readAt(file, firstOffset, Math.min(firstSize, MAX_FIRST_SAMPLE_BYTES));
        }
      }
      return {
        avcC: avcC ? Buffer.from(avcC) : null,
        sampleCount,
        widthPx,
        heightPx,
        firstSample,
        movieDurationSec: movieDuration(moov),
      };
    }
    return null;
  } finally {
    await file.close();
  }
}

/** mvhd: version 0 has 32-bit times (timescale at 12, duration at 16), version 1 64-bit (timescale at 20, duration at 24). */
function movieDuration(moov: Buffer): number | null {
  const mvhd = child(moov, 'mvhd');
  if (!mvhd || mvhd.length < 20) return null;
  const [timescale, duration] =
    mvhd[0] === 1
      ? mvhd.length >= 32
        ? [mvhd.readUInt32BE(20), Number(mvhd.readBigUInt64BE(24))]
        : [0, 0]
      : [mvhd.readUInt32BE(12), mvhd.readUInt32BE(16)];
  return timescale > 0 ? duration / timescale : null;
}

/** The file offset of the first chunk, from stco (32-bit) or co64 (64-bit): the first sample starts there. */
function firstChunkOffset(stbl: Buffer | null): number | null {
  const stco = child(stbl, 'stco');
  if (stco && stco.length >= 12 && stco.readUInt32BE(4) > 0) return stco.readUInt32BE(8);
  const co64 = child(stbl, 'co64');
  if (co64 && co64.length >= 16 && co64.readUInt32BE(4) > 0) return Number(co64.readBigUInt64BE(8));
  return null;
}

/** x264's settings string (`cabac=1 ref=3 ...`) from the SEI it writes into the first frame, or null. */
export function x264OptionsFrom(firstSample: Buffer | null): string | null {
  if (!firstSample) return null;
  return /x264 - core \d+[^\0]*? - options: ([ -~]+)/.exec(firstSample.toString('latin1'))?.[1] ?? null;
}
