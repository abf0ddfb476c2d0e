import { isIPv4, isIPv6 } from 'node:net';

/** An address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface Cidr {
  family: 4 | 6;
  /** The network address, host bits cleared. */
  network: bigint;
  prefixLength: number;
  /** As written, for messages. */
  text: string;
}

function parseIPv4(text: string): bigint {
  return text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

/** Handles `::` compression and a trailing dotted IPv4 (`::ffff:1.2.3.4`); node's isIPv6 has validated the text. */
function parseIPv6(text: string): bigint {
  let body = text.toLowerCase();
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups =
    rest === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Null when `text` is not an IP literal. */
export function parseIp(text: string): IpAddress | null {
  if (isIPv4(text)) return { family: 4, value: parseIPv4(text) };
  if (isIPv6(text)) return { family: 6, value: parseIPv6(text) };
  return null;
}

function hostMask(family: 4 | 6, prefixLength: number): bigint {
  const bits = family === 4 ? 32 : 128;
  return (1n << BigInt(bits - prefixLength)) - 1n;
}

/** `10.0.0.0/8`, `fc00::/7`; a bare address is a /32 or /128. Throws on anything else. */
export function parseCidr(text: string): Cidr {
  const [addressText, prefixText, extra] = text.trim().split('/');
  const address = parseIp(addressText ?? '');
  if (!address || extra !== undefined) throw new Error(`"${text}" is not a CIDR range`);
  const bits = address.family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) throw new Error(`"${text}" has a malformed prefix`);
  const prefixLength = prefixText === undefined ? bits : Number(prefixText);
  if (prefixLength > bits) throw new Error(`"${text}": the prefix is longer than ${bits} bits`);
  const network = address.value & ~hostMask(address.family, prefixLength);
  return { family: address.family, network, prefixLength, text: text.trim() };
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.family !== address.family) return false;
  return (address.value & ~hostMask(cidr.family, cidr.prefixLength)) === cidr.network;
}
