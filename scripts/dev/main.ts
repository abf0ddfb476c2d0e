// `npm run dev` (after the build): makes sure PostgreSQL, Redis and ffmpeg are there, starting an
// embedded PostgreSQL and a redis-server when the local defaults do not answer, migrates, then runs
// the API and the worker. Ctrl-C stops what this started, in order, and nothing else.
// The rules are in docs/running.md.
import { type AppConfig, ConfigError, loadAppConfig } from '@reelforge/config';
import { resolveMediaBinaries } from '@reelforge/media';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DevStartError } from './dev-start-error.js';
import { locatePostgresBinaries, startEmbeddedPostgres } from './embedded-postgres.js';
import { ensureEnvFile, readEnvFile, writeEnvValue } from './env-file.js';
import {
  findFreePort,
  postgresStandIn,
  probeTcp,
  redactUrl,
  redisStandIn,
  type StandIn,
  withPort,
} from './local-server.js';
import { manage, type ManagedProcess } from './managed-process.js';
import { findOnPath, NO_REDIS_SERVER_HINT, startRedisServer } from './redis-server.js';

const log = (message: string): void => console.log(`[dev] ${message}`);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, '.env.example'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json with .env.example above ${from}`);
  }
}

const REPO_ROOT = findRepoRoot(import.meta.dirname);
const entry = (app: string): string => join(REPO_ROOT, 'dist', app);

/** Where a stand-in's first port is looked for: stable per checkout, so two checkouts rarely meet. */
function preferredPort(base: number, cwd: string): number {
  return base + (createHash('sha256').update(cwd).digest().readUInt16BE(0) % 50);
}

type Plan =
  { kind: 'use'; url: string } | { kind: 'start'; url: string; standIn: Extract<StandIn, { possible: true }> };

async function planServer(
  name: 'DATABASE_URL' | 'REDIS_URL',
  what: string,
  url: string,
  standInFor: (url: string) => StandIn,
): Promise<Plan> {
  const parsed = new URL(url);
  const defaultPort = name === 'DATABASE_URL' ? 5432 : 6379;
  const port = parsed.port === '' ? defaultPort : Number(parsed.port);
  const reach = await probeTcp(parsed.hostname, port);
  if (reach === 'open') return { kind: 'use', url };
  const standIn = standInFor(url);
  if (reach === 'refused' && standIn.possible) return { kind: 'start', url, standIn };
  const why = reach === 'refused' ? 'nothing listens there' : `it cannot be reached (${reach.unreachable})`;
  const wayOut = standIn.possible
    ? ''
    : ` npm run dev starts ${what} of its own only for a local URL without credentials, and not for this one: ${standIn.reason}.`;
  throw new DevStartError(
    `${name} is ${redactUrl(url)}, and ${why}.${wayOut} Start that server, or correct ${name} in .env ` +
      `(remove the line to get the local default, which npm run dev can start for you).`,
  );
}

/**
 * An embedded PostgreSQL or redis-server from an earlier run that did not stop cleanly (kill -9).
 * `portLine` is the pid file's line holding the port (Postgres's postmaster.pid has it on line 4).
 */
function leftoverNote(pidFile: string, what: string, port: number, portLine: number | null, stop: string): void {
  if (!existsSync(pidFile)) return;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (portLine !== null && Number(lines[portLine - 1]) !== port) return;
  try {
    process.kill(pid, 0);
  } catch {
    return;
  }
  const where = `./${relative(process.cwd(), dirname(pidFile))}`;
  const state =
    portLine === null
      ? `A ${what} with its data in ${where}, left running by an earlier npm run dev (pid ${pid}), is still running`
      : `The ${what} answering there is the one in ${where}, left running by an earlier npm run dev (pid ${pid})`;
  log(`${state}. This run did not start it and will not stop it: ${stop.replace('PID', String(pid))}`);
}

class DevRunner {
  private readonly infra: ManagedProcess[] = [];
  private readonly apps: ManagedProcess[] = [];
  private stopping: Promise<void> | null = null;
  private firstSignalAtMs = 0;
  private appGraceMs = 45_000;

  constructor(private readonly cwd: string) {}

  onSignal(signal: NodeJS.Signals): void {
    if (this.stopping === null) {
      this.firstSignalAtMs = Date.now();
      log(`${signal}: stopping what npm run dev started`);
      void this.shutdown(0);
      return;
    }
    // npm forwards the terminal's SIGINT too, so a second signal at once is the same Ctrl-C.
    if (Date.now() - this.firstSignalAtMs < 1_000) return;
    log(`${signal} again: killing the API and worker now`);
    for (const app of this.apps) if (app.isRunning()) process.kill(app.pid, 'SIGKILL');
  }

  async run(): Promise<void> {
    const envPath = join(this.cwd, '.env');
    if (ensureEnvFile(envPath, join(REPO_ROOT, '.env.example'))) log('Created .env from .env.example');
    // The real environment wins over .env, as in the apps (loadDotEnv).
    const env: Record<string, string | undefined> = { ...readEnvFile(envPath), ...process.env };
    let config: AppConfig;
    try {
      config = loadAppConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) throw new DevStartError(`${error.message}\n(set these in .env)`);
      throw error;
    }
    this.appGraceMs = config.worker.shutdownGraceMs + 15_000;

    let media;
    try {
      media = resolveMediaBinaries({ ffmpegPath: config.media.ffmpegPath, ffprobePath: config.media.ffprobePath });
    } catch (error) {
      throw new DevStartError(
        `${(error as Error).message}. Install it: \`apt-get install ffmpeg\` (Debian/Ubuntu), \`brew install ffmpeg\` ` +
          '(macOS), or set FFMPEG_PATH and FFPROBE_PATH in .env.',
      );
    }
    log(`ffmpeg: ${media.ffmpegPath} (${media.ffmpegSource}); ffprobe: ${media.ffprobePath} (${media.ffprobeSource})`);

    // Decide everything before starting anything, so a missing piece stops us with nothing to undo.
    const db = await planServer('DATABASE_URL', 'a PostgreSQL', config.db.url, postgresStandIn);
    const redis = await planServer('REDIS_URL', 'a redis-server', config.redis.url, redisStandIn);
    const redisBinary = redis.kind === 'start' ? findOnPath('redis-server') : null;
    if (redis.kind === 'start' && redisBinary === null) {
      throw new DevStartError(`Nothing answers at REDIS_URL (${redactUrl(redis.url)}). ${NO_REDIS_SERVER_HINT}`);
    }
    const pgBinaries = db.kind === 'start' ? await locatePostgresBinaries() : null;
    const dataDir = join(this.cwd, 'data');
    const overrides: Record<string, string> = { DATABASE_URL: config.db.url, REDIS_URL: config.redis.url };

    if (db.kind === 'use') {
      log(`PostgreSQL: using the one at DATABASE_URL (${redactUrl(db.url)})`);
      const port = Number(new URL(db.url).port || 5432);
      leftoverNote(join(dataDir, 'postgres', 'postmaster.pid'), 'PostgreSQL', port, 4, 'kill -INT PID');
    } else if (pgBinaries) {
      const { host } = db.standIn;
      const port = db.standIn.choosePort ? await findFreePort(host, preferredPort(54320, this.cwd)) : db.standIn.port;
      const url = withPort(db.url, port);
      log(
        `Nothing answers at DATABASE_URL (${redactUrl(db.url)}): starting the embedded PostgreSQL ` +
          `${pgBinaries.majorVersion} on ${host}:${port}, data in ./data/postgres, log in ./data/postgres.log`,
      );
      await startEmbeddedPostgres({
        binaries: pgBinaries,
        dataDir: join(dataDir, 'postgres'),
        logPath: join(dataDir, 'postgres.log'),
        host,
        port,
        onSpawn: (server) => this.infra.push(server),
      });
      overrides.DATABASE_URL = url;
      this.remember(
        envPath,
        'DATABASE_URL',
        url,
        'The embedded PostgreSQL that npm run dev starts (data in ./data/postgres).',
      );
    }
    if (this.stopping) return;

    if (redis.kind === 'use') {
      log(`Redis: using the one at REDIS_URL (${redactUrl(redis.url)})`);
      leftoverNote(join(dataDir, 'redis', 'redis.pid'), 'redis-server', 0, null, 'kill PID');
    } else if (redisBinary) {
      const { host } = redis.standIn;
      const port = redis.standIn.choosePort
        ? await findFreePort(host, preferredPort(63790, this.cwd))
        : redis.standIn.port;
      const url = withPort(redis.url, port);
      log(
        `Nothing answers at REDIS_URL (${redactUrl(redis.url)}): starting ${redisBinary} on ${host}:${port}, ` +
          'data in ./data/redis, log in ./data/redis.log',
      );
      await startRedisServer({
        binary: redisBinary,
        dataDir: join(dataDir, 'redis'),
        logPath: join(dataDir, 'redis.log'),
        host,
        port,
        onSpawn: (server) => this.infra.push(server),
      });
      overrides.REDIS_URL = url;
      this.remember(envPath, 'REDIS_URL', url, 'The redis-server that npm run dev starts (data in ./data/redis).');
    }
    if (this.stopping) return;

    const childEnv = { ...process.env, ...overrides };
    const migrate = this.spawnApp('migrations', entry('libs/db/src/cli/migrate.js'), childEnv);
    const migrated = await new Promise<number | null>((resolve) => migrate.once('exit', (code) => resolve(code)));
    if (this.stopping) return;
    if (migrated !== 0) {
      throw new DevStartError(`Migrations failed (above) against DATABASE_URL (${redactUrl(overrides.DATABASE_URL)}).`);
    }

    for (const app of ['api', 'worker'] as const) {
      const child = this.spawnApp(app, entry(`apps/${app}/src/main.js`), childEnv);
      child.once('exit', (code, signal) => {
        if (this.stopping) return;
        log(`${app} exited (${signal ?? code}); stopping the rest`);
        void this.shutdown(code === 0 ? 1 : (code ?? 1));
      });
    }
  }

  /** Writes a chosen URL to .env so the next run, and the apps, find the same server and data. */
  private remember(envPath: string, key: 'DATABASE_URL' | 'REDIS_URL', url: string, note: string): void {
    if (process.env[key] !== undefined) {
      log(
        `${key} is set in the environment, which wins over .env: this run uses ${redactUrl(url)}; .env is left as it is`,
      );
      return;
    }
    if (writeEnvValue(envPath, key, url, note)) log(`Wrote ${key}=${redactUrl(url)} to .env`);
  }

  /**
   * Node children in a process group of their own: the terminal's Ctrl-C reaches only us, and we
   * send each exactly one SIGTERM (Nest stops handling signals after the first, so a second one
   * would cut the worker's graceful shutdown short).
   */
  private spawnApp(name: string, script: string, env: NodeJS.ProcessEnv): ReturnType<typeof spawn> {
    const child = spawn(process.execPath, [script], { cwd: this.cwd, env, stdio: 'inherit', detached: true });
    this.apps.push(manage(name, child));
    return child;
  }

  shutdown(code: number): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.apps.map((app) => app.stop('SIGTERM', this.appGraceMs)));
      // Redis before Postgres: the reverse of the start order. SIGINT is Postgres's fast shutdown
      // (clients are gone by now); SIGQUIT, its immediate one, only if that hangs.
      for (const server of [...this.infra].reverse()) {
        if (!server.isRunning()) continue;
        const postgres = server.name === 'postgres';
        await server.stop(postgres ? 'SIGINT' : 'SIGTERM', 30_000, postgres ? 'SIGQUIT' : 'SIGKILL');
        log(`Stopped ${server.name} (pid ${server.pid})`);
      }
      process.exit(code);
    })();
    return this.stopping;
  }
}

const runner = new DevRunner(process.cwd());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => runner.onSignal(signal));
runner.run().catch(async (error: unknown) => {
  console.error(error instanceof DevStartError ? `\n[dev] ${error.message}\n` : error);
  await runner.shutdown(1);
});
