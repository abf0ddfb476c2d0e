import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the API serves its own signed links: `/v1/signed/<token>/<file name>`. */
export const SIGNED_PATH_PREFIX = '/v1/signed';

/** What a token grants: one object, or (package) every file directly under a key prefix. */
export interface SignedGrant {
  /** A storage key, or for a package the key of its directory. */
  key: string;
  package: boolean;
  /** Epoch seconds after which the link answers 403. */
  expiresAtSec: number;
  /** For a single object: the Content-Type and download name to answer with. */
  contentType?: string;
  fileName?: string;
}

interface TokenPayload {
  k: string;
  e: number;
  p?: 1;
  t?: string;
  n?: string;
}

export type VerifyFailure = 'malformed' | 'bad_signature' | 'expired';

/**
 * HMAC-SHA256 tokens for links that work without an API key. The grant travels in the token (base64url
 * JSON) and the MAC covers all of it, so nothing in it can be changed; a package grant is a path-prefix
 * token, which lets an HLS player resolve the playlists' relative URIs to links that carry the same token.
 */
export class SignedLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  token(grant: SignedGrant): string {
    const payload: TokenPayload = {
      k: grant.key,
      e: grant.expiresAtSec,
      ...(grant.package ? { p: 1 as const } : {}),
      ...(grant.contentType ? { t: grant.contentType } : {}),
      ...(grant.fileName ? { n: grant.fileName } : {}),
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The path (no origin) of a link for `grant`; `fileName` is the last segment a player or browser sees. */
  path(grant: SignedGrant, fileName: string): string {
    return `${SIGNED_PATH_PREFIX}/${this.token(grant)}/${encodeURIComponent(fileName)}`;
  }

  verify(
    token: string,
    nowSec = Date.now() / 1000,
  ): { ok: true; grant: SignedGrant } | { ok: false; why: VerifyFailure } {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body)) return { ok: false, why: 'malformed' };
    const expected = Buffer.from(this.mac(body), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, why: 'bad_signature' };
    }
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      return { ok: false, why: 'malformed' };
    }
    if (typeof payload.k !== 'string' || typeof payload.e !== 'number') return { ok: false, why: 'malformed' };
    if (nowSec > payload.e) return { ok: false, why: 'expired' };
    return {
      ok: true,
      grant: {
        key: payload.k,
        package: payload.p === 1,
        expiresAtSec: payload.e,
        ...(payload.t ? { contentType: payload.t } : {}),
        ...(payload.n ? { fileName: payload.n } : {}),
      },
    };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(`reelforge-link:${body}`).digest('base64url');
  }
}

/**
 * A URL or path with every credential in it replaced, for logs: our own link tokens and the signature
 * of presigned S3 URLs (`X-Amz-Signature`, and `X-Amz-Credential`, which names the access key).
 */
export function redactSignedUrl(url: string): string {
  return url
    .replace(/(\/v1\/signed\/)[^/?#]+/g, '$1[redacted]')
    .replace(/([?&]X-Amz-(?:Signature|Credential|Security-Token)=)[^&#]*/gi, '$1[redacted]');
}
