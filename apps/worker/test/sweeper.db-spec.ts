import 'reflect-metadata';
import { AssetKind, AssetOrigin } from '@reelforge/contracts';
import { AssetEntity, dataSourceOptions, TenantEntity } from '@reelforge/db';
import { LocalStorage } from '@reelforge/storage';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Sweeper } from '../src/runtime/sweeper.js';
import { testConfig } from '../../../test/support/test-config.js';

const HOUR_MS = 3_600_000;
let dataSource: DataSource;
let storage: LocalStorage;
let sweeper: Sweeper;

function file(key: string, ageMs: number): string {
  const path = storage.pathOf(key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, 'x');
  const at = new Date(Date.now() - ageMs);
  utimesSync(path, at, at);
  return path;
}

beforeAll(async () => {
  dataSource = new DataSource(dataSourceOptions(inject('databaseUrl')));
  await dataSource.initialize();
  storage = new LocalStorage(mkdtempSync(join(tmpdir(), 'reelforge-sweep-')));
  await storage.init();
  const config = testConfig((c) => {
    c.media.jobTimeoutMs = HOUR_MS;
    c.worker.sweepMinAgeMs = HOUR_MS;
  });
  sweeper = new Sweeper(dataSource, storage, config);
});

afterAll(() => dataSource?.destroy());

describe(Sweeper.name, () => {
  it('removes old temp entries and old stored files without a row, and nothing else', async () => {
    const tenant = await dataSource.getRepository(TenantEntity).save({ name: 'sweep' });
    const t = tenant.id;
    const assetId = randomUUID();
    await dataSource.getRepository(AssetEntity).save({
      id: assetId,
      tenantId: t,
      kind: AssetKind.Video,
      origin: AssetOrigin.Upload,
      originalName: 'a.mp4',
      storageKey: `assets/${t}/${assetId}/original.mp4`,
      mime: 'video/mp4',
      sizeBytes: 1,
      sha256: '0'.repeat(64),
      hasVideo: true,
      hasAudio: false,
      probe: {} as AssetEntity['probe'],
    });

    const oldTemp = file(`tmp/${randomUUID()}.part.mp4`, 2 * HOUR_MS);
    const youngTemp = file(`tmp/${randomUUID()}.part.mp4`, 60_000);
    const claimedAsset = file(`assets/${t}/${assetId}/original.mp4`, 3 * HOUR_MS);
    const orphanAsset = file(`assets/${t}/${randomUUID()}/original.mp4`, 3 * HOUR_MS);
    const orphanVariant = file(`variants/${t}/${randomUUID()}.mp4`, 3 * HOUR_MS);
    const orphanPackage = file(`variants/${t}/${randomUUID()}/master.m3u8`, 3 * HOUR_MS);
    // Maybe committing right now: its row may land any moment.
    const youngOrphan = file(`variants/${t}/${randomUUID()}.mp4`, 60_000);
    // Not a name we create: never ours to delete.
    const foreign = file(`variants/${t}/notes.txt`, 3 * HOUR_MS);

    // Directories get their mtime from their last change; age the orphaned ones like their files.
    const old = new Date(Date.now() - 3 * HOUR_MS);
    utimesSync(dirname(orphanAsset), old, old);
    utimesSync(dirname(orphanPackage), old, old);

    const report = await sweeper.sweepOnce();
    expect(report.tempRemoved).toHaveLength(1);
    expect(report.storedRemoved).toHaveLength(3);
    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(dirname(orphanAsset))).toBe(false);
    expect(existsSync(orphanVariant)).toBe(false);
    expect(existsSync(dirname(orphanPackage))).toBe(false);
    for (const kept of [youngTemp, claimedAsset, youngOrphan, foreign]) expect(existsSync(kept)).toBe(true);
  });
});
