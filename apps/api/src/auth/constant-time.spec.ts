import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Spy on the real timingSafeEqual so the test sees what the comparison is given.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { constantTimeEquals, secretMatches, hashSecret } = await import('./api-key-format.js');

describe('secret comparison in constant time', () => {
  const spy = vi.mocked(crypto.timingSafeEqual);
  afterEach(() => spy.mockClear());

  it.each([
    ['an empty guess', ''],
    ['a one-character guess', 'x'],
    ['a guess of the right length', 'test-master-key-0123456789abcdeX'],
    ['a 10 kB guess', 'x'.repeat(10_000)],
  ])('hashes both sides and compares 32-byte digests for %s, never exiting early on length', (_name, given) => {
    const expected = 'test-master-key-0123456789abcdef';
    expect(constantTimeEquals(given, expected)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(32);
    expect(a.equals(crypto.createHash('sha256').update(given).digest())).toBe(true);
    expect(b.equals(crypto.createHash('sha256').update(expected).digest())).toBe(true);
  });

  it('compares API key secrets as equal-length digests too', () => {
    expect(secretMatches('B'.repeat(43), hashSecret('A'.repeat(43)))).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  });
});
