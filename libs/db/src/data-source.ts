import { type DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations/index.js';
import { ALL_ENTITIES } from './entities/index.js';

/**
 * The one builder of DataSource options, used by the apps, the migration CLI and the tests.
 * The schema comes from migrations only.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+, so no uuid-ossp extension is needed.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // The pool reconnects on its own after a Postgres restart; a dead connection fails one query, not the app.
    extra: { max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
  };
}
