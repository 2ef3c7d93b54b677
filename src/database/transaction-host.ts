import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryResult } from 'typeorm';
import { committingTransaction, sentWithNext } from './company-scoped-client';

/** What a data-changing statement did: its RETURNING rows and how many rows it touched. */
export interface SqlWriteResult<Row> {
  rows: Row[];
  count: number;
}

interface OpenTransaction {
  manager: EntityManager;
  afterCommit: (() => void)[];
  /** Whether the work running is a nested run(), which joined a transaction that another run() opened. */
  joined: boolean;
}

/**
 * The one way repositories reach PostgreSQL: parameterised SQL through TypeORM's data source, with
 * typed rows. It carries the current transaction through async calls, so repositories always query on
 * the transaction their command opened. A query sent on another connection while a transaction is open
 * would wait for it forever on the embedded database.
 */
@Injectable()
export class TransactionHost {
  private readonly current = new AsyncLocalStorage<OpenTransaction>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; nested calls join the enclosing one. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const enclosing = this.current.getStore();
    if (enclosing) return enclosing.joined ? work() : this.current.run({ ...enclosing, joined: true }, work);
    const afterCommit: (() => void)[] = [];
    const result = await this.dataSource.transaction((manager) => this.current.run({ manager, afterCommit, joined: false }, work));
    for (const callback of afterCommit) callback();
    return result;
  }

  /** Calls `callback` once the current transaction has committed; never when it rolls back. */
  afterCommit(callback: () => void): void {
    const open = this.current.getStore();
    if (!open) throw new Error('afterCommit needs a transaction opened by TransactionHost.run');
    open.afterCommit.push(callback);
  }

  /** Whether the caller runs inside a transaction opened by `run`. */
  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `work` outside any enclosing transaction, on the pool: for background writes (the sync log, the last sync
   * time) that must neither join a request's transaction nor wait for it.
   */
  async detached<T>(work: () => Promise<T>): Promise<T> {
    return this.current.exit(work);
  }

  /** The rows of a SELECT (or of a statement with RETURNING), on the current transaction. */
  async rows<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.execute<Row>(sql, params)).rows;
  }

  /** The first row of a query, or null when it found none. */
  async first<Row>(sql: string, params: readonly unknown[] = []): Promise<Row | null> {
    return (await this.execute<Row>(sql, params)).rows[0] ?? null;
  }

  /** Runs an INSERT, UPDATE or DELETE: its RETURNING rows and the number of rows it touched. */
  async write<Row = never>(sql: string, params: readonly unknown[] = []): Promise<SqlWriteResult<Row>> {
    return this.execute<Row>(sql, params);
  }

  /**
   * A write whose answer the transaction does not wait for, such as the events appended after their change: it
   * leaves with the transaction's next statement, at the latest its COMMIT, one round trip fewer. Its failure fails
   * that statement, so the transaction cannot commit without it (sentWithNext), and its error is that statement's:
   * only for writes whose failure nobody translates. Outside a transaction it is an ordinary write.
   */
  async writeWithNext(sql: string, params: readonly unknown[] = []): Promise<void> {
    const runner = this.current.getStore()?.manager.queryRunner;
    // Once the transaction has ended, write() refuses the released runner as for any late statement.
    if (!runner || runner.isReleased || !runner.isTransactionActive) {
      await this.write(sql, params);
      return;
    }
    const client = (await runner.connect()) as Pick<Client, 'query'>;
    await client.query(sentWithNext(sql, params));
  }

  /**
   * A write that commits the transaction that the caller's run() opened: nothing may run in the transaction after
   * it. On success everything the transaction wrote is committed; if it fails nothing is, even when the caller
   * handles the error. A transaction that sent nothing before it (writes held for it aside) is then this one
   * exchange with PostgreSQL, without BEGIN or COMMIT. In a run() that joined an enclosing transaction, or outside
   * any, it is an ordinary write.
   */
  async writeAndCommit<Row = never>(sql: string, params: readonly unknown[] = []): Promise<SqlWriteResult<Row>> {
    const open = this.current.getStore();
    const runner = open?.manager.queryRunner;
    if (!runner || open.joined || runner.isReleased || !runner.isTransactionActive) return this.write<Row>(sql, params);
    const client = (await runner.connect()) as Pick<Client, 'query'>;
    try {
      const result = await client.query(committingTransaction(sql, params));
      return { rows: result.rows as Row[], count: result.rowCount ?? result.rows.length };
    } catch (error) {
      // As TypeORM reports a failed query, for the callers that tell errors apart (isUniqueViolation).
      throw new QueryFailedError(sql, [...params], error as Error);
    }
  }

  private async execute<Row>(sql: string, params: readonly unknown[]): Promise<SqlWriteResult<Row>> {
    const enclosing = this.current.getStore()?.manager.queryRunner;
    const runner = enclosing ?? this.dataSource.createQueryRunner();
    try {
      const result = (await runner.query(sql, params as unknown[], true)) as QueryResult<Row>;
      const rows = result.records ?? [];
      return { rows, count: result.affected ?? rows.length };
    } finally {
      if (!enclosing) await runner.release();
    }
  }
}
