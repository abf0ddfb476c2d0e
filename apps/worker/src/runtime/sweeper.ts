import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { AssetEntity, VariantEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, type EntityManager, Like } from 'typeorm';
import { every, LeaderLock, runAsLeader } from './leader.js';

/** Temp entries get this much longer than the job timeout: a job killed at its limit still cleans up itself. */
const TEMP_MARGIN_MS = 10 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `<uuid>` or `<uuid>.<ext>`: the only names we create; anything else is not ours to delete. */
const OUR_ENTRY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.[a-z0-9]{1,8})?$/;

export interface SweepReport {
  tempRemoved: string[];
  storedRemoved: string[];
}

/**
 * Removes what no row will ever claim: temp entries older than the longest job (a worker killed
 * mid-render leaves its partial output), and stored files under assets/ and variants/ with no row
 * (a commit whose transaction never landed, a deleted asset's variants). Stored files younger than
 * WORKER_SWEEP_MIN_AGE_MS are left alone: their row may be committing right now.
 */
@Injectable()
export class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Sweeper.name);
  private stop: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: LocalStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = every(this.config.worker.sweepIntervalMs, 'Sweeper', async () => {
      await this.sweepOnce();
    });
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  async sweepOnce(nowMs = Date.now()): Promise<SweepReport> {
    const outcome = await runAsLeader(this.dataSource, LeaderLock.Sweeper, (manager) => this.sweep(manager, nowMs));
    if (!outcome.led) return { tempRemoved: [], storedRemoved: [] };
    const { tempRemoved, storedRemoved } = outcome.result;
    if (tempRemoved.length + storedRemoved.length > 0) {
      this.logger.log(`Swept ${tempRemoved.length} temp and ${storedRemoved.length} orphaned stored entries`);
    }
    return outcome.result;
  }

  private async sweep(manager: EntityManager, nowMs: number): Promise<SweepReport> {
    const report: SweepReport = { tempRemoved: [], storedRemoved: [] };
    const tempCutoffMs = nowMs - (this.config.media.jobTimeoutMs + TEMP_MARGIN_MS);
    const tmp = join(this.storage.root, 'tmp');
    for (const name of await listDir(tmp)) {
      const path = join(tmp, name);
      if ((await mtimeMs(path)) < tempCutoffMs) {
        await rm(path, { recursive: true, force: true });
        report.tempRemoved.push(name);
      }
    }

    const storedCutoffMs = nowMs - this.config.worker.sweepMinAgeMs;
    for (const area of ['assets', 'variants'] as const) {
      for (const tenantId of await listDir(join(this.storage.root, area))) {
        if (!UUID.test(tenantId)) continue;
        const entries = (await listDir(join(this.storage.root, area, tenantId))).filter((name) => OUR_ENTRY.test(name));
        if (entries.length === 0) continue;
        const claimed = await this.claimedEntries(manager, area, tenantId);
        for (const name of entries) {
          const key = `${area}/${tenantId}/${name}`;
          if (claimed.has(name) || (await mtimeMs(this.storage.pathOf(key))) >= storedCutoffMs) continue;
          await this.storage.remove(key);
          report.storedRemoved.push(key);
        }
      }
    }
    return report;
  }

  /** Entry names directly under `<area>/<tenant>/` that some row's storage key lives in or is. */
  private async claimedEntries(
    manager: EntityManager,
    area: 'assets' | 'variants',
    tenantId: string,
  ): Promise<Set<string>> {
    const entity = area === 'assets' ? AssetEntity : VariantEntity;
    const rows = await manager.find(entity, {
      where: { storageKey: Like(`${area}/${tenantId}/%`) },
      select: { storageKey: true },
    });
    return new Set(rows.map((row) => row.storageKey.split('/')[2]));
  }
}

async function listDir(path: string): Promise<string[]> {
  return readdir(path).catch(() => []);
}

/** +Infinity when the entry vanished meanwhile, so it is never "old". */
async function mtimeMs(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => Number.POSITIVE_INFINITY,
  );
}
