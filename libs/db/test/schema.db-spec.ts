import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataSourceOptions } from '../src/data-source.js';

describe('schema', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(inject('databaseUrl')));
    await dataSource.initialize();
  });

  afterAll(() => dataSource?.destroy());

  it('matches the entities exactly after the migrations ran (no drift)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has no pending migrations', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('names every constraint and index readably, never by hash', async () => {
    const rows = await dataSource.query<Array<{ name: string }>>(
      // TypeORM's own bookkeeping table is not ours to name.
      `SELECT conname AS name FROM pg_constraint
         WHERE connamespace = 'public'::regnamespace AND conrelid <> 'migrations'::regclass
       UNION SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const { name } of rows) expect(name).toMatch(/^(PK|FK|UQ|IDX)_[a-z_]+$/);
  });

  it('uses timestamptz for every timestamp column', async () => {
    const rows = await dataSource.query<Array<{ column_name: string; data_type: string }>>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name LIKE '%\\_at' AND table_name <> 'migrations'`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.data_type).toBe('timestamp with time zone');
  });
});
