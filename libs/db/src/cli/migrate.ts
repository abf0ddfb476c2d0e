import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig, loadDotEnv } from '@reelforge/config';
import { dataSourceOptions } from '../data-source.js';
import { ensureDatabaseExists } from '../ensure-database.js';

/** `npm run migration:run` (and `-- --revert` to undo the last one). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadAppConfig();
  if (await ensureDatabaseExists(config.db.url)) console.log('Created the database.');
  const dataSource = new DataSource(dataSourceOptions(config.db.url));
  await dataSource.initialize();
  try {
    if (process.argv.includes('--revert')) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Schema is up to date.');
    }
  } finally {
    await dataSource.destroy();
  }
}

/** A refused connection, also inside the AggregateError Node raises when it tried IPv4 and IPv6. */
function isRefused(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === 'ECONNREFUSED') return true;
  return error instanceof AggregateError && error.errors.some(isRefused);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message || error.name : error);
  if (isRefused(error)) {
    console.error(
      'Nothing answers at DATABASE_URL. Start PostgreSQL there or correct DATABASE_URL in .env; ' +
        '`npm run dev` starts an embedded PostgreSQL itself when the local default does not answer.',
    );
  }
  process.exit(1);
});
