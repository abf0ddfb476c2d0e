import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { MediaTools } from '@reelforge/media/nest';
import { type Redis } from 'ioredis';
import { statfs } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { InjectRedis } from '../auth/redis.provider.js';

export interface CheckResult {
  ok: boolean;
  detail?: string;
}

/** Below this, uploads and renders would start failing part-way. */
const MIN_FREE_DISK_BYTES = 1024 ** 3;
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${CHECK_TIMEOUT_MS}ms`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

async function check(what: string, run: () => Promise<string | undefined>): Promise<CheckResult> {
  try {
    const detail = await withTimeout(run(), what);
    return detail === undefined ? { ok: true } : { ok: true, detail };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export interface HealthReport {
  ok: boolean;
  checks: Record<'db' | 'redis' | 'ffmpeg' | 'disk', CheckResult>;
  /** What each live worker published; null when Redis did not answer in time. */
  workers: Array<Record<string, unknown>> | null;
}

/** The readiness checks, shared by the public probe (names only) and the admin view (everything). */
@Injectable()
export class HealthService {
  private versions: Promise<{ ffmpeg: string; ffprobe: string }> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(): Promise<HealthReport> {
    const [db, redis, ffmpeg, disk] = await Promise.all([
      check('database', async () => {
        await this.dataSource.query('SELECT 1');
        return undefined;
      }),
      check('redis', async () => {
        await this.redis.ping();
        return undefined;
      }),
      check('ffmpeg', async () => {
        const pending = (this.versions ??= this.media.versions());
        const versions = await pending.catch((error: unknown) => {
          this.versions = null;
          throw error;
        });
        return `${versions.ffmpeg}; ${versions.ffprobe}`;
      }),
      check('disk', async () => {
        const stats = await statfs(this.config.storage.mediaRoot);
        const freeBytes = stats.bavail * stats.bsize;
        if (freeBytes < MIN_FREE_DISK_BYTES) throw new Error(`only ${freeBytes} bytes free under MEDIA_ROOT`);
        return `${Math.floor(freeBytes / 1024 ** 2)} MiB free`;
      }),
    ]);
    const checks = { db, redis, ffmpeg, disk };
    // Reported, not gating: a worker's open breaker must not take this API out of rotation.
    const workers = await withTimeout(this.workerStatuses(), 'worker status').catch(() => null);
    return { ok: Object.values(checks).every((c) => c.ok), checks, workers };
  }

  /**
   * What each live worker published under `<prefix>:workers:<host>:<pid>` (see the worker's
   * WorkerStatus): `ready` false with `pausedFor` while its circuit breaker is open or it drains.
   */
  private async workerStatuses(): Promise<Array<Record<string, unknown>>> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.config.queue.prefix}:workers:*`,
        'COUNT',
        100,
      );
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0' && keys.length < 1_000);
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys);
    return values.flatMap((value) => {
      if (value === null) return [];
      try {
        return [JSON.parse(value) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }
}
