import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { KeyGrantKind, KeyGrantState, KeyGrantTask, NewKeyGrantTask } from './key-grant-task';

/** A task with the lease it was just handed out under. */
export interface LeasedKeyGrantTask extends KeyGrantTask {
  leaseExpiresAt: Date;
}

export interface KeyGrantBacklog {
  queued: number;
  leased: number;
  failed: number;
  oldestQueuedAt: Date | null;
  /** By the database's clock, like every time in the queue. */
  oldestQueuedAgeSeconds: number | null;
}

/** A task the planner cancelled: what it had itself superseded tells whether the key was ever handed over. */
export interface CancelledKeyGrantTask {
  id: string;
  supersedes: string | null;
}

/** A task whose lease expired waits in the queue again, whether or not anyone has leased it since. */
const WAITING = `(t.state = 'queued' OR (t.state = 'leased' AND t.lease_expires_at <= now()))`;

/** An earlier open task `e` of the same company as `t`, where one of the two is a grant (revokes never wait). */
const EARLIER_CONFLICT = `e.company_id = t.company_id AND e.entry < t.entry AND e.state IN ('queued', 'leased')
  AND (e.kind = 'grant' OR t.kind = 'grant')`;

/**
 * OFFSET 0 keeps PostgreSQL from turning a NOT EXISTS into an anti-join over the whole queue: checked per candidate
 * through its index, the scan in entry order stops at the limit.
 */
const PER_CANDIDATE = 'OFFSET 0';

/**
 * Hands out up to $2 tasks under lease $1 for $3 seconds, oldest first, optionally of company $4 only. A task waits
 * while an earlier conflicting task touches the same group and user (a null group or user touches all), so a grant
 * and a later revoke of one member never run at once. The test is split so that each part reads one index and a
 * group of any size costs nothing to a member's task: tasks of the same user; group-wide tasks of its group; for a
 * group-wide task only, every task of its group; user-wide against group-wide tasks. SKIP LOCKED: concurrent callers
 * never claim the same task.
 */
const LEASE_SQL = `
  WITH claimed AS (
    SELECT t.entry FROM key_grant_tasks t
     WHERE t.state IN ('queued', 'leased') AND ${WAITING} AND t.available_at <= now()
       AND ($4::uuid IS NULL OR t.company_id = $4)
       AND NOT EXISTS (
         SELECT 1 FROM key_grant_tasks e
          WHERE ${EARLIER_CONFLICT} AND e.user_id = t.user_id
            AND (e.group_id IS NULL OR t.group_id IS NULL OR e.group_id = t.group_id)
         ${PER_CANDIDATE})
       AND NOT EXISTS (
         SELECT 1 FROM key_grant_tasks e
          WHERE ${EARLIER_CONFLICT} AND e.user_id IS NULL AND e.group_id = t.group_id
         ${PER_CANDIDATE})
       AND (t.user_id IS NOT NULL OR NOT EXISTS (
         SELECT 1 FROM key_grant_tasks e
          WHERE ${EARLIER_CONFLICT} AND e.group_id = t.group_id
         ${PER_CANDIDATE}))
       AND (t.group_id IS NOT NULL OR NOT EXISTS (
         SELECT 1 FROM key_grant_tasks e
          WHERE ${EARLIER_CONFLICT} AND e.user_id IS NULL
         ${PER_CANDIDATE}))
       AND (t.user_id IS NOT NULL OR NOT EXISTS (
         SELECT 1 FROM key_grant_tasks e
          WHERE ${EARLIER_CONFLICT} AND e.group_id IS NULL
         ${PER_CANDIDATE}))
     ORDER BY t.entry
     LIMIT $2
     FOR UPDATE OF t SKIP LOCKED
  )
  UPDATE key_grant_tasks t
     SET state = 'leased', lease_id = $1, lease_expires_at = now() + make_interval(secs => $3), attempt = t.attempt + 1
    FROM claimed c
   WHERE t.entry = c.entry
  RETURNING t.*`;

