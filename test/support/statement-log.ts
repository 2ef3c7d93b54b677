import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

const WRAPPED = Symbol('statement-log');

type LoggedClient = PoolClient & { [WRAPPED]?: true };

/** The SQL text of every statement the app's connection pool sends, as it is sent, while recording. */
export interface StatementLog {
  /** Runs `work` and answers the statements sent meanwhile, in order. */
  during(work: () => Promise<unknown>): Promise<string[]>;
}

/**
 * Hooks the pool of the app's data source: each client is wrapped when first checked out, so every query of the app
 * (the company-scope changes included) passes through here, and nothing of the test's own connections does.
 */
export function statementLog(app: TestApp): StatementLog {
  const pool = (app.running.app.get(DataSource).driver as unknown as { master: Pool }).master;
  let recording: string[] | undefined;
  pool.on('acquire', (client: LoggedClient) => {
    if (client[WRAPPED]) return;
    client[WRAPPED] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // pg's query() has a dozen overloads; every form is passed through unchanged.
    client.query = ((...args: unknown[]) => {
      recording?.push(textOf(args[0]));
      return query(...args);
    }) as PoolClient['query'];
  });
  return {
    async during(work) {
      const sent: string[] = [];
      recording = sent;
      try {
        await work();
      } finally {
        recording = undefined;
      }
      return sent;
    },
  };
}

function textOf(query: unknown): string {
  const text = typeof query === 'string' ? query : (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : String(query);
}
