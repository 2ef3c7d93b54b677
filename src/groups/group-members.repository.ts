import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { UserState } from '../accounts/entities/user-account.entity';
import { TransactionHost } from '../database/transaction-host';

/** A member with what listing it needs from its user account. */
export interface GroupMemberView {
  userId: string;
  userName: string;
  displayName: string | null;
  state: UserState;
}

/*
 * Membership statements, set-based: adding or removing k members makes k probes of an index (the primary key
 * (company_id, group_id, user_id), or (company_id, user_id) when the planner prefers it), whatever the group's
 * size, and never reads the other members. Exported so that the scale tests can EXPLAIN exactly what runs.
 * Parameters: $1 company, $2 group, $3 user ids.
 */

/** Locks the named users that exist and are not deleted (FOR SHARE: a concurrent user deletion waits, and vice versa). */
export const LOCK_USERS_SQL = `
  SELECT u.id FROM user_accounts u
   WHERE u.company_id = $1 AND u.id = ANY($2::uuid[]) AND u.state <> 'deleted'
   ORDER BY u.id
   FOR SHARE`;

export const ADD_MEMBERS_SQL = `
  WITH added AS (
    INSERT INTO group_members (company_id, group_id, user_id)
    SELECT $1::uuid, $2::uuid, u.id
      FROM unnest($3::uuid[]) AS ids(id)
      JOIN user_accounts u ON u.company_id = $1::uuid AND u.id = ids.id AND u.state <> 'deleted'
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS changed FROM added`;

export const REMOVE_MEMBERS_SQL = `
  WITH removed AS (
    DELETE FROM group_members
     WHERE company_id = $1 AND group_id = $2 AND user_id = ANY($3::uuid[])
    RETURNING 1
  )
  SELECT count(*)::int AS changed FROM removed`;

/** A full replace must look at every member: the ones not kept go, through a hash anti-join with the new set. */
export const REMOVE_MEMBERS_NOT_IN_SQL = `
  WITH removed AS (
    DELETE FROM group_members gm
     WHERE gm.company_id = $1 AND gm.group_id = $2
       AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[]) AS keep(id) WHERE keep.id = gm.user_id)
    RETURNING 1
  )
  SELECT count(*)::int AS changed FROM removed`;

/**
 * A keyset page in user id order: a range of the membership keys, then one key lookup per member in user_accounts
 * (LIMIT 1 keeps the LATERAL a per-row lookup, which the planner would otherwise turn into a join over every user of
 * the company), so a page costs its size wherever it starts.
 */
export const MEMBER_PAGE_SQL = `
  SELECT gm.user_id, u.user_name, u.display_name, u.state
    FROM (SELECT user_id FROM group_members
           WHERE company_id = $1 AND group_id = $2 AND user_id > $3::uuid
           ORDER BY user_id
           LIMIT $4) gm
   CROSS JOIN LATERAL (SELECT user_name, display_name, state FROM user_accounts
                        WHERE company_id = $1 AND id = gm.user_id
                        LIMIT 1) u
   ORDER BY gm.user_id`;

/** Sorts before every id gen_random_uuid() makes, so that the first page needs no other statement. */
const BEFORE_FIRST_USER_ID = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class GroupMembersRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The ids among `userIds` that are not users of the company (or are deleted); the others stay locked. */
  async lockUsersAndFindUnknown(companyId: string, userIds: string[]): Promise<string[]> {
    const candidates = userIds.filter((id) => isUUID(id));
    const found = new Set<string>();
    if (candidates.length > 0) {
      const rows: { id: string }[] = await this.transactions.manager.query(LOCK_USERS_SQL, [companyId, candidates]);
      for (const row of rows) found.add(row.id.toLowerCase());
    }
    return userIds.filter((id) => !found.has(id.toLowerCase()));
  }

  /** Adds the users not already members; returns how many were added. */
  async add(companyId: string, groupId: string, userIds: string[]): Promise<number> {
    const ids = uuidsOf(userIds);
    return ids.length ? this.change(ADD_MEMBERS_SQL, companyId, groupId, ids) : 0;
  }

  /** Removes those of the users that are members; returns how many were. */
  async remove(companyId: string, groupId: string, userIds: string[]): Promise<number> {
    const ids = uuidsOf(userIds);
    return ids.length ? this.change(REMOVE_MEMBERS_SQL, companyId, groupId, ids) : 0;
  }

  /** Makes the members exactly `userIds`; returns how many memberships were removed or added. */
  async replace(companyId: string, groupId: string, userIds: string[]): Promise<number> {
    const ids = uuidsOf(userIds);
    const removed = await this.change(REMOVE_MEMBERS_NOT_IN_SQL, companyId, groupId, ids);
    return removed + (await this.add(companyId, groupId, ids));
  }

  async removeAll(companyId: string, groupId: string): Promise<number> {
    const [, removed]: [unknown[], number] = await this.transactions.manager.query(
      `DELETE FROM group_members WHERE company_id = $1 AND group_id = $2`,
      [companyId, groupId],
    );
    return removed;
  }

  async count(companyId: string, groupId: string): Promise<number> {
    const rows: { total: string }[] = await this.transactions.manager.query(
      `SELECT count(*) AS total FROM group_members WHERE company_id = $1 AND group_id = $2`,
      [companyId, groupId],
    );
    return Number(rows[0].total);
  }

  /** Up to `limit` members whose user id sorts after `afterUserId` (from the first when undefined). */
  async page(companyId: string, groupId: string, afterUserId: string | undefined, limit: number): Promise<GroupMemberView[]> {
    const rows: { user_id: string; user_name: string; display_name: string | null; state: UserState }[] =
      await this.transactions.manager.query(MEMBER_PAGE_SQL, [companyId, groupId, afterUserId ?? BEFORE_FIRST_USER_ID, limit]);
    return rows.map((row) => ({ userId: row.user_id, userName: row.user_name, displayName: row.display_name, state: row.state }));
  }

  private async change(sql: string, companyId: string, groupId: string, userIds: string[]): Promise<number> {
    const rows: { changed: number }[] = await this.transactions.manager.query(sql, [companyId, groupId, userIds]);
    return rows[0].changed;
  }
}

/** An id that is not a UUID names no user, so it can be neither added nor removed. */
function uuidsOf(userIds: string[]): string[] {
  return userIds.filter((id) => isUUID(id));
}
