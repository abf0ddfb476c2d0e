import { createServer, Socket } from 'node:net';

/**
 * What `npm run dev` may do about one server URL (DATABASE_URL or REDIS_URL) that nothing answers:
 * stand in for it on this machine, or stop and say why it cannot.
 */
export type StandIn =
  { possible: true; host: string; port: number; choosePort: boolean } | { possible: false; reason: string };

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The host as a listener takes it: URL hosts keep IPv6 brackets, listen addresses do not. */
export function listenHost(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/**
 * Postgres: a local, passwordless URL for the `postgres` superuser (the shape of the default in
 * `.env.example`) is one the embedded server can be; anything else names a server someone set up on
 * purpose, and starting a different one in its place would hide the mistake. The stock port 5432 is
 * not reused: a system PostgreSQL installed or started later would collide with it, so a free port
 * is chosen and written to `.env` instead.
 */
export function postgresStandIn(databaseUrl: string): StandIn {
  const url = new URL(databaseUrl);
  const port = url.port === '' ? 5432 : Number(url.port);
  if (!isLoopbackHost(url.hostname)) {
    return { possible: false, reason: `it names another machine (${url.hostname})` };
  }
  if (decodeURIComponent(url.username || 'postgres') !== 'postgres' || url.password !== '') {
    return {
      possible: false,
      reason: 'it names a user or password of its own (the embedded server has only "postgres", no password)',
    };
  }
  if (url.searchParams.size > 0) {
    return { possible: false, reason: 'it carries connection options' };
  }
  return { possible: true, host: url.hostname, port, choosePort: port === 5432 };
}

/** Redis: the same rule, for a local URL without credentials; the stock port 6379 is not reused. */
export function redisStandIn(redisUrl: string): StandIn {
  const url = new URL(redisUrl);
  const port = url.port === '' ? 6379 : Number(url.port);
  if (url.protocol !== 'redis:') return { possible: false, reason: `it uses ${url.protocol} (TLS)` };
  if (!isLoopbackHost(url.hostname)) return { possible: false, reason: `it names another machine (${url.hostname})` };
  if (url.username !== '' || url.password !== '') return { possible: false, reason: 'it carries credentials' };
  return { possible: true, host: url.hostname, port, choosePort: port === 6379 };
}

export function withPort(serverUrl: string, port: number): string {
  const url = new URL(serverUrl);
  url.port = String(port);
  return url.toString();
}

/** The URL without its password, for messages. */
export function redactUrl(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}

export type Reachability = 'open' | 'refused' | { unreachable: string };

/**
 * Whether something listens at host:port. "refused" is the one answer that means nothing is there:
 * a timeout or a DNS failure means we cannot tell, and a stand-in must not be started on a guess.
 */
export function probeTcp(host: string, port: number, timeoutMs = 3_000): Promise<Reachability> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: Reachability): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ unreachable: `no answer within ${timeoutMs} ms` }));
    socket.once('connect', () => done('open'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'refused' : { unreachable: error.code ?? error.message }),
    );
    socket.connect({ host: listenHost(host), port });
  });
}

export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: listenHost(host), port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port from `first` on, trying `count` ports: a stable, recognisable number when possible. */
export async function findFreePort(host: string, first: number, count = 100): Promise<number> {
  for (let port = first; port < first + count; port++) {
    if (await isPortFree(host, port)) return port;
  }
  throw new Error(`No free port on ${host} from ${first} to ${first + count - 1}`);
}
