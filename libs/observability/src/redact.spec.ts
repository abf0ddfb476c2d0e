import { describe, expect, it } from 'vitest';
import { REDACTED, SecretScrubber } from './redact.js';

describe(SecretScrubber.name, () => {
  const scrubber = new SecretScrubber(['the-master-key-0123456789', null, 'short']);

  it('hides API keys but keeps their public prefix for tracing', () => {
    const key = `rf_0123456789ab_${'A'.repeat(43)}`;
    expect(scrubber.scrub(`key ${key} used`)).toBe(`key rf_0123456789ab_${REDACTED} used`);
  });

  it('hides webhook secrets, bearer tokens and configured literals', () => {
    expect(scrubber.scrub('whsec_abcdefghijklmnopqrstuvwxyz012345')).toBe(`whsec_${REDACTED}`);
    expect(scrubber.scrub('Authorization: Bearer abc.def-ghi_jkl')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubber.scrub('{"k":"the-master-key-0123456789"}')).toBe(`{"k":"${REDACTED}"}`);
  });

  it('hides the signing parameters of presigned URLs and login links, not the rest of the URL', () => {
    const url =
      'https://bucket.s3.amazonaws.com/a.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261204&' +
      'X-Amz-Signature=deadbeef&response-content-type=video%2Fmp4';
    expect(scrubber.scrub(url)).toBe(
      `https://bucket.s3.amazonaws.com/a.mp4?X-Amz-Algorithm=${REDACTED}&X-Amz-Credential=${REDACTED}&` +
        `X-Amz-Signature=${REDACTED}&response-content-type=video%2Fmp4`,
    );
    expect(scrubber.scrub('/admin/queues/login?token=login.1.abc')).toBe(`/admin/queues/login?token=${REDACTED}`);
  });

  it('leaves ordinary text alone, including literals too short to be secrets', () => {
    const text = 'Job 4f1c attempt 1 ended: succeeded in a short time; keyframes=12';
    expect(scrubber.scrub(text)).toBe(text);
  });
});
