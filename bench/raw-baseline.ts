import { Pool } from 'pg';
import { LoadResult, runLoad } from './load-runner';
import { createUserBody, storedAttributesOf, userNameOf } from './scim-bodies';

export interface RawBaselineOptions {
  databaseUrl: string;
  runId: string;
  companyId: string;
  integrationId: string;
  concurrency: number;
  /** Connections to the database: the concurrency on PostgreSQL, one on the embedded database. */
  connections: number;
  /**
   * PGlite serves every connection from its one backend session, so the role and company the service set on it
   * for row-level security also apply to the baseline: it then resets them for its own work and puts them back.
   */
  sharesSessionWithService: boolean;
  timeoutMs: number;
}

/**
 * The limit: what the same database does for single-row INSERTs of user-shaped rows and indexed point
 * SELECTs through `pg`, at the benchmark's concurrency, with no HTTP or application code in between.
 * The scratch table is a copy of user_accounts (columns, defaults, checks, the same partial and
 * expression indexes, plus the foreign key to companies) in a schema of its own, dropped afterwards.
 */
export class RawBaseline {
  private readonly pool: Pool;
  private readonly schema: string;
  private inserted = 0;
  private serviceScope: { role: string; company: string } | null = null;

  constructor(private readonly options: RawBaselineOptions) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: options.connections });
    this.pool.on('error', () => undefined);
    this.schema = `bench_scratch_${options.runId}`;
  }

  /** The scratch schema, for the least implementation's copies of the service's tables. */
  get schemaName(): string {
    return this.schema;
  }

  private get table(): string {
    return `"${this.schema}".user_accounts`;
  }

  private get keyPrefix(): string {
    return `raw${this.options.runId}`;
  }

  async createScratchTable(): Promise<void> {
    if (this.options.sharesSessionWithService) {
      const { rows } = await this.pool.query(
        `SELECT current_setting('role') AS role, coalesce(current_setting('app.company_id', true), '') AS company`,
      );
      this.serviceScope = rows[0] as { role: string; company: string };
      await this.pool.query(`SELECT set_config('role', 'none', false), set_config('app.company_id', '', false)`);
    }
    await this.pool.query(`CREATE SCHEMA "${this.schema}"`);
    await this.pool.query(`CREATE TABLE ${this.table} (LIKE public.user_accounts INCLUDING ALL)`);
    await this.pool.query(`ALTER TABLE ${this.table} ADD FOREIGN KEY (company_id) REFERENCES public.companies (id) ON DELETE CASCADE`);
  }

  /** Copies of the other tables the least implementation writes and reads: the events, the groups and their members. */
  async createShapeTables(): Promise<void> {
    for (const table of ['change_events', 'groups', 'group_members']) {
      await this.pool.query(`CREATE TABLE "${this.schema}".${table} (LIKE public.${table} INCLUDING ALL)`);
    }
    await this.pool.query(
      `ALTER TABLE "${this.schema}".change_events ADD FOREIGN KEY (company_id) REFERENCES public.companies (id) ON DELETE CASCADE`,
    );
  }

  /** The same INSERT ... RETURNING * the service's repository sends, one row per statement, autocommit. */
  async insertRows(rows: number): Promise<LoadResult> {
    const sql = `INSERT INTO ${this.table} (company_id, integration_id, user_name, external_id, display_name, state, attributes)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`;
    const result = await runLoad({
      total: rows,
      concurrency: this.options.concurrency,
      timeoutMs: this.options.timeoutMs,
      task: async (index) => {
        const body = createUserBody(this.keyPrefix, index, undefined);
        const inserted = await this.pool.query(sql, [
          this.options.companyId,
          this.options.integrationId,
          body.userName,
          body.externalId,
          body.displayName,
          'provisioned',
          storedAttributesOf(body),
        ]);
        if (inserted.rowCount !== 1) throw new Error(`raw insert wrote ${inserted.rowCount} rows`);
      },
    });
    this.inserted = result.requests - result.errors;
    return result;
  }

  /** Point SELECTs through the (company_id, user_name_key) unique index, as a userName-eq filter needs. */
  async pointSelects(count: number): Promise<LoadResult> {
    const sql = `SELECT * FROM ${this.table} WHERE company_id = $1 AND user_name_key = lower($2) AND state <> 'deleted'`;
    const rows = this.inserted;
    return runLoad({
      total: count,
      concurrency: this.options.concurrency,
      timeoutMs: this.options.timeoutMs,
      task: async (step) => {
        const selected = await this.pool.query(sql, [this.options.companyId, userNameOf(this.keyPrefix, scatter(step, rows))]);
        if (selected.rowCount !== 1) throw new Error(`raw point select found ${selected.rowCount} rows`);
      },
    });
  }

  /** Drops the scratch schema and closes the connections; safe to call more than once. */
  async close(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`).catch(() => undefined);
    if (this.serviceScope) {
      const { role, company } = this.serviceScope;
      this.serviceScope = null;
      await this.pool
        .query(`SELECT set_config('role', $1, false), set_config('app.company_id', $2, false)`, [role, company])
        .catch(() => undefined);
    }
    await this.pool.end().catch(() => undefined);
  }
}

/** Visits 0..size-1 in a scattered order (a step co-prime with size), so lookups hit cold and warm keys alike. */
export function scatter(index: number, size: number): number {
  if (size <= 1) return 0;
  let step = 7919;
  while (gcd(step, size) !== 1) step++;
  return (index * step) % size;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
