import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { AssetKind, DomainError, InvalidInputError, InvalidMediaError, type ProbeFacts } from '@reelforge/contracts';
import { classifyMedia } from '@reelforge/media';
import { MediaTools } from '@reelforge/media/nest';
import { downloadToFile, NetError } from '@reelforge/net';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Kinds a URL may bring: the upload kinds ffprobe decides. Fonts and captions come by upload only. */
export const REMOTE_MEDIA_KINDS: readonly AssetKind[] = [AssetKind.Video, AssetKind.Image, AssetKind.Audio];

/** Redirect hops followed; each is checked again before it is requested. */
const MAX_REDIRECTS = 5;

export interface RemoteMedia {
  /** The downloaded file inside the caller's `dir`; the caller moves or removes it. */
  path: string;
  facts: ProbeFacts;
  kind: AssetKind;
  mime: string;
  /** Without the dot, decided from the probed container: `mp4`, `png`, `m4a`. */
  extension: string;
  sizeBytes: number;
  sha256: string;
  /** The last path segment of the final URL, for display only. */
  originalName: string;
  /** After redirects. */
  finalUrl: string;
}

/** The last path segment, decoded, without control characters; a display name, never a path. */
export function displayNameOf(url: string): string {
  let segment = '';
  try {
    segment = new URL(url).pathname.split('/').pop() ?? '';
    segment = decodeURIComponent(segment);
  } catch {
    // A malformed escape keeps the raw segment.
  }
  // eslint-disable-next-line no-control-regex
  const clean = segment.replace(/[\u0000-\u001f\u007f/\\]/g, '').trim();
  return (clean || 'import').slice(0, 255);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * What a failed fetch means for the job. A refused or malformed target, a redirect loop and a 4xx
 * never heal (permanent `invalid_input`), nor does a host name that DNS says does not exist; a 5xx,
 * a reset or a resolver that could not answer may, so they stay plain
 * errors and the job is retried with backoff.
 */
export function fetchFailure(error: unknown, url: string, limits: { maxBytes: number; timeoutMs: number }): Error {
  if (!(error instanceof NetError)) return error instanceof Error ? error : new Error(String(error));
  const details = { url: url.slice(0, 200), reason: error.kind };
  switch (error.kind) {
    case 'refused':
    case 'invalid_url':
    case 'too_many_redirects':
      return new InvalidInputError(error.message, details);
    case 'unresolvable':
      return new InvalidInputError(`${error.message}; check the URL's host name`, details);
    case 'too_large':
      return new DomainError('payload_too_large', `${error.message} (MAX_UPLOAD_BYTES)`, {
        ...details,
        maxBytes: limits.maxBytes,
      });
    case 'timeout':
      return new InvalidInputError(`${error.message}: the limit is ${limits.timeoutMs / 1000}s (IMPORT_TIMEOUT_MS)`, {
        ...details,
        timeoutMs: limits.timeoutMs,
      });
    case 'network':
      if (
        error.statusCode !== undefined &&
        error.statusCode >= 400 &&
        error.statusCode < 500 &&
        error.statusCode !== 429
      ) {
        return new InvalidInputError(error.message, { ...details, statusCode: error.statusCode });
      }
      return error;
  }
}

/**
 * Fetches media from a URL for a job: the SSRF-safe download (every DNS answer and redirect checked,
 * the connection pinned, size and time capped) into a local file, then ffprobe of THAT FILE under the
 * ingest allow-lists, exactly as an upload is probed. ffmpeg and ffprobe never see the URL, so a
 * playlist or a crafted container cannot make them fetch anything.
 */
@Injectable()
export class RemoteMediaFetcher {
  private readonly logger = new Logger(RemoteMediaFetcher.name);

  constructor(
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Downloads `url` into `dir` (a temp directory the caller owns and removes) and probes it.
   * Throws InvalidInputError for refused targets, `payload_too_large` past MAX_UPLOAD_BYTES,
   * InvalidMediaError for content that is not allowed media; on any failure the file is gone.
   */
  async fetch(tenantId: string, url: string, dir: string, signal?: AbortSignal): Promise<RemoteMedia> {
    const path = join(dir, `remote-${randomUUID()}`);
    const limits = { maxBytes: this.config.media.maxUploadBytes, timeoutMs: this.config.net.importTimeoutMs };
    let download;
    try {
      download = await downloadToFile(url, path, {
        policy: { allowPrivate: this.config.net.allowCidrs },
        maxResponseBytes: limits.maxBytes,
        timeoutMs: limits.timeoutMs,
        maxRedirects: MAX_REDIRECTS,
        signal,
      });
    } catch (error) {
      throw fetchFailure(error, url, limits);
    }
    try {
      if (download.bytes === 0) throw new InvalidMediaError('The URL answered with an empty body');
      const facts = await this.media.probe(path);
      const { kind, mime, extension } = classifyMedia(facts);
      if (!REMOTE_MEDIA_KINDS.includes(kind)) {
        throw new InvalidMediaError(`Media of kind ${kind} cannot be imported from a URL`, { kind });
      }
      const sha256 = await sha256Of(path);
      this.logger.debug(
        `Tenant ${tenantId} fetched ${download.bytes} bytes of ${kind} from ${new URL(download.url).origin}`,
      );
      return {
        path,
        facts,
        kind,
        mime,
        extension,
        sizeBytes: download.bytes,
        sha256,
        originalName: displayNameOf(download.url),
        finalUrl: download.url,
      };
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }
}
