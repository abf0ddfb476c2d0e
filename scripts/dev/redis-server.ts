import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { delimiter, isAbsolute, join } from 'node:path';
import { DevStartError } from './dev-start-error.js';
import { isLoopbackHost, listenHost } from './local-server.js';
import { logTail, manage, type ManagedProcess, openLog, sleep } from './managed-process.js';

const READY_TIMEOUT_MS = 20_000;

/** An executable named `name` in an absolute PATH entry, or null. */
export function findOnPath(name: string, pathEnv = process.env.PATH ?? ''): string | null {
  for (const dir of pathEnv.split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

export const NO_REDIS_SERVER_HINT =
  'Redis cannot be embedded in Node, and there is no redis-server on PATH to start. Either install it ' +
  '(`apt-get install redis-server`, or `brew install redis`) and run npm run dev again, or start the one ' +
  'in docker-compose.yml with `docker compose up -d redis` (it listens on 127.0.0.1:6379; set ' +
  'REDIS_URL=redis://127.0.0.1:6379 in .env).';

/** `redis-server` answers PING with +PONG once it accepts commands (it is loading the AOF until then). */
function ping(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.connect({ host: listenHost(host), port }, () => socket.write('PING\r\n'));
  });
}

export interface RedisServerOptions {
  binary: string;
  dataDir: string;
  logPath: string;
  host: string;
  port: number;
  /** Called as soon as the process exists, so a Ctrl-C during start-up still stops it. */
  onSpawn(server: ManagedProcess): void;
}

/**
 * Starts redis-server on loopback with its data in `dataDir`. Append-only persistence keeps the
 * queues across restarts, as in docker-compose.yml; noeviction because a queue must never lose keys.
 */
export async function startRedisServer(opts: RedisServerOptions): Promise<ManagedProcess> {
  const { binary, dataDir, logPath, host, port } = opts;
  mkdirSync(dataDir, { recursive: true });
  // "localhost" is both loopback families; "-" makes ::1 optional where IPv6 is off.
  const bind = host === 'localhost' ? '127.0.0.1 -::1' : listenHost(host);
  if (!isLoopbackHost(host)) throw new DevStartError(`Will not start redis-server on ${host}: loopback only`);
  const log = openLog(logPath);
  // Detached, like Postgres: it must outlive the worker's shutdown, so Ctrl-C reaches it through us.
  const child = spawn(
    binary,
    [
      ...['--port', String(port), '--bind', bind, '--protected-mode', 'yes', '--dir', dataDir],
      ...['--pidfile', join(dataDir, 'redis.pid')],
      ...['--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
    ],
    { detached: true, stdio: ['ignore', log.fd, log.fd] },
  );
  log.close();
  const server = manage('redis-server', child);
  opts.onSpawn(server);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!server.isRunning()) {
      throw new DevStartError(
        `redis-server exited while starting. Its log (${logPath}):\n${logTail(logPath, log.offset)}`,
      );
    }
    if (await ping(host, port)) return server;
    if (Date.now() > deadline) {
      await server.stop('SIGKILL', 1_000);
      throw new DevStartError(
        `redis-server did not answer within ${READY_TIMEOUT_MS / 1000} s. Its log (${logPath}):\n${logTail(logPath, log.offset)}`,
      );
    }
    await sleep(100);
  }
}
