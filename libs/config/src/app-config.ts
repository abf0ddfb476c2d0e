import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** See the comment at `maxPixels` below and docs/input-rules.md (worker memory per megapixel). */
export const DEFAULT_MAX_PIXELS = 4096 * 3072;
export interface AppConfig {
  api: { port: number; trustProxy: boolean };
  db: { url: string };
  redis: { url: string };
  queue: {
    prefix: string;
    /** Bull's job lock: a worker that stops renewing it (killed, frozen) loses the job after this long. */
    lockMs: number;
    /** How often Bull looks for jobs whose lock lapsed and hands them to another worker. */
    stalledIntervalMs: number;
    /** Lock lapses one job may survive; past it Bull fails the job without using its retries. */
    maxStalledCount: number;
  };
  auth: { masterKey: string; masterIps: string[] };
  net: {
    /** CIDRs server-side requests (webhooks, URL import) may reach although private; empty in production. */
    allowCidrs: string[];
    /** A URL import's whole download, redirects included; its size limit is media.maxUploadBytes. */
    importTimeoutMs: number;
  };
  webhooks: {
    /** Bull's exponential backoff base: the n-th retry waits (2^n - 1) x this. */
    backoffBaseMs: number;
    /** Retries stop once the next one would start later than this after the first attempt. */
    retryWindowMs: number;
    /** One delivery attempt, connect to last byte. */
    timeoutMs: number;
  };
  storage: { mediaRoot: string };
  assets: { dir: string };
  media: {
    ffmpegPath?: string;
    ffprobePath?: string;
    probeTimeoutMs: number;
    jobTimeoutMs: number;
    maxUploadBytes: number;
    maxDurationSec: number;
    maxPixels: number;
  };
  worker: {
    concurrency: number;
    /** SIGTERM: running jobs may finish within this; the rest are aborted and put back in the queue. */
    shutdownGraceMs: number;
    /** A job whose tenant is at its running cap waits this long before it is offered again. */
    tenantCapDelayMs: number;
    /** How often the leader re-enqueues rows whose Bull job Redis lost; 0 turns the reconciler off. */
    reconcileIntervalMs: number;
    /** A `queued` row younger than this may simply not be enqueued yet; the reconciler leaves it. */
    reconcileMinAgeMs: number;
    /** How often the leader removes orphaned temp and stored files. */
    sweepIntervalMs: number;
    /** Stored files younger than this are never swept: their row may be about to be committed. */
    sweepMinAgeMs: number;
    /** Consecutive transient failures of one kind (storage, database) that open the breaker. */
    breakerThreshold: number;
    /** How long an open breaker keeps the worker's queues paused. */
    breakerPauseMs: number;
  };
  observability: {
    logLevel: LogLevel;
    /** `pretty` is for a human at a terminal (needs the dev dependency pino-pretty); JSON lines otherwise. */
    logFormat: 'json' | 'pretty';
    /** Bearer token `/metrics` asks for (API and worker); null leaves it open, as Prometheus expects by default. */
    metricsToken: string | null;
    /** The worker's metrics listener; null: no listener. 0 picks a free port (tests). */
    workerMetricsPort: number | null;
    workerMetricsHost: string;
    /** Browser origins allowed to call the API (exact `scheme://host[:port]`); empty: CORS off. */
    corsOrigins: string[];
    /** Lifetime of the cookie that opens the queue dashboard in a browser. */
    adminSessionTtlSec: number;
  };
  transcribe: TranscribeConfig;
}

/** Captions from speech (POST /v1/assets/:id/transcribe); unconfigured, that route answers 501. */
export interface TranscribeConfig {
  /** Chosen by which settings are made: WHISPER_BIN + WHISPER_MODEL, or TRANSCRIBE_URL. */
  provider: 'whisper.cpp' | 'http' | null;
  whisperBin?: string;
  whisperModel?: string;
  /** An OpenAI-compatible base URL (`…/v1`) or the full `/audio/transcriptions` URL; operator config, not SSRF-checked. */
  url?: string;
  apiKey: string | null;
  /** Sent as `model` to the HTTP endpoint. */
  model: string;
  /** One provider call. */
  timeoutMs: number;
  /** Only this much of the audio is transcribed (16 kHz WAV: 600 s is 19 MB, under OpenAI's 25 MB). */
  maxDurationSec: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Env = Record<string, string | undefined>;

class EnvErrors {
  readonly problems: string[] = [];
  add(name: string, problem: string): void {
    this.problems.push(`${name} ${problem}`);
  }
}

function readInt(env: Env, errors: EnvErrors, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors.add(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function readUrl(env: Env, errors: EnvErrors, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name]?.trim() || fallback;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      errors.add(name, `must use ${protocols.join(' or ')} (got "${url.protocol}")`);
    }
  } catch {
    errors.add(name, `is not a valid URL`);
  }
  return raw;
}

function readBool(env: Env, errors: EnvErrors, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  errors.add(name, `must be true or false (got "${raw}")`);
  return fallback;
}

