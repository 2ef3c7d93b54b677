import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';

/**
 * Deletes the oldest events, in position order, while they are older than the period, at most $2 of them: the events
 * kept are always every position from the oldest kept on, so a reader never meets a hole. The newest event is kept
 * whatever its age, as the sequencer numbers on from it. $1: days.
 */
export const PURGE_EVENTS_SQL = `
  WITH oldest AS (
    SELECT entry, position, occurred_at FROM change_events WHERE position IS NOT NULL ORDER BY position LIMIT $2
  ), keep_from AS (
    SELECT coalesce(
      (SELECT min(position) FROM oldest WHERE occurred_at >= now() - make_interval(days => $1)),
      (SELECT max(position) FROM change_events)
    ) AS position
  )
  DELETE FROM change_events e USING oldest, keep_from WHERE e.entry = oldest.entry AND oldest.position < keep_from.position`;

/** What the feed needs of change_events beside reading them: how far retention has purged, and the purge itself. */
@Injectable()
export class EventsFeedRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The last position purged (system work): 0 when none was. One statement, so one snapshot. */
  async purgedThroughPosition(): Promise<string> {
    const row = await this.transactions.first<{ through: string }>(
      `SELECT coalesce(min(position) - 1, 0)::text AS through FROM change_events WHERE position IS NOT NULL`,
    );
    return row!.through;
  }

  /** The last sequence of the company purged: all it ever had when none is left, 0 when none was. */
  async purgedThroughSequence(companyId: string): Promise<string> {
    const row = await this.transactions.first<{ through: string }>(
      `SELECT coalesce(
                (SELECT min(sequence) - 1 FROM change_events WHERE company_id = $1 AND sequence IS NOT NULL),
                (SELECT last_sequence FROM company_event_heads WHERE company_id = $1),
                0)::text AS through`,
      [companyId],
    );
    return row!.through;
  }

  /** Purges up to `limit` events older than `days` (system work); returns how many. */
  async purgeOlderThan(days: number, limit: number): Promise<number> {
    return (await this.transactions.write(PURGE_EVENTS_SQL, [days, limit])).count;
  }
}
