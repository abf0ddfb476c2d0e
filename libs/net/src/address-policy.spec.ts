import { describe, expect, it } from 'vitest';
import { checkIp, parseAllowList } from './address-policy.js';
import { cidrContains, parseCidr, parseIp } from './cidr.js';

describe(parseCidr.name, () => {
  it.each([
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['100.64.0.0/10', '100.127.255.255', true],
    ['100.64.0.0/10', '100.128.0.0', false],
    ['172.16.0.0/12', '172.31.0.1', true],
    ['172.16.0.0/12', '172.32.0.1', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['fc00::/7', 'fdff:ffff::1', true],
    ['fc00::/7', 'fe00::1', false],
    ['fe80::/10', 'febf::1', true],
    ['fe80::/10', 'fec0::1', false],
    ['::ffff:0:0/96', '::ffff:1.2.3.4', true],
    ['2002::/16', '2002:a00:1::', true],
    ['10.0.0.0/8', '::ffff:10.0.0.1', false], // families never match; embedding is the policy's job
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    expect(cidrContains(parseCidr(cidr), parseIp(ip)!)).toBe(expected);
  });

  it('clears host bits and parses compressed and dotted IPv6', () => {
    expect(parseCidr('10.1.2.3/8').network).toBe(10n << 24n);
    expect(parseIp('::1')!.value).toBe(1n);
    expect(parseIp('::ffff:127.0.0.1')!.value).toBe((0xffffn << 32n) | (127n << 24n) | 1n);
    expect(parseIp('1:2:3:4:5:6:7:8')!.value).toBe(0x00010002000300040005000600070008n);
  });

  it.each(['10.0.0.0/33', '::/129', 'example.com/8', '10.0.0.0/8/1', '10.0.0.0/x', ''])('refuses %s', (text) => {
    expect(() => parseCidr(text)).toThrow();
  });
});

describe(checkIp.name, () => {
  const none = parseAllowList([]);

  it.each([
    ['0.0.0.0', '"this network"'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.16.0.1', 'private'],
    ['192.0.0.8', 'IETF'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'embeds 127.0.0.1'],
    ['::ffff:a9fe:a9fe', 'embeds 169.254.169.254'],
    ['64:ff9b::10.0.0.1', 'embeds 10.0.0.1'],
    ['2002:7f00:1::', 'embeds 127.0.0.1'],
    ['2002:c0a8:101::1', 'embeds 192.168.1.1'],
  ])('refuses %s (%s)', (ip, why) => {
    const verdict = checkIp(ip, none);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? '' : verdict.reason).toContain(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1'])(
    'allows the public address %s',
    (ip) => {
      expect(checkIp(ip, none)).toEqual({ allowed: true });
    },
  );

  it('allows exactly the listed ranges, also when mapped into IPv6', () => {
    const allow = parseAllowList(['127.0.0.1/32']);
    expect(checkIp('127.0.0.1', allow)).toEqual({ allowed: true });
    expect(checkIp('::ffff:127.0.0.1', allow)).toEqual({ allowed: true });
    expect(checkIp('127.0.0.2', allow).allowed).toBe(false);
    expect(checkIp('::1', allow).allowed).toBe(false);
  });

  it('refuses what is not an address', () => {
    expect(checkIp('localhost', none).allowed).toBe(false);
  });
});
