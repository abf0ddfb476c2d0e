import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { AssetEntity, VariantEntity } from '@reelforge/db';
import { ObjectStorage, Scratch } from '@reelforge/storage';
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
 * Removes what no row will ever claim: scratch entries older than the longest job (a worker killed
 * mid-render leaves its partial output), and stored objects under assets/ and variants/ with no row
 * (a commit whose transaction never landed, a deleted asset's variants). Stored files younger than
 * WORKER_SWEEP_MIN_AGE_MS are left alone: their row may be committing right now.
 */
@Injectable()
export class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Sweeper.name);
  private stop: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: ObjectStorage,
    private readonly scratch: Scratch,
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

  /**
   * Scratch entries are this machine's own, so every worker sweeps its scratch; stored objects are
   * shared, so only the leader sweeps them.
   */
  async sweepOnce(nowMs = Date.now()): Promise<SweepReport> {
    const tempCutoffMs = nowMs - (this.config.media.jobTimeoutMs + TEMP_MARGIN_MS);
    const tempRemoved = await this.scratch.removeOlderThan(tempCutoffMs);
    const outcome = await runAsLeader(this.dataSource, LeaderLock.Sweeper, (manager) =>
      this.sweepStored(manager, nowMs),
    );
    const storedRemoved = outcome.led ? outcome.result : [];
    if (tempRemoved.length + storedRemoved.length > 0) {
      this.logger.log(`Swept ${tempRemoved.length} temp and ${storedRemoved.length} orphaned stored entries`);
    }
    return { tempRemoved, storedRemoved };
  }

  private async sweepStored(manager: EntityManager, nowMs: number): Promise<string[]> {
    const removed: string[] = [];
    const storedCutoffMs = nowMs - this.config.worker.sweepMinAgeMs;
    for (const area of ['assets', 'variants'] as const) {
      // tenant -> entry -> newest modification of anything in it (a package has many objects).
      const newest = new Map<string, Map<string, number>>();
      for await (const object of this.storage.list(`${area}/`)) {
        const [, tenantId, entry] = object.key.split('/');
        if (!UUID.test(tenantId ?? '') || !OUR_ENTRY.test(entry ?? '')) continue;
        const entries = newest.get(tenantId) ?? new Map<string, number>();
        entries.set(entry, Math.max(entries.get(entry) ?? 0, object.modifiedAt.getTime()));
        newest.set(tenantId, entries);
      }
      for (const [tenantId, entries] of newest) {
        const claimed = await this.claimedEntries(manager, area, tenantId);
        for (const [name, modifiedMs] of entries) {
          if (claimed.has(name) || modifiedMs >= storedCutoffMs) continue;
          const key = `${area}/${tenantId}/${name}`;
          await this.storage.delete(key);
          removed.push(key);
        }
      }
    }
    return removed;
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