function readPath(env: Env, errors: EnvErrors, name: string, fallback?: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return fallback === undefined ? undefined : resolve(fallback);
  if (raw.includes('\0')) errors.add(name, 'contains a NUL byte');
  return resolve(raw);
}

/** Comma-separated `address/prefix` (or a bare address); checked here so a typo fails at boot. */
function readCidrList(env: Env, errors: EnvErrors, name: string): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    const [address = '', prefix, extra] = item.split('/');
    const bits = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : 0;
    const valid =
      bits > 0 && extra === undefined && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
    if (!valid) errors.add(name, `holds "${item}", which is not an address/prefix range`);
  }
  return items;
}

function readChoice<T extends string>(
  env: Env,
  errors: EnvErrors,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  errors.add(name, `must be one of ${choices.join(', ')} (got "${raw}")`);
  return fallback;
}

/** Comma-separated origins, each exactly what a browser sends in `Origin`: no path, no trailing slash. */
function readOriginList(env: Env, errors: EnvErrors, name: string): string[] {
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    let origin: string | null;
    try {
      const url = new URL(item);
      origin = ['http:', 'https:'].includes(url.protocol) ? url.origin : null;
    } catch {
      origin = null;
    }
    if (origin !== item) errors.add(name, `holds "${item}", which is not an origin like https://editor.example.com`);
  }
  return items;
}

