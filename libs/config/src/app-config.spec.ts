import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadAppConfig } from './app-config.js';

const MASTER_KEY = 'a-master-key-of-32-characters!!!';
const existingFile = fileURLToPath(import.meta.url);

/** Runs loadAppConfig and returns its problems, failing the test if it did not throw a ConfigError. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('loadAppConfig accepted the environment');
}

describe(loadAppConfig.name, () => {
  it('fills every default when only MASTER_KEY is set', () => {
    expect(loadAppConfig({ MASTER_KEY })).toEqual({
      api: { port: 3000, trustProxy: false },
      db: { url: 'postgres://postgres@127.0.0.1:5432/reelforge' },
      redis: { url: 'redis://127.0.0.1:6379' },
      queue: { prefix: 'reelforge', lockMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 2 },
      auth: { masterKey: MASTER_KEY, masterIps: [] },
      net: { allowCidrs: [], importTimeoutMs: 600_000 },
      webhooks: { backoffBaseMs: 30_000, retryWindowMs: 24 * 3_600_000, timeoutMs: 10_000 },
      storage: { mediaRoot: resolve('./data') },
      assets: { dir: resolve('./assets') },
      media: {
        ffmpegPath: undefined,
        ffprobePath: undefined,
        probeTimeoutMs: 15_000,
        jobTimeoutMs: 1_800_000,
        maxUploadBytes: 2 * 1024 ** 3,
        maxDurationSec: 4 * 3600,
        maxPixels: 4096 * 3072,
      },
      worker: {
        concurrency: 2,
        shutdownGraceMs: 30_000,
        tenantCapDelayMs: 2_000,
        reconcileIntervalMs: 30_000,
        reconcileMinAgeMs: 10_000,
        sweepIntervalMs: 900_000,
        sweepMinAgeMs: 3_600_000,
        breakerThreshold: 5,
        breakerPauseMs: 30_000,
      },
      observability: {
        logLevel: 'info',
        logFormat: 'json',
        metricsToken: null,
        workerMetricsPort: null,
        workerMetricsHost: '0.0.0.0',
        corsOrigins: [],
        adminSessionTtlSec: 900,
      },
      transcribe: {
        provider: null,
        whisperBin: undefined,
        whisperModel: undefined,
        url: undefined,
        apiKey: null,
        model: 'whisper-1',
        timeoutMs: 600_000,
        maxDurationSec: 600,
      },
    });
  });

  it('reads every variable it is given', () => {
    const mediaRoot = mkdtempSync(join(tmpdir(), 'reelforge-config-'));
    const config = loadAppConfig({
      MASTER_KEY: `  ${MASTER_KEY}  `,
      MASTER_IPS: '127.0.0.1, ::1 ,,10.0.0.2',
      PORT: ' 8080 ',
      TRUST_PROXY: 'Yes',
      DATABASE_URL: 'postgresql://u:p@db:5432/rf',
      REDIS_URL: 'rediss://cache:6380',
      QUEUE_PREFIX: 'rf-prod.1',
      MEDIA_ROOT: mediaRoot,
      FFMPEG_PATH: existingFile,
      FFPROBE_PATH: existingFile,
      PROBE_TIMEOUT_MS: '100',
      MAX_UPLOAD_BYTES: '1',
      WORKER_CONCURRENCY: '64',
    });
    expect(config).toMatchObject({
      api: { port: 8080, trustProxy: true },
      db: { url: 'postgresql://u:p@db:5432/rf' },
      redis: { url: 'rediss://cache:6380' },
      queue: { prefix: 'rf-prod.1' },
      auth: { masterKey: MASTER_KEY, masterIps: ['127.0.0.1', '::1', '10.0.0.2'] },
      storage: { mediaRoot },
      media: { ffmpegPath: existingFile, ffprobePath: existingFile, probeTimeoutMs: 100, maxUploadBytes: 1 },
      worker: { concurrency: 64 },
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only spaces', ' '.repeat(20)],
    ['shorter than 16 characters', 'fifteen-chars!!'],
  ])('refuses a MASTER_KEY that is %s, naming the variable', (_name, value) => {
    const problems = problemsOf({ MASTER_KEY: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^MASTER_KEY /);
  });

  it('reports several bad variables together, each by name', () => {
    const problems = problemsOf({
      PORT: 'abc',
      REDIS_URL: 'http://cache:6379',
      MASTER_IPS: 'localhost',
      WORKER_CONCURRENCY: '0',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'MASTER_IPS',
      'MASTER_KEY',
      'PORT',
      'REDIS_URL',
      'WORKER_CONCURRENCY',
    ]);
  });

  it('puts every problem in the error message', () => {
    expect(() => loadAppConfig({ PORT: '0' })).toThrow(/MASTER_KEY[\s\S]*PORT must be an integer from 1 to 65535/);
  });

  it.each([
    ['text', 'abc'],
    ['zero', '0'],
    ['above 65535', '65536'],
    ['negative', '-1'],
    ['fractional', '80.5'],
    ['an exponent', '8e3'],
    ['hexadecimal', '0x50'],
  ])('refuses a PORT that is %s', (_name, port) => {
    expect(problemsOf({ MASTER_KEY, PORT: port })).toEqual([expect.stringMatching(/^PORT must be an integer/)]);
  });

  it.each([
    ['a host name', 'localhost'],
    ['a CIDR range', '10.0.0.0/8'],
    ['an address with a port', '127.0.0.1:80'],
    ['one bad entry among good ones', '127.0.0.1,not-an-ip'],
  ])('refuses MASTER_IPS holding %s', (_name, ips) => {
    expect(problemsOf({ MASTER_KEY, MASTER_IPS: ips })).toEqual([
      expect.stringMatching(/^MASTER_IPS holds ".*", which is not an IP address$/),
    ]);
  });

  it.each(['FFMPEG_PATH', 'FFPROBE_PATH'])('refuses a %s that points at a missing file', (name) => {
    const missing = join(tmpdir(), 'reelforge-no-such-dir', 'ffmpeg');
    expect(problemsOf({ MASTER_KEY, [name]: missing })).toEqual([
      `${name} points at "${missing}", which is not a file`,
    ]);
  });

  it('refuses an FFMPEG_PATH that is a directory', () => {
    expect(problemsOf({ MASTER_KEY, FFMPEG_PATH: tmpdir() })).toEqual([
      `FFMPEG_PATH points at "${tmpdir()}", which is not a file`,
    ]);
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/rf'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://cache'],
    ['TRUST_PROXY', 'maybe'],
    ['QUEUE_PREFIX', 'has spaces'],
    ['QUEUE_PREFIX', 'x'.repeat(65)],
    ['PROBE_TIMEOUT_MS', '99'],
    ['MAX_UPLOAD_BYTES', '0'],
    ['MAX_UPLOAD_BYTES', '9'.repeat(20)],
    ['WORKER_CONCURRENCY', '65'],
    ['MEDIA_ROOT', 'data\0evil'],
    ['NET_ALLOW_CIDRS', 'localhost/8'],
    ['NET_ALLOW_CIDRS', '127.0.0.1/33'],
    ['NET_ALLOW_CIDRS', '10.0.0.0/8,fc00::/x'],
    ['WEBHOOK_BACKOFF_BASE_MS', '0'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_FORMAT', 'xml'],
    ['METRICS_TOKEN', 'too-short'],
    ['WORKER_METRICS_PORT', '70000'],
    ['WORKER_METRICS_HOST', 'metrics.local'],
    ['CORS_ORIGINS', 'https://editor.example.com/'],
    ['CORS_ORIGINS', 'https://editor.example.com/app'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'ftp://files.example.com'],
    ['ADMIN_SESSION_TTL_SEC', '5'],
  ])('refuses %s=%j', (name, value) => {
    expect(problemsOf({ MASTER_KEY, [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
  });

  it('treats empty numeric variables as unset', () => {
    expect(loadAppConfig({ MASTER_KEY, PORT: '', WORKER_CONCURRENCY: '  ' })).toMatchObject({
      api: { port: 3000 },
      worker: { concurrency: 2 },
    });
  });

  it('reads NET_ALLOW_CIDRS as a list of ranges', () => {
    expect(loadAppConfig({ MASTER_KEY, NET_ALLOW_CIDRS: ' 127.0.0.1/32, ::1 ,10.0.0.0/8' }).net.allowCidrs).toEqual([
      '127.0.0.1/32',
      '::1',
      '10.0.0.0/8',
    ]);
  });

  it('reads the observability block: log level and format, metrics, CORS origins', () => {
    expect(
      loadAppConfig({
        MASTER_KEY,
        LOG_LEVEL: 'DEBUG',
        LOG_FORMAT: 'pretty',
        METRICS_TOKEN: ' a-scrape-token-0123456789 ',
        WORKER_METRICS_PORT: '0',
        WORKER_METRICS_HOST: '127.0.0.1',
        CORS_ORIGINS: 'https://editor.example.com, http://localhost:5173',
      }).observability,
    ).toEqual({
      logLevel: 'debug',
      logFormat: 'pretty',
      metricsToken: 'a-scrape-token-0123456789',
      workerMetricsPort: 0,
      workerMetricsHost: '127.0.0.1',
      corsOrigins: ['https://editor.example.com', 'http://localhost:5173'],
      adminSessionTtlSec: 900,
    });
  });
});
