import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test';
const body = '{"id":"1","status":"succeeded"}';

describe(signWebhook.name, () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
    expect(signWebhook(secret, body, 1_700_000_000)).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });
});

describe(verifyWebhookSignature.name, () => {
  const header = signWebhook(secret, body, 1_700_000_000);

  it('accepts its own signature within the tolerance', () => {
    expect(verifyWebhookSignature(secret, body, header, { nowSec: 1_700_000_100 })).toBe(true);
  });

  it.each([
    ['another body', secret, `${body} `, header, 1_700_000_000],
    ['another secret', 'whsec_other', body, header, 1_700_000_000],
    ['an old timestamp', secret, body, header, 1_700_000_301],
    ['a swapped timestamp', secret, body, header.replace('t=1700000000', 't=1700000001'), 1_700_000_000],
    ['garbage', secret, body, 'v1=zz', 1_700_000_000],
  ])('refuses %s', (_name, key, payload, given, nowSec) => {
    expect(verifyWebhookSignature(key, payload, given, { nowSec })).toBe(false);
  });
});

describe(generateWebhookSecret.name, () => {
  it('makes a prefixed 256-bit secret, different each time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
