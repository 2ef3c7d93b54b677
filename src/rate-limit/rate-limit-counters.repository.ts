import { Injectable } from '@nestjs/common';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { TransactionHost } from '../database/transaction-host';

/** Hits a process adds to one counter of one window. */
export interface CounterDelta {
  key: string;
  windowStart: number;
  hits: number;
}

/**
 * The shared request counters (table rate_limit_counters): every process adds its hits and reads the sums. The
 * counters belong to no company: each statement runs as system work, outside any request's transaction.
 */
@Injectable()
export class RateLimitCountersRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Adds each delta (0 only reads) and answers every counter's total over all processes, by key. */
  async add(deltas: CounterDelta[]): Promise<Map<string, number>> {
    const rows = await this.outside(() =>
      this.transactions.rows<{ key: string; hits: number }>(
        `INSERT INTO rate_limit_counters (key, window_start, hits)
       SELECT d.key, to_timestamp(d.window_start / 1000.0), d.hits
         FROM unnest($1::text[], $2::bigint[], $3::int[]) AS d(key, window_start, hits)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + EXCLUDED.hits
       RETURNING key, hits`,
        [deltas.map((delta) => delta.key), deltas.map((delta) => delta.windowStart), deltas.map((delta) => delta.hits)],
      ),
    );
    return new Map(rows.map((row) => [row.key, row.hits]));
  }

  /** The counter's totals in these windows (by start, epoch ms), 0 where no process counted a hit. */
  async totals(key: string, windowStarts: number[]): Promise<number[]> {
    const rows = await this.outside(() =>
      this.transactions.rows<{ start: string; hits: number }>(
        `SELECT (extract(epoch FROM window_start) * 1000)::bigint AS start, hits FROM rate_limit_counters
          WHERE key = $1 AND window_start = ANY(SELECT to_timestamp(s / 1000.0) FROM unnest($2::bigint[]) AS s)`,
        [key, windowStarts],
      ),
    );
    return windowStarts.map((start) => rows.find((row) => Number(row.start) === start)?.hits ?? 0);
  }

  /** Forgets the windows that started before `before` (epoch ms). */
  async deleteBefore(before: number): Promise<void> {
    await this.outside(() =>
      this.transactions.write(`DELETE FROM rate_limit_counters WHERE window_start < to_timestamp($1 / 1000.0)`, [before]),
    );
  }

  private outside<T>(work: () => Promise<T>): Promise<T> {
    return this.transactions.detached(() => CompanyScopes.runAsSystem(work));
  }
}
