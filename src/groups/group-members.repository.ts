import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { UserState } from '../accounts/entities/user-account.entity';
import { RecordCondition } from '../common/query/record-query';
import { compileCondition } from '../database/query/record-query-compiler';
import { SqlFragment } from '../database/query/sql-parameters';
import { TransactionHost } from '../database/transaction-host';
import { Group } from './entities/group.entity';
import { MEMBERSHIP_GROUP_COLUMNS } from './groups.columns';
import { GroupRow, toGroup } from './groups.repository';

/** What a one-statement membership write found; only `written` changed anything. */
export type MemberWriteOutcome =
  | { kind: 'written'; group: Group }
  | { kind: 'groupNotFound' }
  | { kind: 'versionMismatch'; currentVersion: number }
  | { kind: 'unknownUsers'; userIds: string[] }
  /** A removal that raced another write to the group and could not be proven exact (see REMOVE_FROM_GROUP_SQL). */
  | { kind: 'inconclusive' };

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

/*
 * A lone add or removal as one statement, outside any transaction: it locks the group, checks the expected version
 * ($4, null for none), changes the members and bumps the version when a membership changed, so that the group's lock
 * is held for this statement alone rather than across round trips to the service. Every other CTE waits for
 * `target`, so the group is locked first, as in the transactional path. Parameters: $1 company, $2 group, $3 distinct
 * user ids (UUIDs), $4 expected version. No row: no such group.
 *
 * The named rows are found by one key lookup per id (LATERAL ... LIMIT 1). A plain `= ANY($3)` is planned as a scan
 * of the whole company, filtered, whenever the statistics do not know the company yet (a new tenant's first import):
 * they then estimate one row for it, and that scan would run under the group's lock.
 */

/** $5: how many distinct ids were named, UUIDs or not. The users are locked FOR SHARE, then the deleted ones dropped. */
export const ADD_TO_GROUP_SQL = `
  WITH target AS (
    SELECT * FROM groups WHERE company_id = $1 AND id = $2 FOR UPDATE
  ), found AS (
    SELECT u.id FROM unnest($3::uuid[]) AS ids(id)
     CROSS JOIN LATERAL (SELECT id, state FROM user_accounts WHERE company_id = $1 AND id = ids.id LIMIT 1 FOR SHARE) u
     WHERE u.state <> 'deleted' AND EXISTS (SELECT FROM target)
  ), verdict AS (
    SELECT ($4::int IS NULL OR t.version = $4) AS version_matches, (SELECT count(*) FROM found) = $5 AS users_known
      FROM target t
  ), added AS (
    INSERT INTO group_members (company_id, group_id, user_id)
    SELECT $1::uuid, $2::uuid, f.id FROM found f WHERE (SELECT version_matches AND users_known FROM verdict)
    ON CONFLICT DO NOTHING
    RETURNING 1
  ), bumped AS (
    UPDATE groups SET version = version + 1, updated_at = now()
     WHERE company_id = $1 AND id = $2 AND EXISTS (SELECT FROM added)
    RETURNING *
  )
  SELECT g.*, v.version_matches, v.users_known,
         CASE WHEN v.users_known THEN NULL ELSE ARRAY(SELECT f.id FROM found f) END AS found_user_ids
    FROM verdict v, (SELECT * FROM bumped UNION ALL SELECT * FROM target WHERE NOT EXISTS (SELECT FROM bumped)) g`;

/**
 * READ COMMITTED gives the statement a snapshot taken before it waited for the group's lock, and a DELETE finds only
 * the rows its snapshot sees: a member that the lock's holder added meanwhile would be missed. So the removal is
 * `exact` only when no write to the group committed since the snapshot (the version is the same), or when every
 * named member was found and locked as it is now; otherwise the statement writes nothing, to be redone under the lock.
 * The DELETE takes the rows `present` found in the company's group and locked by their ctid: any other condition
 * would let the planner pick that scan of the company again.
 */
export const REMOVE_FROM_GROUP_SQL = `
  WITH target AS (
    SELECT * FROM groups WHERE company_id = $1 AND id = $2 FOR UPDATE
  ), present AS (
    SELECT m.row_id FROM unnest($3::uuid[]) AS ids(id)
     CROSS JOIN LATERAL (
       SELECT ctid AS row_id FROM group_members WHERE company_id = $1 AND group_id = $2 AND user_id = ids.id LIMIT 1 FOR UPDATE
     ) m
     WHERE EXISTS (SELECT FROM target)
  ), verdict AS (
    SELECT ($4::int IS NULL OR t.version = $4) AS version_matches,
           t.version = (SELECT version FROM groups WHERE company_id = $1 AND id = $2)
             OR (SELECT count(*) FROM present) = cardinality($3::uuid[]) AS exact
      FROM target t
  ), removed AS (
    DELETE FROM group_members
     WHERE ctid = ANY(ARRAY(SELECT row_id FROM present)) AND (SELECT version_matches AND exact FROM verdict)
    RETURNING 1
  ), bumped AS (
    UPDATE groups SET version = version + 1, updated_at = now()
     WHERE company_id = $1 AND id = $2 AND EXISTS (SELECT FROM removed)
    RETURNING *
  )
  SELECT g.*, v.version_matches, v.exact
    FROM verdict v, (SELECT * FROM bumped UNION ALL SELECT * FROM target WHERE NOT EXISTS (SELECT FROM bumped)) g`;

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

/** The users in some group matching the condition (any group without one); the company is $1. */
export function userIdsInGroupsStatement(condition: RecordCondition | undefined): SqlFragment {
  const where = condition && compileCondition(condition, MEMBERSHIP_GROUP_COLUMNS, 1);
  const sql = `SELECT DISTINCT gm.user_id
                 FROM group_members gm
                 JOIN groups g ON g.company_id = gm.company_id AND g.id = gm.group_id
                WHERE gm.company_id = $1${where ? ` AND (${where.sql})` : ''}`;
  return { sql, params: where?.params ?? [] };
}

