import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { type Request } from 'express';
import { type WriteStream } from 'node:fs';
import { DomainError, InvalidInputError } from '@reelforge/contracts';

export interface ReceivedUpload {
  tempPath: string;
  originalName: string;
  sizeBytes: number;
  sha256: string;
}

export interface UploadTarget {
  tempPath: string;
  open(path: string): WriteStream;
}

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Keeps a display name only: no directories, no control characters, bounded length. */
export function sanitiseFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'upload').slice(0, 255);
}

/**
 * Streams the single multipart field `file` to a temp file while hashing it, so memory stays flat
 * whatever the size. Rejects with a DomainError for every client mistake; the temp file is the
 * caller's to remove on failure.
 */
export function receiveUpload(request: Request, target: UploadTarget, maxBytes: number): Promise<ReceivedUpload> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    return Promise.reject(tooLarge(maxBytes));
  }
  if (!request.is('multipart/form-data')) {
    return Promise.reject(new InvalidInputError('Send the file as multipart/form-data in a field named "file"'));
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy signals the limit when a file reaches fileSize, so +1 lets a file of exactly maxBytes through.
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes + 1, fields: 0, parts: 2 } });
    } catch (error) {
      reject(new InvalidInputError(`Malformed multipart request: ${(error as Error).message}`));
      return;
    }

    let settled = false;
    let sawFile = false;
    let fileDone: Promise<ReceivedUpload> | null = null;
    let out: WriteStream | null = null;

    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      // Close the temp file now so the caller can remove it; an aborted client must not leak a handle.
      out?.destroy();
      request.unpipe(parser);
      // Drain what the client is still sending so it can read our answer instead of a reset.
      request.resume();
      reject(error);
    };

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || sawFile) {
        stream.resume();
        fail(new InvalidInputError(`Unexpected multipart field "${field}"; send one file in the field "file"`));
        return;
      }
      sawFile = true;
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const file = target.open(target.tempPath);
      out = file;
      fileDone = new Promise<ReceivedUpload>((done, broken) => {
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          sizeBytes += chunk.length;
        });
        stream.on('limit', () => {
          file.destroy();
          broken(tooLarge(maxBytes));
        });
        stream.on('error', broken);
        file.on('error', broken);
        file.on('finish', () => {
          if (stream.truncated) return;
          done({ tempPath: target.tempPath, originalName: sanitiseFileName(info.filename), sizeBytes, sha256: hash.digest('hex') });
        });
        stream.pipe(file);
      });
      fileDone.catch(fail);
    });
    parser.on('field', (field) => fail(new InvalidInputError(`Unexpected multipart field "${field}"`)));
    parser.on('filesLimit', () => fail(new InvalidInputError('Send exactly one file')));
    parser.on('partsLimit', () => fail(new InvalidInputError('Too many multipart parts')));
    parser.on('error', (error: Error) => fail(new InvalidInputError(`Malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      if (!sawFile || !fileDone) {
        fail(new InvalidInputError('No file in the request: send it in the multipart field "file"'));
        return;
      }
      fileDone.then(
        (received) => {
          if (settled) return;
          settled = true;
          resolve(received);
        },
        (error: Error) => fail(error),
      );
    });
    request.on('aborted', () => fail(new InvalidInputError('The upload was interrupted')));
    request.pipe(parser);
  });
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError('payload_too_large', `The file is larger than the limit of ${maxBytes} bytes`, { maxBytes });
}
