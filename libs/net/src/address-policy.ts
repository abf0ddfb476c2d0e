import { type Cidr, cidrContains, type IpAddress, parseCidr, parseIp } from './cidr.js';

/** Ranges no server-side request may reach unless allowed explicitly: private, loopback, link-local, special. */
const BLOCKED: ReadonlyArray<{ cidr: Cidr; why: string }> = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['255.255.255.255/32', 'broadcast'],
  // IPv4-compatible addresses (deprecated) include :: and ::1.
  ['::/96', 'unspecified, loopback or IPv4-compatible'],
  ['100::/64', 'discard'],
  ['2001::/32', 'Teredo (embeds an obfuscated IPv4)'],
  ['2001:db8::/32', 'documentation'],
  ['fc00::/7', 'unique local (private)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
]
  .map(([text, why]) => ({ cidr: parseCidr(text as string), why: why as string }))
  // Most specific first, so a message names the narrowest range (broadcast, not the reserved /4 around it).
  .sort((a, b) => b.cidr.prefixLength - a.cidr.prefixLength);

/** IPv6 ranges that carry an IPv4 address; the IPv4 is what the packet reaches, so it is checked instead. */
const EMBEDDING: ReadonlyArray<{ cidr: Cidr; extract: (value: bigint) => bigint }> = [
  { cidr: parseCidr('::ffff:0:0/96'), extract: (value) => value & 0xffffffffn }, // IPv4-mapped
  { cidr: parseCidr('64:ff9b::/96'), extract: (value) => value & 0xffffffffn }, // NAT64
  { cidr: parseCidr('64:ff9b:1::/48'), extract: (value) => value & 0xffffffffn }, // local-use NAT64
  { cidr: parseCidr('2002::/16'), extract: (value) => (value >> 80n) & 0xffffffffn }, // 6to4
];

export interface AddressPolicy {
  /** CIDRs allowed even though they are blocked by default (e.g. `127.0.0.1/32` for a dev receiver). */
  allowPrivate: readonly string[];
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export function parseAllowList(texts: readonly string[]): Cidr[] {
  return texts.map((text) => parseCidr(text));
}

function checkAddress(address: IpAddress, allow: readonly Cidr[], shown: string): AddressVerdict {
  if (allow.some((cidr) => cidrContains(cidr, address))) return { allowed: true };
  for (const embedding of EMBEDDING) {
    if (cidrContains(embedding.cidr, address)) {
      const v4: IpAddress = { family: 4, value: embedding.extract(address.value) };
      return checkAddress(v4, allow, `${shown} (embeds ${formatIPv4(v4.value)})`);
    }
  }
  const blocked = BLOCKED.find((range) => cidrContains(range.cidr, address));
  return blocked ? { allowed: false, reason: `${shown} is ${blocked.why} (${blocked.cidr.text})` } : { allowed: true };
}

/** Whether a request may connect to `ip` (an IP literal). Anything unparsable is refused. */
export function checkIp(ip: string, allow: readonly Cidr[]): AddressVerdict {
  const address = parseIp(ip);
  if (!address) return { allowed: false, reason: `${ip} is not an IP address` };
  return checkAddress(address, allow, ip);
}

function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}