@Injectable()
export class KeyGrantTasksRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async enqueue(task: NewKeyGrantTask): Promise<void> {
    await this.transactions.write(
      `INSERT INTO key_grant_tasks
         (id, company_id, kind, group_id, user_id, user_name, group_display_name, event_id, event_position, supersedes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        randomUUID(),
        task.companyId,
        task.kind,
        task.groupId,
        task.userId,
        task.userName,
        task.groupDisplayName,
        task.eventId,
        task.eventPosition,
        task.supersedes,
      ],
    );
  }

  /**
   * Queues the grants of members added (one per task given, in order), each cancelling the queued revoke of its
   * member and recording it: the set-based form of a run of `group.member_added` events, in which no member repeats.
   */
  async enqueueGrantsReplacingRevokes(grants: readonly NewKeyGrantTask[]): Promise<void> {
    await this.transactions.write(
      `WITH added AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(
           n int, company_id uuid, group_id uuid, user_id uuid, user_name text, group_display_name text,
           event_id uuid, event_position bigint)
       ), cancelled AS (
         UPDATE key_grant_tasks k SET state = 'cancelled', finished_at = now()
           FROM added a
          WHERE k.state = 'queued' AND k.kind = 'revoke'
            AND k.company_id = a.company_id AND k.group_id = a.group_id AND k.user_id = a.user_id
         RETURNING k.id, k.company_id, k.group_id, k.user_id
       )
       INSERT INTO key_grant_tasks
         (id, company_id, kind, group_id, user_id, user_name, group_display_name, event_id, event_position, supersedes)
       SELECT gen_random_uuid(), a.company_id, 'grant', a.group_id, a.user_id, a.user_name, a.group_display_name,
              a.event_id, a.event_position,
              (SELECT c.id FROM cancelled c
                WHERE c.company_id = a.company_id AND c.group_id = a.group_id AND c.user_id = a.user_id LIMIT 1)
         FROM added a
        ORDER BY a.n`,
      [
        JSON.stringify(
          grants.map((grant, n) => ({
            n,
            company_id: grant.companyId,
            group_id: grant.groupId,
            user_id: grant.userId,
            user_name: grant.userName,
            group_display_name: grant.groupDisplayName,
            event_id: grant.eventId,
            event_position: grant.eventPosition,
          })),
        ),
      ],
    );
  }

  /**
   * Queues the revokes of all the groups of users disabled or deleted (one per task given, in order), each user's
   * queued grants cancelled first: the set-based form of a run of `user.disabled` and `user.deleted` events. A user
   * may repeat; a revoke cancels only grants, so the run plans as its events one by one would.
   */
  async enqueueRevokesCancellingGrants(revokes: readonly NewKeyGrantTask[]): Promise<void> {
    await this.transactions.write(
      `WITH revoked AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
           n int, company_id uuid, user_id uuid, user_name text, event_id uuid, event_position bigint)
       ), cancelled AS (
         UPDATE key_grant_tasks k SET state = 'cancelled', finished_at = now()
           FROM (SELECT DISTINCT company_id, user_id FROM revoked) r
          WHERE k.state = 'queued' AND k.kind = 'grant' AND k.company_id = r.company_id AND k.user_id = r.user_id
       )
       INSERT INTO key_grant_tasks
         (id, company_id, kind, group_id, user_id, user_name, group_display_name, event_id, event_position, supersedes)
       SELECT gen_random_uuid(), r.company_id, 'revoke', NULL, r.user_id, r.user_name, NULL, r.event_id, r.event_position, NULL
         FROM revoked r
        ORDER BY r.n`,
      [
        JSON.stringify(
          revokes.map((revoke, n) => ({
            n,
            company_id: revoke.companyId,
            user_id: revoke.userId,
            user_name: revoke.userName,
            event_id: revoke.eventId,
            event_position: revoke.eventPosition,
          })),
        ),
      ],
    );
  }

  /** Cancels the queued task of this kind for exactly this group and user. */
  cancelQueuedOfMember(companyId: string, kind: KeyGrantKind, groupId: string, userId: string): Promise<CancelledKeyGrantTask[]> {
    return this.cancelQueued(`company_id = $1 AND kind = $2 AND group_id = $3 AND user_id = $4`, [companyId, kind, groupId, userId]);
  }

  /** Cancels the queued revoke of all the user's groups. */
  cancelQueuedRevokeOfUser(companyId: string, userId: string): Promise<CancelledKeyGrantTask[]> {
    return this.cancelQueued(`company_id = $1 AND kind = 'revoke' AND group_id IS NULL AND user_id = $2`, [companyId, userId]);
  }

  /** Cancels every queued grant of the group's key. */
  cancelQueuedGrantsOfGroup(companyId: string, groupId: string): Promise<CancelledKeyGrantTask[]> {
    return this.cancelQueued(`company_id = $1 AND kind = 'grant' AND group_id = $2`, [companyId, groupId]);
  }

  /** Whether a revoke of all the user's groups is queued (not yet leased). */
  async hasQueuedRevokeOfUser(companyId: string, userId: string): Promise<boolean> {
    const row = await this.transactions.first<{ id: string }>(
      `SELECT id FROM key_grant_tasks
        WHERE company_id = $1 AND user_id = $2 AND group_id IS NULL AND kind = 'revoke' AND state = 'queued' LIMIT 1`,
      [companyId, userId],
    );
    return row !== null;
  }

  async lease(leaseId: string, limit: number, leaseSeconds: number, companyId: string | null): Promise<LeasedKeyGrantTask[]> {
    const rows = await this.transactions.rows<KeyGrantTaskRecord>(LEASE_SQL, [leaseId, limit, leaseSeconds, companyId]);
    return rows.sort((a, b) => compareEntries(a.entry, b.entry)).map((row) => toTask(row) as LeasedKeyGrantTask);
  }

  /** Completes the task if `leaseId` still holds it (an expired lease still holds it until someone else leases it). */
  async complete(id: string, leaseId: string): Promise<KeyGrantTask | null> {
    const { rows } = await this.transactions.write<KeyGrantTaskRecord>(
      `UPDATE key_grant_tasks SET state = 'completed', finished_at = now(), lease_expires_at = NULL
        WHERE id = $1 AND lease_id = $2 AND state = 'leased'
       RETURNING *`,
      [id, leaseId],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /** Queues the task again after `retryAfterSeconds`, if `leaseId` still holds it. */
  async failForRetry(id: string, leaseId: string, reason: string, retryAfterSeconds: number): Promise<KeyGrantTask | null> {
    const { rows } = await this.transactions.write<KeyGrantTaskRecord>(
      `UPDATE key_grant_tasks
          SET state = 'queued', last_error = $3, lease_expires_at = NULL, available_at = now() + make_interval(secs => $4)
        WHERE id = $1 AND lease_id = $2 AND state = 'leased'
       RETURNING *`,
      [id, leaseId, reason, retryAfterSeconds],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /** Marks the task failed for good, if `leaseId` still holds it. */
  async failForGood(id: string, leaseId: string, reason: string): Promise<KeyGrantTask | null> {
    const { rows } = await this.transactions.write<KeyGrantTaskRecord>(
      `UPDATE key_grant_tasks SET state = 'failed', last_error = $3, lease_expires_at = NULL, finished_at = now()
        WHERE id = $1 AND lease_id = $2 AND state = 'leased'
       RETURNING *`,
      [id, leaseId, reason],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /** The task and the lease that last held it, to explain a refused completion. */
  async findWithLease(id: string): Promise<{ task: KeyGrantTask; leaseId: string | null } | null> {
    const row = await this.transactions.first<KeyGrantTaskRecord>(`SELECT * FROM key_grant_tasks WHERE id = $1`, [id]);
    return row ? { task: toTask(row), leaseId: row.lease_id } : null;
  }

  async backlog(companyId: string): Promise<KeyGrantBacklog> {
    const row = await this.transactions.first<BacklogRecord>(
      `SELECT count(*) FILTER (WHERE ${WAITING}) AS queued,
              count(*) FILTER (WHERE t.state = 'leased' AND t.lease_expires_at > now()) AS leased,
              count(*) FILTER (WHERE t.state = 'failed') AS failed,
              min(t.created_at) FILTER (WHERE ${WAITING}) AS oldest_queued_at,
              floor(extract(epoch FROM now() - min(t.created_at) FILTER (WHERE ${WAITING}))) AS oldest_queued_age
         FROM key_grant_tasks t
        WHERE t.company_id = $1 AND t.state IN ('queued', 'leased', 'failed')`,
      [companyId],
    );
    return {
      queued: Number(row?.queued ?? 0),
      leased: Number(row?.leased ?? 0),
      failed: Number(row?.failed ?? 0),
      oldestQueuedAt: row?.oldest_queued_at ?? null,
      oldestQueuedAgeSeconds: row?.oldest_queued_age == null ? null : Math.max(0, Number(row.oldest_queued_age)),
    };
  }

  /** The company's tasks that failed for good, newest first. */
  async recentFailures(companyId: string, limit: number): Promise<KeyGrantTask[]> {
    const rows = await this.transactions.rows<KeyGrantTaskRecord>(
      `SELECT * FROM key_grant_tasks WHERE company_id = $1 AND state = 'failed' ORDER BY finished_at DESC, entry DESC LIMIT $2`,
      [companyId, limit],
    );
    return rows.map(toTask);
  }

  /** Deletes up to `limit` completed or cancelled tasks that finished more than `days` ago (system work). */
  async purgeFinished(days: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM key_grant_tasks WHERE entry IN (
         SELECT entry FROM key_grant_tasks
          WHERE state IN ('completed', 'cancelled') AND finished_at < now() - make_interval(days => $1)
          LIMIT $2)`,
      [days, limit],
    );
    return count;
  }

  private async cancelQueued(condition: string, params: unknown[]): Promise<CancelledKeyGrantTask[]> {
    const { rows } = await this.transactions.write<CancelledKeyGrantTask>(
      `UPDATE key_grant_tasks SET state = 'cancelled', finished_at = now()
        WHERE state = 'queued' AND ${condition}
       RETURNING id, supersedes`,
      params,
    );
    return rows;
  }
}

interface BacklogRecord {
  queued: string;
  leased: string;
  failed: string;
  oldest_queued_at: Date | null;
  oldest_queued_age: string | null;
}

interface KeyGrantTaskRecord {
  entry: string;
  id: string;
  company_id: string;
  kind: KeyGrantKind;
  state: KeyGrantState;
  group_id: string | null;
  user_id: string | null;
  user_name: string | null;
  group_display_name: string | null;
  event_id: string;
  attempt: number;
  lease_id: string | null;
  lease_expires_at: Date | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

function compareEntries(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function toTask(row: KeyGrantTaskRecord): KeyGrantTask {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    companyId: row.company_id,
    groupId: row.group_id,
    userId: row.user_id,
    userName: row.user_name,
    groupDisplayName: row.group_display_name,
    eventId: row.event_id,
    attempt: row.attempt,
    createdAt: row.created_at,
    leaseExpiresAt: row.lease_expires_at,
    lastError: row.last_error,
    finishedAt: row.finished_at,
  };
}
