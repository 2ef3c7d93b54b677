import { DataSource, QueryRunner } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Distributed by company (Citus, docs/scaling.md), a table keeps a unique index only where the index holds the
 * distribution column, company_id. These are the documented exceptions, each with where its table goes instead.
 */
const GLOBAL_UNIQUE_INDEXES: { table: string; indexes: string[]; reason: string }[] = [
  {
    table: 'credential_lookups',
    indexes: ['PK_credential_lookups'],
    reason: 'a reference table, copied whole to every node: a credential is found by its hash before its company is known',
  },
  {
    table: 'change_events',
    indexes: ['PK_c66819c092dcbad1e85ada0b9cf', 'UQ_change_events_id', 'UQ_change_events_position'],
    reason: 'the outbox: one stream ordered across companies (position) for the internal feed and service webhooks',
  },
  {
    table: 'key_grant_tasks',
    indexes: ['PK_16fb6d864413569d36420c3c20e', 'UQ_key_grant_tasks_id'],
    reason: "one queue of every company's tasks, which the encryption service leases and completes by task id",
  },
  {
    table: 'webhook_endpoints',
    indexes: ['PK_054c4cfb95223732f5939d2d546'],
    reason: "an internal service's endpoint belongs to no company (company_id is null) and receives every company's events",
  },
  {
    table: 'webhook_deliveries',
    indexes: ['PK_d9bee48a349dc40732c66b3e617', 'UQ_webhook_deliveries_id'],
    reason: 'the deliveries of those endpoints, which belong to no company either',
  },
];

/** Tables with no company_id at all, and why. */
const TABLES_WITHOUT_COMPANY: { table: string; reason: string }[] = [
  { table: 'companies', reason: 'the tenants themselves: a reference table' },
  { table: 'key_grant_cursor', reason: 'the key-grant planner’s position in the event stream, beside the stream' },
  { table: 'rate_limit_counters', reason: 'keyed by credential or address, counted before or without a company' },
  { table: 'schema_migrations', reason: 'TypeORM’s record of the migrations run' },
  { table: 'typeorm_metadata', reason: 'TypeORM’s record of generated columns' },
];

interface UniqueIndex {
  table: string;
  index: string;
  definition: string;
}

/** Every unique index (primary keys included) of a table with a company_id column that leaves company_id out. */
async function uniqueIndexesWithoutCompany(runner: QueryRunner): Promise<UniqueIndex[]> {
  return runner.query(`
    SELECT t.relname AS table, i.relname AS index, pg_get_indexdef(x.indexrelid) AS definition
      FROM pg_index x
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_attribute company ON company.attrelid = t.oid AND company.attname = 'company_id' AND NOT company.attisdropped
     WHERE x.indisunique AND t.relnamespace = current_schema()::regnamespace
       AND NOT company.attnum = ANY (x.indkey::int2[])
     ORDER BY 1, 2`);
}

async function tablesWithoutCompany(runner: QueryRunner): Promise<string[]> {
  const rows: { table: string }[] = await runner.query(`
    SELECT t.relname AS table FROM pg_class t
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'company_id' AND NOT a.attisdropped)
     ORDER BY 1`);
  return rows.map((row) => row.table);
}

describe('schema ready to distribute by company', () => {
  let app: TestApp;
  let runner: QueryRunner;

  beforeAll(async () => {
    app = await startTestApp();
    runner = app.running.app.get(DataSource).createQueryRunner();
  });
  afterAll(async () => {
    await runner?.release();
    await app?.close();
  });

  it('has no unique index on a company table without company_id, but the documented exceptions', async () => {
    const found = await uniqueIndexesWithoutCompany(runner);
    const documented = new Set(GLOBAL_UNIQUE_INDEXES.flatMap((entry) => entry.indexes.map((index) => `${entry.table}.${index}`)));
    expect(found.filter((index) => !documented.has(`${index.table}.${index.index}`))).toEqual([]);
    // An exception whose index is gone comes off the list.
    expect(found.map((index) => `${index.table}.${index.index}`).sort()).toEqual([...documented].sort());
  });

  it('would name a global unique index on a company table, such as the token hash index this replaced', async () => {
    await runner.startTransaction();
    try {
      await runner.query(`CREATE UNIQUE INDEX "UQ_directory_integrations_token_hash" ON "directory_integrations" ("token_hash")`);
      expect(await uniqueIndexesWithoutCompany(runner)).toContainEqual({
        table: 'directory_integrations',
        index: 'UQ_directory_integrations_token_hash',
        definition: expect.stringContaining('(token_hash)'),
      });
    } finally {
      await runner.rollbackTransaction();
    }
  });

  it('knows every table that has no company_id', async () => {
    expect(await tablesWithoutCompany(runner)).toEqual(TABLES_WITHOUT_COMPANY.map((entry) => entry.table).sort());
  });
});
