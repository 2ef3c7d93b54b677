import { Query, QueryConfig, QueryResult } from 'pg';

// pg's own mapping of JavaScript values to parameters (dates, arrays, JSON), as its queries bind them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

/** A statement sent before another in its exchange, whose own result nobody reads; its values already parameters. */
export interface Prefix {
  text: string;
  parameters: unknown[];
}

/** A prefix of `text` with `values` made parameters as pg makes them (dates, arrays, JSON); throws for one it cannot. */
export function prefixOf(text: string, values: readonly unknown[] = []): Prefix {
  return { text, parameters: values.map((value) => prepareValue(value)) };
}

/** What pg's Connection offers a submitted query; its typings leave these out. */
interface ProtocolConnection {
  parse(message: { text: string; name?: string; types?: unknown[] }): void;
  bind(message: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
}

/** pg's own Query handlers, called for the statement once its prefixes have answered. */
interface QueryHandlers {
  prepare(connection: ProtocolConnection): void;
  _getRows(connection: ProtocolConnection, rows: number | undefined): void;
  handleRowDescription(message: unknown): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: unknown): void;
  handleError(error: Error, connection: unknown): void;
}

/**
 * A statement that leaves with the statements that go first (a transaction's BEGIN, the company scope, writes held
 * for it) as one extended-protocol exchange: each prefix parsed, bound and executed, then the statement, then one
 * Sync. PostgreSQL runs everything before a Sync in one transaction — the implicit one when no BEGIN opened a block —
 * and answers once: one ReadyForQuery instead of one per statement. A prefix that fails skips the rest up to the
 * Sync, so the statement never runs without what precedes it, and its error is the statement's. Statements after
 * it in the exchange (a COMMIT) run only if it succeeds, and their failure is its failure. Only the statement's own
 * result is answered.
 */
export class PrefixedStatement extends Query {
  private readonly prefixes: Prefix[];
  private unansweredPrefixes: number;
  private readonly suffixes: Prefix[];
  private statementAnswered = false;
  private readonly answer: Promise<QueryResult>;
  /** Whether the error that failed it came from a prefix, not from the statement. */
  failedInPrefix: boolean;

  constructor(prefixes: Prefix[], config: string | QueryConfig, values?: unknown[], suffixes: Prefix[] = []) {
    const { promise, settle } = settlement();
    super(config as QueryConfig, values, settle);
    this.prefixes = prefixes;
    this.suffixes = suffixes;
    this.unansweredPrefixes = prefixes.length;
    this.answer = promise;
    this.failedInPrefix = false;
    // A statement without parameters would otherwise go as a simple query, which cannot share a Sync.
    (this as unknown as { queryMode: string }).queryMode = 'extended';
  }

  /** The statement's result once PostgreSQL has answered the whole exchange (committed it, outside a block). */
  result(): Promise<QueryResult> {
    return this.answer;
  }

  prepare(connection: ProtocolConnection): void {
    for (const { text, parameters } of this.prefixes) {
      connection.parse({ text, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: parameters });
      connection.execute({ portal: '', rows: 0 });
    }
    queryHandlers.prepare.call(this, connection);
  }

  /** pg's last step of prepare: the statement's Execute, then the suffixes before the one Sync. */
  _getRows(connection: ProtocolConnection, rows: number | undefined): void {
    if (this.suffixes.length === 0) return queryHandlers._getRows.call(this, connection, rows);
    connection.execute({ portal: '', rows });
    for (const { text, parameters } of this.suffixes) {
      connection.parse({ text, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: parameters });
      connection.execute({ portal: '', rows: 0 });
    }
    connection.sync();
  }

  handleRowDescription(message: unknown): void {
    if (this.isStatementAnswering()) queryHandlers.handleRowDescription.call(this, message);
  }

  handleDataRow(message: unknown): void {
    if (this.isStatementAnswering()) queryHandlers.handleDataRow.call(this, message);
  }

  handleCommandComplete(message: unknown, connection: unknown): void {
    if (this.unansweredPrefixes > 0) this.unansweredPrefixes -= 1;
    else if (!this.statementAnswered) {
      this.statementAnswered = true;
      queryHandlers.handleCommandComplete.call(this, message, connection);
    }
  }

  private isStatementAnswering(): boolean {
    return this.unansweredPrefixes === 0 && !this.statementAnswered;
  }

  handleError(error: Error, connection: unknown): void {
    this.failedInPrefix = this.unansweredPrefixes > 0;
    queryHandlers.handleError.call(this, error, connection);
  }
}

const queryHandlers = Query.prototype as unknown as QueryHandlers;

function settlement(): { promise: Promise<QueryResult>; settle: (error: Error | undefined, result: unknown) => void } {
  let settle!: (error: Error | undefined, result: unknown) => void;
  const promise = new Promise<QueryResult>((resolve, reject) => {
    settle = (error, result) => (error ? reject(error) : resolve(result as QueryResult));
  });
  return { promise, settle };
}
