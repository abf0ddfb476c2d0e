import 'reflect-metadata';
import { AssetKind, AssetOrigin } from '@reelforge/contracts';
import { AssetEntity, dataSourceOptions, TenantEntity } from '@reelforge/db';
import { LocalObjectStorage, type ObjectStorage, S3ObjectStorage, Scratch } from '@reelforge/storage';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Sweeper } from '../src/runtime/sweeper.js';
import { startS3Server, type TestS3Server } from '../../../test/support/s3-server.js';
import { testConfig } from '../../../test/support/test-config.js';

const HOUR_MS = 3_600_000;
let dataSource: DataSource;
let s3: TestS3Server;

beforeAll(async () => {
  dataSource = new DataSource(dataSourceOptions(inject('databaseUrl')));
  await dataSource.initialize();
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3?.stop();
  await dataSource?.destroy();
});

interface Setup {
  storage: ObjectStorage;
  /** Stores an object at `key` that looks `ageMs` old. */
  object(key: string, ageMs: number): Promise<void>;
}

const drivers: Array<[string, (mediaRoot: string) => Setup]> = [
  [
    'local',
    (mediaRoot) => {
      const storage = new LocalObjectStorage(mediaRoot);
      return {
        storage,
        async object(key, ageMs) {
          const path = storage.pathOf(key);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, 'x');
          const at = new Date(Date.now() - ageMs);
          utimesSync(path, at, at);
        },
      };
    },
  ],
  [
    's3',
    () => {
      const storage = new S3ObjectStorage(s3.config);
      return {
        storage,
        async object(key, ageMs) {
          await storage.put(key, Readable.from([Buffer.from('x')]));
          s3.age(key, ageMs);
        },
      };
    },
  ],
];

describe.each(drivers)(`${Sweeper.name} (%s storage)`, (_driver, setUp) => {
  it('removes old temp entries and old stored objects without a row, and nothing else', async () => {
    const mediaRoot = mkdtempSync(join(tmpdir(), 'reelforge-sweep-'));
    const { storage, object } = setUp(mediaRoot);
    const scratch = new Scratch(mediaRoot);
    await scratch.init();
    const config = testConfig((c) => {
      c.media.jobTimeoutMs = HOUR_MS;
      c.worker.sweepMinAgeMs = HOUR_MS;
    });
    const sweeper = new Sweeper(dataSource, storage, scratch, config);

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

    const tempFile = (ageMs: number): string => {
      const path = scratch.tempPath('mp4');
      writeFileSync(path, 'x');
      const at = new Date(Date.now() - ageMs);
      utimesSync(path, at, at);
      return path;
    };
    const oldTemp = tempFile(2 * HOUR_MS);
    const youngTemp = tempFile(60_000);
    const claimedAsset = `assets/${t}/${assetId}/original.mp4`;
    const orphanAsset = `assets/${t}/${randomUUID()}/original.mp4`;
    const orphanVariant = `variants/${t}/${randomUUID()}.mp4`;
    const orphanPackage = `variants/${t}/${randomUUID()}`;
    // Maybe committing right now: its row may land any moment.
    const youngOrphan = `variants/${t}/${randomUUID()}.mp4`;
    // Not a name we create: never ours to delete.
    const foreign = `variants/${t}/notes.txt`;
    for (const key of [claimedAsset, orphanAsset, orphanVariant, `${orphanPackage}/master.m3u8`, foreign]) {
      await object(key, 3 * HOUR_MS);
    }
    // A package whose newest file is young is still being written.
    await object(`${orphanPackage}/720p_000.ts`, 3 * HOUR_MS);
    await object(youngOrphan, 60_000);

    const report = await sweeper.sweepOnce();
    expect(report.tempRemoved).toHaveLength(1);
    expect(report.storedRemoved.sort()).toEqual(
      [orphanAsset.slice(0, orphanAsset.lastIndexOf('/')), orphanVariant, orphanPackage].sort(),
    );
    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(youngTemp)).toBe(true);
    for (const gone of [orphanAsset, orphanVariant, `${orphanPackage}/master.m3u8`, `${orphanPackage}/720p_000.ts`]) {
      expect(await storage.head(gone)).toBeNull();
    }
    for (const kept of [claimedAsset, youngOrphan, foreign]) expect(await storage.head(kept)).not.toBeNull();
  });
});
