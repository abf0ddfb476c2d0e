import { describe, expect, it } from 'vitest';
import { redactSignedUrl, SignedLinks } from './signed-links.js';

const links = new SignedLinks('a-secret-of-at-least-thirty-two-characters');
const NOW_SEC = 1_800_000_000;
const grant = { key: 'variants/t/pkg', package: true, expiresAtSec: NOW_SEC + 60 };

describe(SignedLinks.name, () => {
  it('verifies its own token and returns the grant', () => {
    expect(links.verify(links.token(grant), NOW_SEC)).toEqual({ ok: true, grant });
  });

  it('refuses a token after its expiry', () => {
    expect(links.verify(links.token(grant), NOW_SEC + 61)).toEqual({ ok: false, why: 'expired' });
  });

  it('refuses a token whose grant was altered, even to a longer life', () => {
    const [, mac] = links.token(grant).split('.');
    const longer = Buffer.from(JSON.stringify({ k: grant.key, e: NOW_SEC + 86_400, p: 1 })).toString('base64url');
    expect(links.verify(`${longer}.${mac}`, NOW_SEC)).toEqual({ ok: false, why: 'bad_signature' });
  });

  it('refuses a token signed with another secret', () => {
    const other = new SignedLinks('another-secret-of-thirty-two-characters!');
    expect(links.verify(other.token(grant), NOW_SEC)).toEqual({ ok: false, why: 'bad_signature' });
  });

  it.each(['', 'abc', 'a.b.c', '!!.x', '.x'])('refuses the malformed token %j', (token) => {
    expect(links.verify(token, NOW_SEC).ok).toBe(false);
  });

  it('builds the path players resolve relative URIs against', () => {
    expect(links.path(grant, 'master.m3u8')).toMatch(/^\/v1\/signed\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/master\.m3u8$/);
  });
});

describe(redactSignedUrl.name, () => {
  it('removes our tokens and S3 signatures and credentials, keeping the rest readable', () => {
    expect(redactSignedUrl('/v1/signed/eyJr.abc/master.m3u8')).toBe('/v1/signed/[redacted]/master.m3u8');
    expect(
      redactSignedUrl(
        'http://s3/b/k.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F2026&X-Amz-Signature=f00d&x-id=GetObject',
      ),
    ).toBe(
      'http://s3/b/k.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&x-id=GetObject',
    );
  });
});
