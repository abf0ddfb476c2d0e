import { HttpException, HttpStatus } from '@nestjs/common';
import { NotFoundError } from '@reelforge/contracts';
import { type ByteRange, ObjectNotFoundError, type ObjectStorage } from '@reelforge/storage';
import { type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';

export interface StoredFileDownload {
  key: string;
  mime: string;
  /** Offered as the download name; quoted and stripped of anything a header cannot carry. */
  fileName: string;
  /** A content hash when known, used as a strong ETag. */
  sha256?: string;
  /** `private` (default, API-key downloads) or a public lifetime for signed links, in seconds. */
  cacheMaxAgeSec?: number;
}

export function headerSafeDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * One `bytes=` range of RFC 9110 §14.1.2: `a-b`, `a-` or `-n`. Several ranges are answered with the
 * whole body (allowed: a server may ignore Range), as Express's `send` did. Returns 'unsatisfiable' for
 * a syntactically valid range outside the object, null when there is no usable Range.
 */
export function parseRange(header: string | undefined, sizeBytes: number): ByteRange | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || sizeBytes === 0) return 'unsatisfiable';
    return { start: Math.max(0, sizeBytes - suffix), end: sizeBytes - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? sizeBytes - 1 : Math.min(Number(match[2]), sizeBytes - 1);
  if (start >= sizeBytes) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''));
}

/**
 * Streams a stored object from any driver with HTTP Range (206/416), conditional GET (ETag,
 * Last-Modified, If-Range) and the stored Content-Type. HEAD answers the headers only.
 */
export async function sendStoredFile(
  request: Request,
  response: Response,
  file: StoredFileDownload,
  storage: ObjectStorage,
): Promise<void> {
  const info = await storage.head(file.key);
  if (!info) throw new NotFoundError('file', file.fileName);
  const lastModified = new Date(Math.floor(info.modifiedAt.getTime() / 1000) * 1000);
  const etag = file.sha256
    ? `"${file.sha256}"`
    : `W/"${info.sizeBytes.toString(16)}-${lastModified.getTime().toString(16)}"`;

  response.setHeader('Content-Type', file.mime);
  response.setHeader('Content-Disposition', headerSafeDisposition(file.fileName));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader(
    'Cache-Control',
    file.cacheMaxAgeSec === undefined
      ? 'private, max-age=0, must-revalidate'
      : `private, max-age=${file.cacheMaxAgeSec}`,
  );
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('ETag', etag);
  response.setHeader('Last-Modified', lastModified.toUTCString());

  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = Date.parse(request.headers['if-modified-since'] ?? '');
  if (
    etagMatches(ifNoneMatch, etag) ||
    (ifNoneMatch === undefined && Number.isFinite(ifModifiedSince) && lastModified.getTime() <= ifModifiedSince)
  ) {
    response.status(HttpStatus.NOT_MODIFIED).end();
    return;
  }

  // If-Range: only a strong ETag or the exact date keeps the range; anything else gets the whole body.
  const ifRange = request.get('if-range');
  const rangeStillValid =
    ifRange === undefined ||
    (ifRange.startsWith('"') ? ifRange === etag : Date.parse(ifRange) === lastModified.getTime());
  const range = rangeStillValid ? parseRange(request.headers.range, info.sizeBytes) : null;
  if (range === 'unsatisfiable') {
    for (const header of ['Content-Type', 'Content-Disposition', 'ETag', 'Last-Modified', 'Cache-Control']) {
      response.removeHeader(header);
    }
    response.setHeader('Content-Range', `bytes */${info.sizeBytes}`);
    throw new HttpException(
      {
        statusCode: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
        error: 'range_not_satisfiable',
        message: `The range is outside the file of ${info.sizeBytes} bytes`,
      },
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
    );
  }
  if (range) {
    response.status(HttpStatus.PARTIAL_CONTENT);
    response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.sizeBytes}`);
    response.setHeader('Content-Length', range.end - range.start + 1);
  } else {
    response.status(HttpStatus.OK);
    response.setHeader('Content-Length', info.sizeBytes);
  }
  if (request.method === 'HEAD' || info.sizeBytes === 0) {
    response.end();
    return;
  }

  let body;
  try {
    body = await storage.get(file.key, range ?? undefined);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) throw new NotFoundError('file', file.fileName);
    throw error;
  }
  // A client that goes away ends the pipeline with an error; the object store stream is released either way.
  await pipeline(body, response).catch((error: unknown) => {
    if (!response.writableEnded && !request.destroyed) throw error;
  });
}
