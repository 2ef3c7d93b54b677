import { Client, ClientConfig, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { CompanyScope, CompanyScopes } from '../common/tenancy/company-scope';
import { Prefix, prefixOf, PrefixedStatement } from './prefixed-statement';

/** The role whose queries the row-level security policies confine to `app.company_id` (see the RowLevelSecurity migration). */
export const TENANT_ROLE = 'dps_tenant';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPENS = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const ENDS = /^\s*(COMMIT|END|ABORT|ROLLBACK)\b(?!\s+(TO|PREPARED)\b)/i;
const UNDOES_TO_SAVEPOINT = /^\s*ROLLBACK\s+TO\b/i;

/** The company scope for the rest of the current transaction only (SET LOCAL), in one statement. */
function enterCompanySql(companyId: string): string {
  // Inlined: it leaves as a prefix of the statement it scopes, without parameters; a UUID has nothing to escape.
  if (!UUID.test(companyId)) throw new Error(`Not a company id: ${companyId}`);
  return `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.company_id', '${companyId}', true)`;
}

const ROLLS_BACK = /^\s*(ABORT|ROLLBACK)\b/i;

/** Marks a query config as a write to hold for the transaction's next statement (see sentWithNext). */
const SENT_WITH_NEXT = Symbol('sent with the next statement');

/**
 * A write inside a transaction whose answer the transaction does not wait for: the client answers it at once and
 * holds it, and it leaves with the transaction's next statement (at the latest its COMMIT) in one exchange. A
 * failure of the write is that statement's failure, so the transaction cannot commit without it; a rollback drops it
 * unsent. Outside a transaction it is an ordinary query.
 */
export function sentWithNext(text: string, values: readonly unknown[]): QueryConfig {
  return { text, values: [...values], [SENT_WITH_NEXT]: true } as QueryConfig;
}

/** Marks a query config as a write that commits its transaction (see committingTransaction). */
const COMMITS_TRANSACTION = Symbol('commits its transaction');

/**
 * A write that commits its transaction: on success everything the transaction wrote is committed, if it fails
 * nothing is, and nothing may run in the transaction after it (the COMMIT or ROLLBACK that ends it is answered at
 * once). It leaves with the writes held for it in one exchange: as an implicit transaction, without BEGIN or COMMIT,
 * when nothing of the transaction has been sent yet (its BEGIN waits), or else followed by the COMMIT.
 */
export function committingTransaction(text: string, values: readonly unknown[]): QueryConfig {
  return { text, values: [...values], [COMMITS_TRANSACTION]: true } as QueryConfig;
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
 * any transaction runs in an implicit transaction of its own, the scope set before it, and answers once committed.
 * The system scope is a session's own state (the login role, no company): it needs nothing outside a transaction,
 * and inside one only after a company scope.
 *
 * What a statement needs first leaves with it as one exchange with PostgreSQL (PrefixedStatement: one write, one
 * Sync, one answer): a transaction's BEGIN waits for its first statement, and the scope goes with the statement it
 * precedes. The client is pipelined (pg's `pipeline` option): a query sent before the previous one has answered
 * leaves at once. Whether a transaction is open is followed from the statements as they are sent, in order. A
 * statement sent with others goes in the extended protocol, which takes one statement per text.
 */
export class CompanyScopedClient extends Client {
  private inTransaction = false;
  /** The scope of the open transaction: a company id, SYSTEM, or null when unknown (after a rollback to a savepoint). */
  private transactionScope: string | null = SYSTEM;
  /** The open transaction's BEGIN, not sent yet: it leaves with the transaction's first statement. */
  private deferredBegin: unknown[] | null = null;
  /** Writes held for the open transaction's next statement (sentWithNext), with the scope each needs first. */
  private held: Prefix[] = [];
  /** Whether a write that commits (committingTransaction) ended the open transaction on the server already. */
  private ended = false;

  constructor(config?: ClientConfig) {
    super({ ...config, pipeline: true });
  }

  // pg's query() has a dozen overloads; what needs no scope passes through unchanged, in any form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const sql = statementText(args[0]);
    if (OPENS.test(sql)) {
      this.inTransaction = true;
      this.transactionScope = SYSTEM;
      // What an earlier transaction left unsent (it was never ended) is not this one's.
      this.deferredBegin = null;
      this.held = [];
      this.ended = false;
      if (!isPromiseForm(args)) return this.send(args);
      this.deferredBegin = args;
      return Promise.resolve(unsentResult('BEGIN'));
    }
    if (ENDS.test(sql)) {
      this.inTransaction = false;
      this.transactionScope = SYSTEM;
      const ended = this.ended;
      this.ended = false;
      if (ended && isPromiseForm(args)) return Promise.resolve(unsentResult(sql.trim().split(/\s+/)[0].toUpperCase()));
      if (ROLLS_BACK.test(sql)) this.held = [];
      // A transaction that ran no statement was never begun on the server: there is nothing to end.
      if (this.deferredBegin && this.held.length === 0 && isPromiseForm(args)) {
        this.deferredBegin = null;
        return Promise.resolve(unsentResult(sql.trim().split(/\s+/)[0].toUpperCase()));
      }
      return this.inTurn([], args);
    }
    if (this.ended) return Promise.reject(new Error('The transaction was committed by its last write: nothing may run in it after'));
    if (UNDOES_TO_SAVEPOINT.test(sql)) this.transactionScope = null;
    const scope = CompanyScopes.current();
    if (this.inTransaction && isCommittingTransaction(args[0]) && isPromiseForm(args)) return this.sendCommitting(scope, args);
    if (scope.kind === 'any' || SETS_TRANSACTION.test(sql)) return this.inTurn([], args);
    if (this.inTransaction) {
      const before = this.scopeChangeFor(scope);
      if (isSentWithNext(args[0]) && isPromiseForm(args)) {
        const { text, values = [] } = args[0] as QueryConfig;
        // Its values are made parameters now, so that one that cannot be fails here, not the statement it goes with.
        const write = prefixOf(text, values);
        this.held.push(...before.map((scopeSql) => prefixOf(scopeSql)), write);
        return Promise.resolve(unsentResult(''));
      }
      const scopeUnknown = (): void => {
        this.transactionScope = null;
      };
      try {
        return this.inTurn(before, args, scopeUnknown);
      } catch (error) {
        scopeUnknown();
        throw error;
      }
    }
    if (scope.kind === 'system') return this.send(args);
    // Its own implicit transaction, ended (committed, or rolled back on failure) by the one Sync.
    return this.sendPrefixed(new PrefixedStatement([prefixOf(enterCompanySql(scope.companyId))], ...statementArgs(args)));
  }

  /** A write that commits its transaction (committingTransaction). */
  private sendCommitting(scope: CompanyScope, args: unknown[]): Promise<unknown> {
    const before = scope.kind === 'any' ? [] : this.scopeChangeFor(scope);
    // A transaction begun on the server ends with a COMMIT after the write; one that was not runs as an implicit one.
    const suffixes = this.deferredBegin ? [] : [prefixOf('COMMIT')];
    const prefixes = [...this.held, ...before.map((sql) => prefixOf(sql))];
    const statement = new PrefixedStatement(prefixes, ...statementArgs(args), suffixes);
    this.deferredBegin = null;
    this.held = [];
    this.ended = true;
    const sent = this.sendPrefixed(statement);
    if (suffixes.length === 0) return sent;
    return sent.catch((error: unknown) => {
      // Its failure skipped the COMMIT: the transaction, aborted, still has to be ended on the server.
      this.ended = false;
      throw error;
    });
  }

  /** What sets the open transaction's scope to `scope` before a statement: nothing when it is set already. */
  private scopeChangeFor(scope: Exclude<CompanyScope, { kind: 'any' }>): string[] {
    const key = scope.kind === 'company' ? scope.companyId : SYSTEM;
    if (this.transactionScope === key) return [];
    this.transactionScope = key;
    return [scope.kind === 'company' ? enterCompanySql(scope.companyId) : ENTER_SYSTEM_SQL];
  }

  /**
   * The statement, after the deferred BEGIN, the held writes and the given statements, all in one exchange
   * (PrefixedStatement): the statement's result. A statement before it that fails skips it, so it cannot run outside
   * the transaction or its scope.
   */
  private inTurn(before: string[], args: unknown[], onFailureBefore?: () => void): unknown {
    const begin = this.deferredBegin;
    if (!begin && this.held.length === 0 && before.length === 0) return this.send(args);
    const prefixes = [...(begin ? [prefixOf(statementText(begin[0]))] : []), ...this.held, ...before.map((sql) => prefixOf(sql))];
    // Made before anything is let go: a statement that cannot be sent leaves the BEGIN and the held writes waiting.
    const statement = new PrefixedStatement(prefixes, ...statementArgs(args));
    this.deferredBegin = null;
    this.held = [];
    return this.sendPrefixed(statement, onFailureBefore);
  }

  private async sendPrefixed(statement: PrefixedStatement, onFailureBefore?: () => void): Promise<unknown> {
    super.query(statement);
    try {
      return await statement.result();
    } catch (error) {
      if (statement.failedInPrefix) onFailureBefore?.();
      throw error;
    }
  }

  private send(args: unknown[]): unknown {
    return (Client.prototype.query as (...queryArgs: unknown[]) => unknown).apply(this, args);
  }
}

/** What pg answers for a transaction control statement, for one that needed no round trip. */
function unsentResult(command: string): { command: string; rowCount: null; oid: null; rows: never[]; fields: never[] } {
  return { command, rowCount: null, oid: null, rows: [], fields: [] };
}

/** The SQL of a query() call's first argument: a string or a query config. */
function statementText(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text : '';
}

function isCommittingTransaction(query: unknown): boolean {
  return typeof query === 'object' && query !== null && (query as { [COMMITS_TRANSACTION]?: true })[COMMITS_TRANSACTION] === true;
}

function isSentWithNext(query: unknown): boolean {
  return typeof query === 'object' && query !== null && (query as { [SENT_WITH_NEXT]?: true })[SENT_WITH_NEXT] === true;
}

/** Whether query() answers with a promise: neither a callback nor a query object of its own. */
function isPromiseForm(args: unknown[]): boolean {
  return typeof args[args.length - 1] !== 'function' && typeof (args[0] as { submit?: unknown } | undefined)?.submit !== 'function';
}

/**
 * The text or config and the values of a statement sent with others before it, which is answered in turn: only the
 * promise form of query() allows it.
 */
function statementArgs(args: unknown[]): [string | QueryConfig, unknown[] | undefined] {
  if (!isPromiseForm(args)) throw new Error('A company-scoped query must use the promise form of query()');
  return [args[0] as string | QueryConfig, args[1] as unknown[] | undefined];
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
