import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';

export const MIGRATIONS_TABLE = 'schema_migrations';
const PROJECT_ROOT = join(__dirname, '..', '..');

/** Connection options shared by the application and the TypeORM CLI (ormconfig.ts). */
export function buildDataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(PROJECT_ROOT, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(PROJECT_ROOT, 'migrations', '*.{ts,js}')],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  };
}
