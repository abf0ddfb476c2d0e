import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEquals, generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key-format.js';

const KEY_SHAPE = /^rf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;
const wellFormedKey = `rf_0123456789ab_${'A'.repeat(43)}`;

describe(generateApiKey.name, () => {
  it('makes a key of the documented shape whose parts round-trip through parseApiKey', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(KEY_SHAPE);
    const parsed = parseApiKey(generated.key);
    expect(parsed).toEqual({ prefix: generated.prefix, secret: generated.key.slice('rf_0123456789ab_'.length) });
    expect(generated.secretHash).toBe(createHash('sha256').update(parsed!.secret).digest('hex'));
  });

  it('stores a hash of the secret only, never the key or the secret itself', () => {
    const generated = generateApiKey();
    const { secret } = parseApiKey(generated.key)!;
    expect(generated.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.secretHash).not.toContain(secret);
    expect(secretMatches(secret, generated.secretHash)).toBe(true);
  });

  it('makes a different prefix and secret every time', () => {
    const keys = Array.from({ length: 50 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(50);
    expect(new Set(keys.map((k) => k.secretHash)).size).toBe(50);
  });
});

describe(parseApiKey.name, () => {
  it('splits a well-formed key into prefix and secret', () => {
    expect(parseApiKey(wellFormedKey)).toEqual({ prefix: '0123456789ab', secret: 'A'.repeat(43) });
  });

  it.each([
    ['the empty string', ''],
    ['a wrong prefix', `rk_0123456789ab_${'A'.repeat(43)}`],
    ['an upper-case prefix marker', `RF_0123456789ab_${'A'.repeat(43)}`],
    ['upper-case hex in the prefix', `rf_0123456789AB_${'A'.repeat(43)}`],
    ['non-hex in the prefix', `rf_0123456789zz_${'A'.repeat(43)}`],
    ['a short prefix', `rf_0123456789a_${'A'.repeat(43)}`],
    ['a long prefix', `rf_0123456789abc_${'A'.repeat(43)}`],
    ['a short secret', `rf_0123456789ab_${'A'.repeat(42)}`],
    ['a long secret', `rf_0123456789ab_${'A'.repeat(44)}`],
    ['base64 padding in the secret', `rf_0123456789ab_${'A'.repeat(42)}=`],
    ['a + in the secret (base64, not base64url)', `rf_0123456789ab_${'A'.repeat(42)}+`],
    ['a / in the secret', `rf_0123456789ab_${'A'.repeat(42)}/`],
    ['a space in the secret', `rf_0123456789ab_${'A'.repeat(42)} `],
    ['a trailing newline', `${wellFormedKey}\n`],
    ['a leading space', ` ${wellFormedKey}`],
    ['a missing separator', `rf_0123456789ab${'A'.repeat(44)}`],
  ])('refuses %s', (_name, key) => {
    expect(parseApiKey(key)).toBeNull();
  });
});

describe(secretMatches.name, () => {
  const secret = 'A'.repeat(43);

  it('accepts the secret whose hash is stored', () => {
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
  });

  it('refuses another secret', () => {
    expect(secretMatches('B'.repeat(43), hashSecret(secret))).toBe(false);
  });

  it('refuses a stored hash that is not 32 bytes of hex instead of throwing', () => {
    expect(secretMatches(secret, '')).toBe(false);
    expect(secretMatches(secret, 'abcd')).toBe(false);
    expect(secretMatches(secret, 'not hex at all')).toBe(false);
  });
});

describe(constantTimeEquals.name, () => {
  it.each([
    ['equal strings', 'test-master-key-0123456789abcdef', 'test-master-key-0123456789abcdef', true],
    [
      'strings that differ in one character',
      'test-master-key-0123456789abcdeX',
      'test-master-key-0123456789abcdef',
      false,
    ],
    ['a shorter string', 'test', 'test-master-key-0123456789abcdef', false],
    ['a longer string', 'test-master-key-0123456789abcdef-and-more', 'test-master-key-0123456789abcdef', false],
    ['the empty string against a key', '', 'test-master-key-0123456789abcdef', false],
    ['a case difference', 'TEST-MASTER-KEY-0123456789ABCDEF', 'test-master-key-0123456789abcdef', false],
  ])('compares %s', (_name, given, expected, equal) => {
    expect(constantTimeEquals(given, expected)).toBe(equal);
  });
});