function readTranscribe(env: Env, errors: EnvErrors): TranscribeConfig {
  const whisperBin = readPath(env, errors, 'WHISPER_BIN');
  const whisperModel = readPath(env, errors, 'WHISPER_MODEL');
  const rawUrl = env.TRANSCRIBE_URL?.trim();
  const url = rawUrl ? readUrl(env, errors, 'TRANSCRIBE_URL', rawUrl, ['http:', 'https:']) : undefined;
  for (const [name, path] of [
    ['WHISPER_BIN', whisperBin],
    ['WHISPER_MODEL', whisperModel],
  ] as const) {
    if (path && !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      errors.add(name, `points at "${path}", which is not a file`);
    }
  }
  if (Boolean(whisperBin) !== Boolean(whisperModel)) {
    errors.add(whisperBin ? 'WHISPER_MODEL' : 'WHISPER_BIN', 'is required with the other whisper.cpp setting');
  }
  if (whisperBin && url) {
    errors.add('TRANSCRIBE_URL', 'and WHISPER_BIN are both set; configure one transcription provider');
  }
  return {
    provider: whisperBin && whisperModel ? 'whisper.cpp' : url ? 'http' : null,
    whisperBin,
    whisperModel,
    url,
    apiKey: env.TRANSCRIBE_API_KEY?.trim() || null,
    model: env.TRANSCRIBE_MODEL?.trim() || 'whisper-1',
    timeoutMs: readInt(env, errors, 'TRANSCRIBE_TIMEOUT_MS', 600_000, 1_000, 24 * 3_600_000),
    maxDurationSec: readInt(env, errors, 'TRANSCRIBE_MAX_SEC', 600, 1, 48 * 3600),
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once. Every problem is reported together, each naming its
 * variable, so a bad deployment fails at boot with one readable message.
 */
export function loadAppConfig(env: Env = process.env): AppConfig {
  const errors = new EnvErrors();

  const masterKey = env.MASTER_KEY?.trim() ?? '';
  if (masterKey.length < 16) errors.add('MASTER_KEY', 'is required and must be at least 16 characters');

  const masterIps = (env.MASTER_IPS ?? '')
    .split(',')
    .map((ip) => ip.trim())
    .filter(Boolean);
  for (const ip of masterIps) {
    if (isIP(ip) === 0) errors.add('MASTER_IPS', `holds "${ip}", which is not an IP address`);
  }

  const queuePrefix = env.QUEUE_PREFIX?.trim() || 'reelforge';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queuePrefix)) errors.add('QUEUE_PREFIX', 'must be 1-64 of A-Z a-z 0-9 _ . -');

  const metricsToken = env.METRICS_TOKEN?.trim() ?? '';
  if (metricsToken !== '' && metricsToken.length < 16) {
    errors.add('METRICS_TOKEN', 'must be empty or at least 16 characters');
  }
  const workerMetricsPortRaw = env.WORKER_METRICS_PORT?.trim() ?? '';
  const observability: AppConfig['observability'] = {
    logLevel: readChoice(env, errors, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: readChoice(env, errors, 'LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
    metricsToken: metricsToken === '' ? null : metricsToken,
    workerMetricsPort: workerMetricsPortRaw === '' ? null : readInt(env, errors, 'WORKER_METRICS_PORT', 0, 0, 65535),
    workerMetricsHost: env.WORKER_METRICS_HOST?.trim() || '0.0.0.0',
    corsOrigins: readOriginList(env, errors, 'CORS_ORIGINS'),
    adminSessionTtlSec: readInt(env, errors, 'ADMIN_SESSION_TTL_SEC', 900, 10, 86_400),
  };
  if (isIP(observability.workerMetricsHost) === 0 && observability.workerMetricsHost !== 'localhost') {
    errors.add('WORKER_METRICS_HOST', `must be an IP address (got "${observability.workerMetricsHost}")`);
  }

  const config: AppConfig = {
    api: {
      port: readInt(env, errors, 'PORT', 3000, 1, 65535),
      trustProxy: readBool(env, errors, 'TRUST_PROXY', false),
    },
    db: {
      url: readUrl(env, errors, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/reelforge', [
        'postgres:',
        'postgresql:',
      ]),
    },
    redis: { url: readUrl(env, errors, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']) },
    queue: {
      prefix: queuePrefix,
      lockMs: readInt(env, errors, 'QUEUE_LOCK_MS', 30_000, 1_000, 3_600_000),
      stalledIntervalMs: readInt(env, errors, 'QUEUE_STALLED_INTERVAL_MS', 30_000, 500, 3_600_000),
      maxStalledCount: readInt(env, errors, 'QUEUE_MAX_STALLED_COUNT', 2, 0, 100),
    },
    auth: { masterKey, masterIps },
    net: {
      allowCidrs: readCidrList(env, errors, 'NET_ALLOW_CIDRS'),
      importTimeoutMs: readInt(env, errors, 'IMPORT_TIMEOUT_MS', 10 * 60_000, 1_000, 24 * 3_600_000),
    },
    webhooks: {
      backoffBaseMs: readInt(env, errors, 'WEBHOOK_BACKOFF_BASE_MS', 30_000, 10, 3_600_000),
      retryWindowMs: readInt(env, errors, 'WEBHOOK_RETRY_WINDOW_MS', 24 * 3_600_000, 0, 7 * 24 * 3_600_000),
      timeoutMs: readInt(env, errors, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    storage: { mediaRoot: readPath(env, errors, 'MEDIA_ROOT', './data') as string },
    assets: { dir: readPath(env, errors, 'ASSETS_DIR', './assets') as string },
    media: {
      ffmpegPath: readPath(env, errors, 'FFMPEG_PATH'),
      ffprobePath: readPath(env, errors, 'FFPROBE_PATH'),
      probeTimeoutMs: readInt(env, errors, 'PROBE_TIMEOUT_MS', 15_000, 100, 600_000),
      jobTimeoutMs: readInt(env, errors, 'JOB_TIMEOUT_MS', 30 * 60_000, 1_000, 24 * 3_600_000),
      maxUploadBytes: readInt(env, errors, 'MAX_UPLOAD_BYTES', 2 * 1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
      maxDurationSec: readInt(env, errors, 'MAX_DURATION_SEC', 4 * 3600, 1, 48 * 3600),
      // 4096x3072 (12.6 MP): DCI 4K video and 12 MP phone photos. An encoding job peaks near
      // 100 MB + 110 MB per megapixel of frame (docs/input-rules.md), so two such jobs fit a 4 GiB worker.
      maxPixels: readInt(env, errors, 'MAX_PIXELS', DEFAULT_MAX_PIXELS, 1, 32768 * 32768),
    },
    worker: {
      concurrency: readInt(env, errors, 'WORKER_CONCURRENCY', 2, 1, 64),
      shutdownGraceMs: readInt(env, errors, 'WORKER_SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
      tenantCapDelayMs: readInt(env, errors, 'WORKER_TENANT_CAP_DELAY_MS', 2_000, 100, 600_000),
      reconcileIntervalMs: readInt(env, errors, 'WORKER_RECONCILE_INTERVAL_MS', 30_000, 0, 3_600_000),
      reconcileMinAgeMs: readInt(env, errors, 'WORKER_RECONCILE_MIN_AGE_MS', 10_000, 0, 3_600_000),
      sweepIntervalMs: readInt(env, errors, 'WORKER_SWEEP_INTERVAL_MS', 15 * 60_000, 1_000, 24 * 3_600_000),
      sweepMinAgeMs: readInt(env, errors, 'WORKER_SWEEP_MIN_AGE_MS', 3_600_000, 0, 7 * 24 * 3_600_000),
      breakerThreshold: readInt(env, errors, 'WORKER_BREAKER_THRESHOLD', 5, 1, 1_000),
      breakerPauseMs: readInt(env, errors, 'WORKER_BREAKER_PAUSE_MS', 30_000, 100, 3_600_000),
    },
    observability,
    transcribe: { provider: null, apiKey: null, model: 'whisper-1', timeoutMs: 600_000, maxDurationSec: 600 },
  };

  config.transcribe = readTranscribe(env, errors);

  for (const name of ['FFMPEG_PATH', 'FFPROBE_PATH'] as const) {
    const path = name === 'FFMPEG_PATH' ? config.media.ffmpegPath : config.media.ffprobePath;
    if (path && !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      errors.add(name, `points at "${path}", which is not a file`);
    }
  }

  if (errors.problems.length > 0) throw new ConfigError(errors.problems);
  return config;
}

/**
 * Loads `.env` from the working directory into process.env when present, without overriding
 * variables already set: the deployment's environment wins over the file.
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
