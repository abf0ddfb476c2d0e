import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { InvalidInputError } from '@reelforge/contracts';
import { ObjectStorage, SignedLinks } from '@reelforge/storage';
import { type Request } from 'express';
import { SignedUrlKind, type SignedUrlDto } from './links.dto.js';

/** What a link is for: a stored object with how to answer for it. */
export interface LinkTarget {
  storageKey: string;
  mime: string;
  fileName: string;
}

const HLS_MIME = 'application/vnd.apple.mpegurl';

/**
 * Issues links that work without an API key: the object store's own presigned URL when it has one,
 * else an HMAC-signed link served by this API. HLS playlists always get an API link that grants their
 * whole package (a path-prefix token), because a presigned URL covers one object and a player must
 * also reach the renditions and segments the playlist names by relative URI.
 */
@Injectable()
export class LinksService {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly links: SignedLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(request: Request, target: LinkTarget, expiresInSec?: number): Promise<SignedUrlDto> {
    const lifetimeSec = this.lifetime(expiresInSec);
    const expiresAtSec = Math.floor(Date.now() / 1000) + lifetimeSec;
    const expiresAt = new Date(expiresAtSec * 1000);
    const answer = (url: string, kind: SignedUrlKind): SignedUrlDto => ({
      url,
      kind,
      expiresAt,
      expiresInSec: lifetimeSec,
    });

    const slash = target.storageKey.lastIndexOf('/');
    const name = target.storageKey.slice(slash + 1);
    if (target.mime === HLS_MIME) {
      const path = this.links.path({ key: target.storageKey.slice(0, slash), package: true, expiresAtSec }, name);
      return answer(`${this.origin(request)}${path}`, SignedUrlKind.Signed);
    }
    const presigned = await this.storage.presign(target.storageKey, {
      expiresInSec: lifetimeSec,
      contentType: target.mime,
      fileName: target.fileName,
    });
    if (presigned !== null) return answer(presigned, SignedUrlKind.Presigned);
    const path = this.links.path(
      { key: target.storageKey, package: false, expiresAtSec, contentType: target.mime, fileName: target.fileName },
      target.fileName,
    );
    return answer(`${this.origin(request)}${path}`, SignedUrlKind.Signed);
  }

  private lifetime(expiresInSec: number | undefined): number {
    const { defaultExpiresInSec, maxExpiresInSec } = this.config.signedUrls;
    if (expiresInSec === undefined) return defaultExpiresInSec;
    if (!Number.isInteger(expiresInSec) || expiresInSec < 1 || expiresInSec > maxExpiresInSec) {
      throw new InvalidInputError(`expiresInSec must be an integer from 1 to ${maxExpiresInSec}`, {
        field: 'expiresInSec',
        max: maxExpiresInSec,
      });
    }
    return expiresInSec;
  }

  /** PUBLIC_BASE_URL, else the origin the client used (X-Forwarded-* only when TRUST_PROXY is set). */
  private origin(request: Request): string {
    return this.config.signedUrls.publicBaseUrl ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  }
}
