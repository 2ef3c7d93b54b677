import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';
import { runPendingMigrations } from './run-migrations';

/**
 * The entities declare the schema and the migrations build it: after every migration has run on an empty
 * database, TypeORM compares the two as `npm run migration:generate` would. Runs on PGlite (PostgreSQL 18)
 * and on the PostgreSQL at DATABASE_URL, in a database of its own.
 */

interface EmptyDatabase {
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

/** The statements that would bring the database to what the entities declare. */
async function changesTheEntitiesAsk(dataSource: DataSource): Promise<string[]> {
  const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
  return upQueries.map((query) => query.query.trim());
}

const engines: [string, () => Promise<EmptyDatabase>][] = [['PGlite', emptyEmbeddedDatabase]];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) engines.push(['PostgreSQL at DATABASE_URL', () => emptyPostgresDatabase(serverUrl)]);

describe('Entities and migrations', () => {
  describe.each(engines)('on %s', (_engine, emptyDatabase) => {
    let database: EmptyDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      database = await emptyDatabase();
      dataSource = await new DataSource(buildDataSourceOptions(database.url, 1)).initialize();
      await runPendingMigrations(dataSource);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.remove();
    });

    it('declare the same schema: generating a migration from the entities finds nothing to change', async () => {
      expect(await changesTheEntitiesAsk(dataSource)).toEqual([]);
    });

    it('would be told apart: an entity column that differs from the migrations asks for a change', async () => {
      const name = dataSource.getMetadata('companies').findColumnWithDatabaseName('name')!;
      const length = name.length;
      name.length = '201';
      try {
        expect(await changesTheEntitiesAsk(dataSource)).toContain('ALTER TABLE "companies" ADD "name" character varying(201) NOT NULL');
      } finally {
        name.length = length;
      }
    });
  });
});
