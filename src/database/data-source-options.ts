import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { CompanyScopedClient } from './company-scoped-client';

export const MIGRATIONS_TABLE = 'schema_migrations';
const PROJECT_ROOT = join(__dirname, '..', '..');

/** Connection options shared by the application and the TypeORM CLI (ormconfig.ts). */
export function buildDataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  // A single connection is never closed for being idle: the embedded server accepts only one at a time.
  const pool = poolSize === 1 ? { max: 1, idleTimeoutMillis: 0 } : { max: poolSize };
  return {
    type: 'postgres',
    url,
    entities: [join(PROJECT_ROOT, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(PROJECT_ROOT, 'migrations', '*.{ts,js}')],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    extra: { ...pool, Client: CompanyScopedClient },
  };
}
