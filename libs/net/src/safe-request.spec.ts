import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadToFile, NetError, type ResolveAll, safeRequest } from './safe-request.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function listen(host: string, handler: Handler): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

async function refusal(promise: Promise<unknown>): Promise<NetError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetError);
  return error as NetError;
}

describe(safeRequest.name, () => {
  let target: Awaited<ReturnType<typeof listen>>;
  let redirector: Awaited<ReturnType<typeof listen>>;
  const allowLoopback = { allowPrivate: ['127.0.0.1/32'] };

  beforeAll(async () => {
    target = await listen('127.0.0.1', (request, response) => {
      if (request.url === '/big') {
        response.end('x'.repeat(10_000));
        return;
      }
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.writeHead(201, { 'content-type': 'text/plain' }).end(`got ${body}`));
    });
    // 127.0.0.2 is loopback too on Linux: allowed on its own, it redirects to 127.0.0.1, which is not.
    redirector = await listen('127.0.0.2', (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${target.port}/after-redirect` }).end();
    });
  });

  afterAll(() => {
    target.server.close();
    redirector.server.close();
  });

  it('reaches an explicitly allowed address and returns any status', async () => {
    const response = await safeRequest(`http://127.0.0.1:${target.port}/x`, {
      method: 'POST',
      body: 'hello',
      policy: allowLoopback,
    });
    expect(response).toMatchObject({ statusCode: 201, address: '127.0.0.1' });
    expect(response.body.toString()).toBe('got hello');
  });

  it.each([
    ['loopback', 'http://127.0.0.1:PORT/'],
    ['loopback by another spelling', 'http://127.1:PORT/'],
    ['IPv6 loopback', 'http://[::1]:PORT/'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:PORT/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', 'http://10.0.0.1/'],
    ['the unspecified address', 'http://0.0.0.0:PORT/'],
  ])('refuses %s without sending anything', async (_name, url) => {
    const before = target.hits.length;
    const error = await refusal(safeRequest(url.replace('PORT', String(target.port)), { timeoutMs: 2_000 }));
    expect(error.kind).toBe('refused');
    expect(target.hits.length).toBe(before);
  });

  it('refuses a name that resolves to a private address, and one with any private address among public ones', async () => {
    const resolveAll: ResolveAll = async (hostname) =>
      hostname === 'evil.test'
        ? [{ address: '10.0.0.1', family: 4 }]
        : [
            { address: '93.184.216.34', family: 4 },
            { address: '169.254.169.254', family: 4 },
          ];
    expect((await refusal(safeRequest('http://evil.test/', { resolveAll }))).message).toContain('10.0.0.1 is private');
    expect((await refusal(safeRequest('http://mixed.test/', { resolveAll }))).kind).toBe('refused');
  });

  it('connects to the address it checked, not to a second answer (no DNS rebinding)', async () => {
    let calls = 0;
    // A rebinding resolver: a harmless answer first, the real target afterwards.
    const resolveAll: ResolveAll = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const response = await safeRequest(`http://rebind.test:${target.port}/pinned`, {
      resolveAll,
      policy: allowLoopback,
    });
    expect(response.statusCode).toBe(201);
    expect(calls).toBe(1);
    expect(target.hits).toContain('GET /pinned');
  });

  it('re-checks every redirect hop: an allowed server cannot bounce the request to a refused address', async () => {
    const before = target.hits.length;
    const error = await refusal(
      safeRequest(`http://127.0.0.2:${redirector.port}/`, { policy: { allowPrivate: ['127.0.0.2/32'] } }),
    );
    expect(error.kind).toBe('refused');
    expect(error.message).toContain('127.0.0.1 is loopback');
    expect(target.hits.length).toBe(before);
    // With both allowed the redirect is followed.
    const followed = await safeRequest(`http://127.0.0.2:${redirector.port}/`, {
      policy: { allowPrivate: ['127.0.0.0/30'] },
    });
    expect(followed.url).toBe(`http://127.0.0.1:${target.port}/after-redirect`);
  });

  it('does not follow redirects when maxRedirects is 0', async () => {
    const response = await safeRequest(`http://127.0.0.2:${redirector.port}/`, {
      policy: { allowPrivate: ['127.0.0.2/32'] },
      maxRedirects: 0,
    });
    expect(response.statusCode).toBe(302);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1/'])(
    'refuses the scheme of %s',
    async (url) => {
      expect((await refusal(safeRequest(url))).kind).toBe('refused');
    },
  );

  it('caps the response size', async () => {
    const error = await refusal(
      safeRequest(`http://127.0.0.1:${target.port}/big`, { policy: allowLoopback, maxResponseBytes: 1_000 }),
    );
    expect(error.kind).toBe('too_large');
  });
});

describe(downloadToFile.name, () => {
  let server: Awaited<ReturnType<typeof listen>>;
  const dir = mkdtempSync(join(tmpdir(), 'reelforge-net-'));
  const policy = { allowPrivate: ['127.0.0.1/32'] };

  beforeAll(async () => {
    server = await listen('127.0.0.1', (request, response) => {
      if (request.url === '/missing') response.writeHead(404).end();
      else response.end('y'.repeat(request.url === '/big' ? 50_000 : 1_234));
    });
  });
  afterAll(() => server.server.close());

  it('streams the body into place', async () => {
    const path = join(dir, 'ok.bin');
    const result = await downloadToFile(`http://127.0.0.1:${server.port}/ok`, path, { policy });
    expect(result.bytes).toBe(1_234);
    expect(readFileSync(path).length).toBe(1_234);
  });

  it('leaves nothing behind when the file is over the cap, the answer is not 2xx, or the target is refused', async () => {
    const big = join(dir, 'big.bin');
    expect(
      (await refusal(downloadToFile(`http://127.0.0.1:${server.port}/big`, big, { policy, maxResponseBytes: 10_000 })))
        .kind,
    ).toBe('too_large');
    const missing = await refusal(
      downloadToFile(`http://127.0.0.1:${server.port}/missing`, join(dir, 'missing.bin'), { policy }),
    );
    expect(missing.statusCode).toBe(404);
    expect((await refusal(downloadToFile(`http://127.0.0.1:${server.port}/ok`, join(dir, 'refused.bin')))).kind).toBe(
      'refused',
    );
    expect(existsSync(big)).toBe(false);
    expect(readdirSync(dir)).toEqual(['ok.bin']);
  });

  it("stops when the caller's signal aborts, leaving nothing behind", async () => {
    const controller = new AbortController();
    controller.abort();
    const path = join(dir, 'aborted.bin');
    await refusal(downloadToFile(`http://127.0.0.1:${server.port}/ok`, path, { policy, signal: controller.signal }));
    expect(existsSync(path)).toBe(false);
  });
});
