import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { ChangeSource } from '../../common/auth/change-source';
import { ChangeEvent, ChangeEventType, EventSubject, NewChangeEvent } from '../change-event';

/** One sequencer at a time, across instances: the key of its transaction-level advisory lock. */
const SEQUENCER_LOCK_KEY = 0x64707365; // "dpse"

/** The NOTIFY channel on which the sequencer announces the last position it gave, for other instances' readers. */
export const SEQUENCED_EVENTS_CHANNEL = 'change_events_sequenced';

/**
 * Gives the oldest unsequenced events, in the order they were written, the next positions (all companies) and
 * the next sequence numbers of their companies. Only committed rows are visible, so an event whose transaction
 * commits late is numbered when it commits: a reader that resumes after a number never misses one below it.
 * Parameter: $1 how many events at most.
 */
export const SEQUENCE_PENDING_SQL = `
  WITH pending AS (
    SELECT entry, company_id,
           row_number() OVER (ORDER BY entry) AS nth,
           row_number() OVER (PARTITION BY company_id ORDER BY entry) AS nth_of_company,
           count(*) OVER (PARTITION BY company_id) AS of_company
      FROM (SELECT entry, company_id FROM change_events WHERE position IS NULL ORDER BY entry LIMIT $1) unsequenced
  ), heads AS (
    INSERT INTO company_event_heads AS head (company_id, last_sequence)
    SELECT company_id, count(*) FROM pending GROUP BY company_id
    ON CONFLICT (company_id) DO UPDATE SET last_sequence = head.last_sequence + excluded.last_sequence
    RETURNING company_id, last_sequence
  ), base AS (
    SELECT coalesce(max(position), 0) AS last_position FROM change_events
  )
  UPDATE change_events e
     SET position = base.last_position + p.nth,
         sequence = h.last_sequence - p.of_company + p.nth_of_company
    FROM pending p JOIN heads h ON h.company_id = p.company_id, base
   WHERE e.entry = p.entry
  RETURNING e.position`;

@Injectable()
export class ChangeEventsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * Appends the events in their order, unsequenced, in the current transaction. Nothing waits for the insert: it
   * leaves with the transaction's next statement, at the latest its COMMIT, which fails if it does.
   */
  async insert(companyId: string, source: ChangeSource, events: readonly NewChangeEvent[]): Promise<void> {
    const items = events.map((event) => ({ id: randomUUID(), type: event.type, subject: event.subject, data: event.data }));
    await this.transactions.writeWithNext(
      `INSERT INTO change_events (id, company_id, type, source, subject, data)
       SELECT (e.item->>'id')::uuid, $1, e.item->>'type', $2::jsonb, e.item->'subject', e.item->'data'
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(item, n)
        ORDER BY e.n`,
      [companyId, JSON.stringify(source), JSON.stringify(items)],
    );
  }

  /**
   * Sequences up to `limit` pending events (system work, in its own transaction); returns the last position given,
   * or null when there was none or another sequencer holds the lock. Listeners on SEQUENCED_EVENTS_CHANNEL hear
   * the position when the numbers commit.
   */
  async sequencePending(limit: number): Promise<string | null> {
    return this.transactions.run(async () => {
      const lock = await this.transactions.first<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        SEQUENCER_LOCK_KEY,
      ]);
      if (!lock?.locked) return null;
      const rows = await this.transactions.rows<{ position: string }>(SEQUENCE_PENDING_SQL, [limit]);
      const last = rows.reduce<string | null>(
        (max, row) => (max === null || BigInt(row.position) > BigInt(max) ? row.position : max),
        null,
      );
      if (last !== null) await this.transactions.rows('SELECT pg_notify($1, $2)', [SEQUENCED_EVENTS_CHANNEL, last]);
      return last;
    });
  }

  /** Events of every company after `position`, in position order (system work). */
  async readAfter(position: string, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.transactions.rows<ChangeEventRow>(
      `SELECT * FROM change_events WHERE position > $1 ORDER BY position LIMIT $2`,
      [position, limit],
    );
    return rows.map(toChangeEvent);
  }

  /** One company's events after `sequence`, in sequence order. */
  async readCompanyAfter(companyId: string, sequence: string, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.transactions.rows<ChangeEventRow>(
      `SELECT * FROM change_events WHERE company_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [companyId, sequence, limit],
    );
    return rows.map(toChangeEvent);
  }

  /** One sequenced event by id. */
  async findById(id: string): Promise<ChangeEvent | null> {
    const row = await this.transactions.first<ChangeEventRow>(`SELECT * FROM change_events WHERE id = $1 AND position IS NOT NULL`, [id]);
    return row ? toChangeEvent(row) : null;
  }

  /** The last position given (system work); '0' before the first event. */
  async lastPosition(): Promise<string> {
    const row = await this.transactions.first<{ position: string }>(
      `SELECT coalesce(max(position), 0)::text AS position FROM change_events`,
    );
    return row?.position ?? '0';
  }

  /** The last sequence number given to the company's events; '0' before its first. */
  async lastCompanySequence(companyId: string): Promise<string> {
    const row = await this.transactions.first<{ sequence: string }>(
      `SELECT coalesce((SELECT last_sequence FROM company_event_heads WHERE company_id = $1), 0)::text AS sequence`,
      [companyId],
    );
    return row?.sequence ?? '0';
  }
}

interface ChangeEventRow {
  id: string;
  company_id: string;
  position: string;
  sequence: string;
  type: ChangeEventType;
  source: ChangeSource;
  subject: EventSubject;
  data: Record<string, unknown>;
  occurred_at: Date;
}

function toChangeEvent(row: ChangeEventRow): ChangeEvent {
  return {
    id: row.id,
    type: row.type,
    companyId: row.company_id,
    occurredAt: row.occurred_at.toISOString(),
    position: row.position,
    sequence: row.sequence,
    source: row.source,
    subject: row.subject,
    data: row.data,
  };
}
