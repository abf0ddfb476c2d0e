import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DomainError } from '@reelforge/contracts';
import { type Request } from 'express';
import { beforeEach, describe, expect, it } from 'vitest';
import { receiveUpload, sanitiseFileName } from './upload.js';

describe(sanitiseFileName.name, () => {
  it.each([
    ['a plain name', 'holiday.mp4', 'holiday.mp4'],
    ['a unix path', '/home/me/videos/holiday.mp4', 'holiday.mp4'],
    ['a windows path', 'C:\\Users\\me\\holiday.mp4', 'holiday.mp4'],
    ['a traversal', '../../etc/passwd', 'passwd'],
    ['control characters', 'hol\u0000i\nday\u001f\u007f.mp4', 'holiday.mp4'],
    ['surrounding spaces', '  holiday.mp4  ', 'holiday.mp4'],
    ['non-ASCII letters', 'été 🎬.mp4', 'été 🎬.mp4'],
    ['undefined', undefined, 'upload'],
    ['the empty string', '', 'upload'],
    ['a trailing slash', 'videos/', 'upload'],
    ['only control characters', '\u0001\u0002', 'upload'],
    ['only spaces', '   ', 'upload'],
  ])('keeps the display name of %s', (_name, raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('caps the name at 255 characters', () => {
    expect(sanitiseFileName(`${'a'.repeat(300)}.mp4`)).toBe('a'.repeat(255));
    expect(sanitiseFileName('b'.repeat(255))).toHaveLength(255);
  });
});

const BOUNDARY = 'reelforge-test-boundary';

interface Part {
  field: string;
  fileName?: string;
  content: Buffer | string;
}

function multipart(parts: Part[]): Buffer {
  const chunks = parts.flatMap((part) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"` +
        // busboy treats a part as a file when it has a file name (or an octet-stream type), else as a text field.
        (part.fileName === undefined ? '\r\n\r\n' : `; filename="${part.fileName}"\r\nContent-Type: video/mp4\r\n\r\n`),
    ),
    Buffer.from(part.content),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

/** Just what receiveUpload touches of an Express request: headers, `is`, and the body stream. */
function fakeRequest(
  body: Buffer,
  headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
): Request {
  const stream = new PassThrough();
  const lowered = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const request = Object.assign(stream, {
    headers: { 'content-length': String(body.length), ...lowered },
    is: (type: string) => (lowered['content-type']?.startsWith(type) ? type : false),
  });
  setImmediate(() => stream.end(body));
  return request as unknown as Request;
}

describe(receiveUpload.name, () => {
  let dir: string;
  let tempPath: string;
  const target = () => ({ tempPath, open: (path: string) => createWriteStream(path, { flags: 'wx' }) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reelforge-upload-'));
    tempPath = join(dir, 'upload.part');
  });

  const codeOf = async (promise: Promise<unknown>): Promise<string> => {
    const error: unknown = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  };

  it('streams the file field to the temp path with its size, sha256 and cleaned name', async () => {
    const content = Buffer.from('pretend these are video bytes '.repeat(1000));
    const received = await receiveUpload(
      fakeRequest(multipart([{ field: 'file', fileName: '../clips/holiday.mp4', content }])),
      target(),
      1_000_000,
    );
    expect(received).toEqual({
      tempPath,
      originalName: 'holiday.mp4',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    expect(readFileSync(tempPath).equals(content)).toBe(true);
  });

  it('accepts a file of exactly the limit', async () => {
    const content = Buffer.alloc(4096, 7);
    const received = await receiveUpload(
      fakeRequest(multipart([{ field: 'file', fileName: 'a.bin', content }])),
      target(),
      4096,
    );
    expect(received.sizeBytes).toBe(4096);
  });

  it('refuses a file one byte over the limit as payload_too_large', async () => {
    const body = multipart([{ field: 'file', fileName: 'a.bin', content: Buffer.alloc(4097, 7) }]);
    await expect(codeOf(receiveUpload(fakeRequest(body), target(), 4096))).resolves.toBe('payload_too_large');
  });

  it('refuses a declared Content-Length far over the limit before reading anything', async () => {
    const body = multipart([{ field: 'file', fileName: 'a.bin', content: 'small' }]);
    const request = fakeRequest(body, {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': String(10 * 1024 * 1024),
    });
    await expect(codeOf(receiveUpload(request, target(), 1024))).resolves.toBe('payload_too_large');
    expect(existsSync(tempPath)).toBe(false);
  });

  it.each([
    ['a JSON body', Buffer.from('{"file":"x"}'), { 'content-type': 'application/json' }],
    ['no Content-Type', Buffer.from('raw bytes'), {}],
    ['multipart without a boundary', Buffer.from('x'), { 'content-type': 'multipart/form-data' }],
    ['a file in another field', multipart([{ field: 'upload', fileName: 'a.mp4', content: 'x' }]), undefined],
    ['a text field instead of a file', multipart([{ field: 'file', content: 'just text' }]), undefined],
    ['an empty multipart body', multipart([]), undefined],
    [
      'two files',
      multipart([
        { field: 'file', fileName: 'a.mp4', content: 'x' },
        { field: 'file', fileName: 'b.mp4', content: 'y' },
      ]),
      undefined,
    ],
  ])('refuses %s as invalid_input', async (_name, body, headers) => {
    await expect(codeOf(receiveUpload(fakeRequest(body, headers), target(), 1_000_000))).resolves.toBe(
      'invalid_input',
    );
  });
});