@Injectable()
export class GroupMembersRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The ids among `userIds` that are not users of the company (or are deleted); the others stay locked. */
  async lockUsersAndFindUnknown(companyId: string, userIds: string[]): Promise<string[]> {
    const candidates = userIds.filter((id) => isUUID(id));
    const found = new Set<string>();
    if (candidates.length > 0) {
      const rows = await this.transactions.rows<{ id: string }>(LOCK_USERS_SQL, [companyId, candidates]);
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

  /** Adds the users to the group in one statement of its own (ADD_TO_GROUP_SQL); all of them, or none. */
  async addInOneStatement(
    companyId: string,
    groupId: string,
    userIds: string[],
    expectedVersion: number | undefined,
  ): Promise<MemberWriteOutcome> {
    if (!isUUID(groupId)) return { kind: 'groupNotFound' };
    const named = distinctLowerCase(userIds);
    const row = await this.transactions.first<
      GroupRow & { version_matches: boolean; users_known: boolean; found_user_ids: string[] | null }
    >(ADD_TO_GROUP_SQL, [companyId, groupId, named.filter((id) => isUUID(id)), expectedVersion ?? null, named.length]);
    if (!row) return { kind: 'groupNotFound' };
    if (!row.version_matches) return { kind: 'versionMismatch', currentVersion: row.version };
    if (!row.users_known) {
      const found = new Set(row.found_user_ids);
      return { kind: 'unknownUsers', userIds: userIds.filter((id) => !found.has(id.toLowerCase())) };
    }
    return { kind: 'written', group: toGroup(row) };
  }

  /** Removes those of the users that are members in one statement of its own (REMOVE_FROM_GROUP_SQL). */
  async removeInOneStatement(
    companyId: string,
    groupId: string,
    userIds: string[],
    expectedVersion: number | undefined,
  ): Promise<MemberWriteOutcome> {
    if (!isUUID(groupId)) return { kind: 'groupNotFound' };
    const row = await this.transactions.first<GroupRow & { version_matches: boolean; exact: boolean }>(REMOVE_FROM_GROUP_SQL, [
      companyId,
      groupId,
      distinctLowerCase(uuidsOf(userIds)),
      expectedVersion ?? null,
    ]);
    if (!row) return { kind: 'groupNotFound' };
    if (!row.version_matches) return { kind: 'versionMismatch', currentVersion: row.version };
    return row.exact ? { kind: 'written', group: toGroup(row) } : { kind: 'inconclusive' };
  }

  async removeAll(companyId: string, groupId: string): Promise<number> {
    const { count } = await this.transactions.write(`DELETE FROM group_members WHERE company_id = $1 AND group_id = $2`, [
      companyId,
      groupId,
    ]);
    return count;
  }

  /** Takes the user out of every group of the company. */
  async removeUserEverywhere(companyId: string, userId: string): Promise<void> {
    await this.transactions.write(`DELETE FROM group_members WHERE company_id = $1 AND user_id = $2`, [companyId, userId]);
  }

  /** Up to `limit` member ids in id order, after `afterUserId` (from the first when undefined). */
  async idsAfter(companyId: string, groupId: string, afterUserId: string | undefined, limit: number): Promise<string[]> {
    const rows = await this.transactions.rows<{ user_id: string }>(
      `SELECT user_id FROM group_members
        WHERE company_id = $1 AND group_id = $2 AND user_id > $3::uuid
        ORDER BY user_id
        LIMIT $4`,
      [companyId, groupId, afterUserId ?? BEFORE_FIRST_USER_ID, limit],
    );
    return rows.map((row) => row.user_id);
  }

  /** The users that belong to some group matching the condition (to any group, without one). */
  async userIdsInGroupsMatching(companyId: string, condition: RecordCondition | undefined): Promise<string[]> {
    const statement = userIdsInGroupsStatement(condition);
    const rows = await this.transactions.rows<{ user_id: string }>(statement.sql, [companyId, ...statement.params]);
    return rows.map((row) => row.user_id);
  }

  async count(companyId: string, groupId: string): Promise<number> {
    const row = await this.transactions.first<{ total: string }>(
      `SELECT count(*) AS total FROM group_members WHERE company_id = $1 AND group_id = $2`,
      [companyId, groupId],
    );
    return Number(row!.total);
  }

  /** Up to `limit` members whose user id sorts after `afterUserId` (from the first when undefined). */
  async page(companyId: string, groupId: string, afterUserId: string | undefined, limit: number): Promise<GroupMemberView[]> {
    const rows = await this.transactions.rows<{ user_id: string; user_name: string; display_name: string | null; state: UserState }>(
      MEMBER_PAGE_SQL,
      [companyId, groupId, afterUserId ?? BEFORE_FIRST_USER_ID, limit],
    );
    return rows.map((row) => ({ userId: row.user_id, userName: row.user_name, displayName: row.display_name, state: row.state }));
  }

  private async change(sql: string, companyId: string, groupId: string, userIds: string[]): Promise<number> {
    const row = await this.transactions.first<{ changed: number }>(sql, [companyId, groupId, userIds]);
    return row!.changed;
  }
}

/** An id that is not a UUID names no user, so it can be neither added nor removed. */
function uuidsOf(userIds: string[]): string[] {
  return userIds.filter((id) => isUUID(id));
}

/** The statements count ids against rows, so each id is named once; UUIDs compare without regard to case. */
function distinctLowerCase(ids: string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}
