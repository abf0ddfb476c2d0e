import { type AppConfig, loadAppConfig } from '@reelforge/config';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

export const TEST_MASTER_KEY = 'test-master-key-0123456789abcdef';

/**
 * A config for one suite: its own media root and its own Redis key prefix, so suites never see
 * each other's queues, rate-limit counters or files. The database is the shared test database.
 */
export function testConfig(overrides: (config: AppConfig) => void = () => undefined): AppConfig {
  const config = loadAppConfig({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    MASTER_KEY: TEST_MASTER_KEY,
    MEDIA_ROOT: mkdtempSync(join(tmpdir(), 'reelforge-media-')),
    QUEUE_PREFIX: `rf-test-${randomUUID().slice(0, 8)}`,
    WORKER_CONCURRENCY: '2',
    // Suites share one database: a reconciler would re-enqueue other suites' rows into its own queues.
    WORKER_RECONCILE_INTERVAL_MS: '0',
    FFMPEG_PATH: process.env.FFMPEG_PATH,
    FFPROBE_PATH: process.env.FFPROBE_PATH,
  });
  overrides(config);
  return config;
}
