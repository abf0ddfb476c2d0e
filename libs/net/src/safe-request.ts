import { lookup as dnsLookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AddressPolicy, checkIp, parseAllowList } from './address-policy.js';
import { type Cidr, parseIp } from './cidr.js';

/** Resolves every address of a name, like dns.lookup(name, { all: true }). Injectable for tests. */
export type ResolveAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolveAll: ResolveAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface SafeRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, redirects included. */
  timeoutMs?: number;
  /** A longer response body is an error (safeRequest) or aborts the download (downloadToFile). */
  maxResponseBytes?: number;
  /** 0: a 3xx answer is returned as it is. */
  maxRedirects?: number;
  policy?: AddressPolicy;
  resolveAll?: ResolveAll;
  /** The caller's cancel (a job canceled or a worker shutting down); ends the exchange like the timeout. */
  signal?: AbortSignal;
}

export interface SafeResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** After redirects. */
  url: string;
  /** The address actually connected to. */
  address: string;
}

export type NetErrorKind =
  | 'refused'
  | 'invalid_url'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  /** The name does not exist in DNS (NXDOMAIN or no address): permanent, unlike a resolver that timed out. */
  | 'unresolvable'
  | 'network';

/** `refused` means the target is not allowed; nothing was sent to it. */
export class NetError extends Error {
  constructor(
    readonly kind: NetErrorKind,
    message: string,
    /** The HTTP status when the server answered with one we do not accept (downloadToFile: not 2xx). */
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'NetError';
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULTS = { timeoutMs: 10_000, maxResponseBytes: 1024 * 1024, maxRedirects: 5 };

/**
 * Resolves `url`'s host once, refuses it if ANY address is blocked (a name with one public and one
 * private address is refused: the client could be sent to either), and returns the address to pin.
 */
async function resolveChecked(
  url: URL,
  allow: readonly Cidr[],
  resolveAll: ResolveAll,
): Promise<{ address: string; family: 4 | 6 }> {
  // URL keeps IPv6 literals bracketed.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = parseIp(host);
  const addresses = literal
    ? [{ address: host, family: literal.family }]
    : await resolveAll(host).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        // ENOTFOUND/ENODATA: the resolver answered that the name has no address. EAI_AGAIN and the
        // like mean it could not answer now, which a retry may fix.
        if (code === 'ENOTFOUND' || code === 'ENODATA') {
          throw new NetError('unresolvable', `The host ${host} does not exist: DNS has no address for it`);
        }
        throw new NetError('network', `Could not resolve ${host}: ${(error as Error).message}`);
      });
  if (addresses.length === 0) {
    throw new NetError('unresolvable', `The host ${host} does not exist: DNS has no address for it`);
  }
  for (const { address } of addresses) {
    const verdict = checkIp(address, allow);
    if (!verdict.allowed) throw new NetError('refused', `Refused ${url.origin}: ${verdict.reason}`);
  }
  const first = addresses[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

function parseTarget(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new NetError('invalid_url', `Not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NetError('refused', `Refused ${url.protocol} URL: only http and https`);
  }
  if (url.username || url.password) throw new NetError('refused', 'Refused a URL with credentials');
  return url;
}

/**
 * One hop. The socket connects to `pinned` through a lookup that never resolves again, so a DNS
 * answer that changes between the check and the connect (rebinding) cannot move it; TLS still
 * verifies the certificate against the hostname.
 */
function send(
  url: URL,
  pinned: { address: string; family: 4 | 6 },
  options: { method: string; headers: Record<string, string>; body?: string | Buffer; signal: AbortSignal },
): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers, lookup, signal: options.signal });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Follows redirects by hand, checking every hop's address; resolves with the final response unread. */
async function open(
  rawUrl: string,
  options: SafeRequestOptions,
  signal: AbortSignal,
): Promise<{ response: IncomingMessage; url: URL; address: string }> {
  const allow = parseAllowList(options.policy?.allowPrivate ?? []);
  const resolveAll = options.resolveAll ?? systemResolveAll;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  let url = parseTarget(rawUrl);
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body;
  for (let hop = 0; ; hop++) {
    const pinned = await resolveChecked(url, allow, resolveAll);
    const headers = { ...options.headers };
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    let response: IncomingMessage;
    try {
      response = await send(url, pinned, { method, headers, body, signal });
    } catch (error) {
      if (signal.aborted) throw new NetError('timeout', `No answer from ${url.origin} in time`);
      throw new NetError('network', `${url.origin}: ${(error as Error).message}`);
    }
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || !location || maxRedirects === 0) {
      return { response, url, address: pinned.address };
    }
    response.resume();
    if (hop + 1 > maxRedirects) throw new NetError('too_many_redirects', `More than ${maxRedirects} redirects`);
    url = parseTarget(location, url);
    // 303 always, and 301/302 after a POST in practice, continue as a GET without the body.
    if (
      response.statusCode === 303 ||
      (method === 'POST' && response.statusCode !== 307 && response.statusCode !== 308)
    ) {
      method = 'GET';
      body = undefined;
    }
  }
}

/** Runs `run` with a signal that aborts after `timeoutMs` (default 10 s) or when the caller's `signal` does. */
function withTimeout<T>(options: SafeRequestOptions, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULTS.timeoutMs);
  const abort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  return run(controller.signal).finally(() => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', abort);
  });
}

/** Caps a stream at `maxBytes`, failing with `too_large` past it. */
function byteCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new NetError('too_large', `The response is larger than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
}

/**
 * An HTTP(S) request that cannot be pointed at private, loopback, link-local or metadata addresses,
 * directly, through DNS (checked once and pinned) or through a redirect (each hop checked again).
 * Any status is returned; only transport problems and refusals throw NetError.
 */
export function safeRequest(url: string, options: SafeRequestOptions = {}): Promise<SafeResponse> {
  const maxBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  return withTimeout(options, async (signal) => {
    const opened = await open(url, options, signal);
    const chunks: Buffer[] = [];
    try {
      let seenBytes = 0;
      for await (const chunk of opened.response as AsyncIterable<Buffer>) {
        seenBytes += chunk.length;
        if (seenBytes > maxBytes) {
          opened.response.destroy();
          throw new NetError('too_large', `The response is larger than ${maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof NetError) throw error;
      if (signal.aborted) throw new NetError('timeout', `${opened.url.origin} did not finish answering in time`);
      throw new NetError('network', `${opened.url.origin}: ${(error as Error).message}`);
    }
    return {
      statusCode: opened.response.statusCode ?? 0,
      headers: opened.response.headers,
      body: Buffer.concat(chunks),
      url: opened.url.toString(),
      address: opened.address,
    };
  });
}

export interface DownloadResult {
  bytes: number;
  contentType: string | null;
  /** After redirects. */
  url: string;
}

/**
 * GETs `url` into `path` under the same rules as safeRequest. The body streams into a temp file
 * beside `path`, renamed into place only when complete and within `maxResponseBytes`; a non-2xx
 * answer or any failure leaves nothing behind.
 */
export function downloadToFile(url: string, path: string, options: SafeRequestOptions = {}): Promise<DownloadResult> {
  const maxBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  const partial = `${path}.part-${process.pid}-${Date.now()}`;
  return withTimeout(options, async (signal) => {
    const opened = await open(url, { ...options, method: 'GET', body: undefined }, signal);
    const status = opened.response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      opened.response.resume();
      throw new NetError('network', `${opened.url.origin} answered ${status}`, status);
    }
    const declared = Number(opened.response.headers['content-length'] ?? NaN);
    if (declared > maxBytes) {
      opened.response.destroy();
      throw new NetError('too_large', `The file is ${declared} bytes; the limit is ${maxBytes}`);
    }
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(opened.response, byteCap(maxBytes), counter, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof NetError) throw error;
      if (signal.aborted) throw new NetError('timeout', `Download from ${opened.url.origin} took too long`);
      throw new NetError('network', `${opened.url.origin}: ${(error as Error).message}`);
    }
    return { bytes, contentType: opened.response.headers['content-type'] ?? null, url: opened.url.toString() };
  });
}
