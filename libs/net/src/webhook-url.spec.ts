import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-url.js';

describe(webhookUrlProblem.name, () => {
  it.each(['https://example.com/hook', 'http://example.com:8080/a?b=c', 'https://[2606:4700::1]/x'])(
    'accepts %s',
    (url) => {
      expect(webhookUrlProblem(url)).toBeNull();
    },
  );

  it.each([
    ['ftp://example.com/', 'https or http'],
    ['file:///etc/passwd', 'https or http'],
    ['https://user:pass@example.com/', 'credentials'],
    ['/relative', 'absolute URL'],
    [`https://example.com/${'a'.repeat(2048)}`, 'at most 2048'],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toContain(problem);
  });
});
