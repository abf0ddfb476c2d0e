import { describe, expect, it } from 'vitest';
import { canonicalJson, JobPriority, priorityName, requestHash, retryPlan } from './job-control.js';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe(requestHash.name, () => {
  it('is the same for the same request in any field order', () => {
    expect(requestHash('trim', { assetId: 'a', start: 1, end: 2 })).toBe(
      requestHash('trim', { end: 2, start: 1, assetId: 'a' }),
    );
    expect(requestHash('trim', { a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['another value', 'trim', { assetId: 'a', start: 1, end: 3 }],
    ['another operation', 'transcode', { assetId: 'a', start: 1, end: 2 }],
    ['an extra field', 'trim', { assetId: 'a', start: 1, end: 2, priority: 'high' }],
    ['a number as text', 'trim', { assetId: 'a', start: '1', end: 2 }],
  ])('differs for %s', (_name, operation, body) => {
    expect(requestHash(operation, body)).not.toBe(requestHash('trim', { assetId: 'a', start: 1, end: 2 }));
  });
});

describe(priorityName.name, () => {
  it.each([
    [10, JobPriority.High],
    [0, JobPriority.Normal],
    [-10, JobPriority.Low],
    [3, JobPriority.Normal],
  ])('names %i %s', (value, name) => {
    expect(priorityName(value)).toBe(name);
  });
});

describe(retryPlan.name, () => {
  it("follows Bull's (2^n - 1) x base delays and stops inside the window", () => {
    // 30 s base, 24 h: waits of 30 s, 90 s, 210 s, ... ; the 11th attempt starts 61 080 s (~17 h) in.
    const plan = retryPlan(30_000, 24 * 3_600_000);
    expect(plan.delaysMs.slice(0, 3)).toEqual([30_000, 90_000, 210_000]);
    expect(plan.attempts).toBe(11);
    expect(plan.lastAttemptAfterMs).toBe(61_080_000);
  });

  it('makes one attempt when the window is too short for a retry', () => {
    expect(retryPlan(1_000, 500)).toEqual({ attempts: 1, delaysMs: [], lastAttemptAfterMs: 0 });
  });
});
