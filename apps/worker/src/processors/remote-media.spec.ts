import { DomainError } from '@reelforge/contracts';
import { NetError } from '@reelforge/net';
import { describe, expect, it } from 'vitest';
import { displayNameOf, fetchFailure } from './remote-media.js';

const limits = { maxBytes: 1000, timeoutMs: 5000 };

describe(fetchFailure.name, () => {
  it.each([
    ['refused', new NetError('refused', 'Refused http://10.0.0.5: 10.0.0.5 is private (10.0.0.0/8)'), 'invalid_input'],
    ['invalid_url', new NetError('invalid_url', 'Not a URL: x'), 'invalid_input'],
    ['too_many_redirects', new NetError('too_many_redirects', 'More than 5 redirects'), 'invalid_input'],
    ['too_large', new NetError('too_large', 'The file is 2000 bytes; the limit is 1000'), 'payload_too_large'],
    ['timeout', new NetError('timeout', 'Download from http://a took too long'), 'invalid_input'],
    ['a 404', new NetError('network', 'http://a answered 404', 404), 'invalid_input'],
    [
      'a host DNS does not know',
      new NetError('unresolvable', 'The host nowhere.invalid does not exist: DNS has no address for it'),
      'invalid_input',
    ],
  ])('makes %s a permanent %s', (_name, error, code) => {
    const failure = fetchFailure(error, 'http://a/b.mp4', limits);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe(code);
    expect(failure.message).toContain(error.message);
  });

  it.each([
    ['a 503', new NetError('network', 'http://a answered 503', 503)],
    ['a 429', new NetError('network', 'http://a answered 429', 429)],
    ['a reset', new NetError('network', 'http://a: socket hang up')],
    ['an unknown error', new Error('EIO')],
  ])('leaves %s retryable', (_name, error) => {
    expect(fetchFailure(error, 'http://a/b.mp4', limits)).not.toBeInstanceOf(DomainError);
  });
});

describe(displayNameOf.name, () => {
  it.each([
    ['https://cdn.example.com/clips/holiday.mp4?token=abc', 'holiday.mp4'],
    ['https://cdn.example.com/clips/%C3%A9t%C3%A9%20clip.mp4', 'été clip.mp4'],
    ['https://cdn.example.com/a%2F..%2Fb%00.mp4', 'a..b.mp4'],
    ['https://cdn.example.com/bad%E0%A4.mp4', 'bad%E0%A4.mp4'],
    ['https://cdn.example.com/', 'import'],
  ])('names %s %j', (url, name) => expect(displayNameOf(url)).toBe(name));
});
