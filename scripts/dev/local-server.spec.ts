import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort, postgresStandIn, probeTcp, redactUrl, redisStandIn, withPort } from './local-server.js';

describe('postgresStandIn', () => {
  it('stands in for the stock default on a port of its own choosing', () => {
    expect(postgresStandIn('postgres://postgres@127.0.0.1:5432/reelforge')).toEqual({
      possible: true,
      host: '127.0.0.1',
      port: 5432,
      choosePort: true,
    });
    expect(postgresStandIn('postgresql://localhost/reelforge')).toMatchObject({ possible: true, choosePort: true });
  });

  it('keeps a local port someone chose, such as the one written to .env by an earlier run', () => {
    expect(postgresStandIn('postgres://postgres@127.0.0.1:54337/app')).toEqual({
      possible: true,
      host: '127.0.0.1',
      port: 54337,
      choosePort: false,
    });
    expect(postgresStandIn('postgres://[::1]:6000/app')).toMatchObject({ possible: true, port: 6000 });
  });

  it('refuses a URL that names a server set up on purpose, saying why', () => {
    expect(postgresStandIn('postgres://postgres@db.internal:5432/reelforge')).toEqual({
      possible: false,
      reason: 'it names another machine (db.internal)',
    });
    expect(postgresStandIn('postgres://app:secret@127.0.0.1:5432/reelforge')).toMatchObject({ possible: false });
    expect(postgresStandIn('postgres://postgres:pw@127.0.0.1:5432/reelforge')).toMatchObject({ possible: false });
    expect(postgresStandIn('postgres://postgres@127.0.0.1:5432/reelforge?sslmode=require')).toMatchObject({
      possible: false,
      reason: 'it carries connection options',
    });
  });
});

describe('redisStandIn', () => {
  it('stands in for a local URL without credentials, choosing a port for the stock 6379', () => {
    expect(redisStandIn('redis://127.0.0.1:6379')).toMatchObject({ possible: true, port: 6379, choosePort: true });
    expect(redisStandIn('redis://localhost')).toMatchObject({ possible: true, port: 6379, choosePort: true });
    expect(redisStandIn('redis://127.0.0.1:63801/2')).toMatchObject({ possible: true, port: 63801, choosePort: false });
  });

  it('refuses TLS, credentials and other machines', () => {
    expect(redisStandIn('rediss://127.0.0.1:6379')).toMatchObject({ possible: false });
    expect(redisStandIn('redis://:secret@127.0.0.1:6379')).toMatchObject({ possible: false });
    expect(redisStandIn('redis://cache.internal:6379')).toMatchObject({ possible: false });
  });
});

describe('URL helpers', () => {
  it('moves a URL to another port and keeps the rest', () => {
    expect(withPort('postgres://postgres@127.0.0.1:5432/reelforge', 54321)).toBe(
      'postgres://postgres@127.0.0.1:54321/reelforge',
    );
    expect(withPort('redis://127.0.0.1:6379', 63790)).toBe('redis://127.0.0.1:63790');
  });

  it('never prints a password', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    expect(redactUrl('not a url')).toBe('(not a URL)');
  });
});

describe('probeTcp and findFreePort', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  const listen = (port = 0): Promise<number> =>
    new Promise((resolve, reject) => {
      const server = createServer();
      servers.push(server);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });

  it('tells an open port from a refused one', async () => {
    const port = await listen();
    expect(await probeTcp('127.0.0.1', port)).toBe('open');
    await new Promise((done) => servers.pop()?.close(done));
    expect(await probeTcp('127.0.0.1', port)).toBe('refused');
  });

  it('skips a taken port', async () => {
    const taken = await listen();
    const free = await findFreePort('127.0.0.1', taken, 5);
    expect(free).not.toBe(taken);
    expect(free).toBeGreaterThan(taken);
  });
});
