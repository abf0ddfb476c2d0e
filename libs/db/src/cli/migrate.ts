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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
