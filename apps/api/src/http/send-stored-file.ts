import { type Response } from 'express';

export interface StoredFileDownload {
  absolutePath: string;
  mime: string;
  /** Offered as the download name; quoted and stripped of anything a header cannot carry. */
  fileName: string;
  /** A content hash when known, used as a strong ETag. */
  sha256?: string;
}

function headerSafeFileName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams a stored file with HTTP Range, conditional GET and the stored Content-Type, through
 * Express's `send`, which handles single and suffix ranges and answers 416 for unsatisfiable ones.
 */
export function sendStoredFile(response: Response, file: StoredFileDownload): Promise<void> {
  response.setHeader('Content-Type', file.mime);
  response.setHeader('Content-Disposition', headerSafeFileName(file.fileName));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
  if (file.sha256) response.setHeader('ETag', `"${file.sha256}"`);
  return new Promise((resolve, reject) => {
    response.sendFile(
      file.absolutePath,
      { etag: !file.sha256, lastModified: true, acceptRanges: true, dotfiles: 'allow' },
      (error) => {
        if (error && !response.headersSent) {
          // The error answer is JSON, not the file: drop what described the file.
          for (const header of ['Content-Type', 'Content-Disposition', 'ETag', 'Cache-Control']) {
            response.removeHeader(header);
          }
          reject(error);
        } else {
          resolve();
        }
      },
    );
  });
}
