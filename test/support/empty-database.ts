import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runPendingMigrations } from '../../src/database/run-migrations';

/** A database of its own for a test that runs the migrations itself: on PGlite, and on the server at DATABASE_URL. */
export interface EmptyDatabase {
  url: string;
  remove(): Promise<void>;
}

async function emptyEmbeddedDatabase(): Promise<EmptyDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dps-schema-'));
  const embedded = await EmbeddedPostgres.start(dataDir);
  return {
    url: embedded.url,
    remove: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function emptyPostgresDatabase(serverUrl: string): Promise<EmptyDatabase> {
  const name = `dps_schema_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The engines a migration test runs on: PGlite (PostgreSQL 18), and the PostgreSQL at DATABASE_URL when set. */
export function emptyDatabaseEngines(): [string, () => Promise<EmptyDatabase>][] {
  const engines: [string, () => Promise<EmptyDatabase>][] = [['PGlite', emptyEmbeddedDatabase]];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) engines.push(['PostgreSQL at DATABASE_URL', () => emptyPostgresDatabase(serverUrl)]);
  return engines;
}

/** The service's data source on that database, with one connection, once every migration has run. */
export async function migratedDataSource(url: string): Promise<DataSource> {
  const dataSource = await new DataSource(buildDataSourceOptions(url, 1)).initialize();
  await runPendingMigrations(dataSource);
  return dataSource;
}

const MIGRATIONS = join(__dirname, '..', '..', 'migrations');

/**
 * The service's data source on that database, with one connection, for a test of what the migration at `timestamp`
 * does to rows stored before it: every migration up to it runs, it is undone, `fill` stores the rows, and it runs
 * again. Later migrations are left out, so that undoing the last one undoes this one.
 */
export async function migratedAfterFilling(
  url: string,
  timestamp: number,
  fill: (dataSource: DataSource) => Promise<void>,
): Promise<DataSource> {
  const migrations = readdirSync(MIGRATIONS)
    .filter((file) => file.endsWith('.ts') && Number(file.split('-')[0]) <= timestamp)
    .map((file) => join(MIGRATIONS, file));
  const dataSource = await new DataSource({ ...buildDataSourceOptions(url, 1), migrations }).initialize();
  await runPendingMigrations(dataSource);
  await dataSource.undoLastMigration({ transaction: 'all' });
  await fill(dataSource);
  await runPendingMigrations(dataSource);
  return dataSource;
}
