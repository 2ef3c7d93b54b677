import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CompanyScopes } from '../common/tenancy/company-scope';

/** The role whose queries the row-level security policies confine to `app.company_id` (see the RowLevelSecurity migration). */
export const TENANT_ROLE = 'dps_tenant';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPENS = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const ENDS = /^\s*(COMMIT|END|ABORT|ROLLBACK)\b(?!\s+(TO|PREPARED)\b)/i;
const UNDOES_TO_SAVEPOINT = /^\s*ROLLBACK\s+TO\b/i;

/** The company scope for the rest of the current transaction only (SET LOCAL), in one statement. */
function enterCompanySql(companyId: string): string {
  // Inlined so that BEGIN and the scope travel as one simple query; a UUID has nothing to escape.
  if (!UUID.test(companyId)) throw new Error(`Not a company id: ${companyId}`);
  return `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.company_id', '${companyId}', true)`;
}

const SYSTEM = 'system';
const ENTER_SYSTEM_SQL = `SELECT set_config('role', 'none', true), set_config('app.company_id', '', true)`;
/** Statements that must come first in a transaction, before any scope is set. */
const SETS_TRANSACTION = /^\s*SET\s+TRANSACTION\b/i;

/**
 * A pg client that runs each query in the company scope of the work sending it (CompanyScopes). The scope is
 * transaction-local, never left on the session: behind a pooler in transaction mode (PgBouncer) each transaction may
 * run on another server connection, and a scope left on a session would confine the next client's queries to the
 * wrong company. Inside a transaction the scope is set before its first query for the company; a statement outside
 * any transaction is wrapped in one (BEGIN with the scope as one round trip, the statement, COMMIT) and answers once
 * committed. The system scope is a session's own state (the login role, no company): it needs nothing outside a
 * transaction, and inside one only after a company scope. A client created with pg's `pipeline` option sends the
 * scope with the statement it precedes (and the COMMIT after it) without waiting for each answer: the scope then
 * costs no round trip of its own.
 *
 * Whether a transaction is open is followed from the statements as they are sent, in order.
 */
export class CompanyScopedClient extends Client {
  private inTransaction = false;
  /** The scope of the open transaction: a company id, SYSTEM, or null when unknown (after a rollback to a savepoint). */
  private transactionScope: string | null = SYSTEM;

  // pg's query() has a dozen overloads; what needs no scope passes through unchanged, in any form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const sql = statementText(args[0]);
    if (OPENS.test(sql) || ENDS.test(sql)) {
      this.inTransaction = OPENS.test(sql);
      this.transactionScope = SYSTEM;
      return this.send(args);
    }
    if (UNDOES_TO_SAVEPOINT.test(sql)) this.transactionScope = null;
    const scope = CompanyScopes.current();
    if (scope.kind === 'any' || SETS_TRANSACTION.test(sql)) return this.send(args);
    const key = scope.kind === 'company' ? scope.companyId : SYSTEM;
    if (this.inTransaction) {
      if (this.transactionScope === key) return this.send(args);
      this.transactionScope = key;
      return this.afterScope(scope.kind === 'company' ? enterCompanySql(scope.companyId) : ENTER_SYSTEM_SQL, args);
    }
    if (scope.kind === 'system') return this.send(args);
    return this.inOwnTransaction(enterCompanySql(scope.companyId), args);
  }

  /**
   * Enters the scope inside the open transaction, then runs the statement. Pipelined, both leave in one write and
   * one round trip: a scope that fails aborts the transaction, so the statement cannot run outside it.
   */
  private async afterScope(enterScopeSql: string, args: unknown[]): Promise<unknown> {
    assertPromiseForm(args);
    if (!this.pipelined) {
      try {
        await super.query(enterScopeSql);
      } catch (error) {
        this.transactionScope = null;
        throw error;
      }
      return this.send(args);
    }
    const [entered, result] = await Promise.allSettled(this.sentTogether(() => [super.query(enterScopeSql), this.send(args)]));
    if (entered.status === 'rejected') {
      this.transactionScope = null;
      throw entered.reason;
    }
    return settledValue(result);
  }

  /**
   * BEGIN with the scope, the statement, COMMIT: the statement's result. Pipelined, the three leave in one write and
   * one round trip; a failed statement aborts the transaction and the COMMIT behind it then rolls it back.
   */
  private async inOwnTransaction(enterScopeSql: string, args: unknown[]): Promise<unknown> {
    assertPromiseForm(args);
    if (this.pipelined) {
      const [begun, result, committed] = await Promise.allSettled(
        this.sentTogether(() => [super.query(`BEGIN; ${enterScopeSql}`), this.send(args), super.query('COMMIT')]),
      );
      settledValue(begun);
      const value = settledValue(result);
      settledValue(committed);
      return value;
    }
    await super.query(`BEGIN; ${enterScopeSql}`);
    let result: unknown;
    try {
      result = await this.send(args);
    } catch (error) {
      await super.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await super.query('COMMIT');
    return result;
  }

  /** Queries queued at once on a pipelined client, their messages corked into one write to the socket. */
  private sentTogether(queue: () => unknown[]): unknown[] {
    const stream = (this as unknown as { connection: { stream: { cork?(): void; uncork?(): void } } }).connection.stream;
    stream.cork?.();
    try {
      return queue();
    } finally {
      stream.uncork?.();
    }
  }

  private send(args: unknown[]): unknown {
    return (Client.prototype.query as (...queryArgs: unknown[]) => unknown).apply(this, args);
  }

  private get pipelined(): boolean {
    return (this as unknown as { pipeline: boolean }).pipeline;
  }
}

function settledValue(outcome: PromiseSettledResult<unknown>): unknown {
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}

/** The SQL of a query() call's first argument: a string or a query config. */
function statementText(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text : '';
}

/** A statement sent after entering a scope is awaited in turn: only the promise form of query() allows it. */
function assertPromiseForm(args: unknown[]): void {
  if (typeof args[args.length - 1] === 'function' || typeof (args[0] as { submit?: unknown } | undefined)?.submit === 'function') {
    throw new Error('A company-scoped query must use the promise form of query()');
  }
}

/**
 * Stops start-up when the connecting role cannot act as the tenant role (it did not run the migrations,
 * or lost the membership): every company's queries would fail, or worse run in another scope.
 */
export async function assertTenantRoleUsable(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.transaction((manager) => manager.query(`SELECT set_config('role', '${TENANT_ROLE}', true)`));
  } catch (error) {
    throw new Error(
      `The database user cannot switch to the role ${TENANT_ROLE}, which row-level security needs: ` +
        `connect as the user that ran the migrations (${(error as Error).message})`,
    );
  }
}
