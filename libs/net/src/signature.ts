import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Reelforge-Signature';
export const EVENT_HEADER = 'X-Reelforge-Event';
export const DELIVERY_HEADER = 'X-Reelforge-Delivery';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, as Stripe signs webhooks
 * (https://docs.stripe.com/webhooks#verify-manually). The timestamp is inside the MAC, so a captured
 * request cannot be replayed later with a fresh `t`.
 */
export function signWebhook(secret: string, body: string, timestampSec: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}

/**
 * What a receiver does: recompute the MAC over the raw body, compare in constant time, and refuse
 * timestamps older than `toleranceSec`.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  options: { nowSec?: number; toleranceSec?: number } = {},
): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestampSec = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestampSec) || !/^[0-9a-f]{64}$/.test(given)) return false;
  const nowSec = options.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowSec - timestampSec) > (options.toleranceSec ?? 300)) return false;
  const expected = signWebhook(secret, body, timestampSec).slice(`t=${timestampSec},v1=`.length);
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

/** A tenant's signing key: 32 random bytes, prefixed so it is recognisable in a secret scanner. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
