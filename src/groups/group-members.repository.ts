import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { RecordCondition } from '../common/query/record-query';
import { compileCondition } from '../database/query/record-query-compiler';
import { SqlFragment } from '../database/query/sql-parameters';
import { TransactionHost } from '../database/transaction-host';
import { MEMBERSHIP_GROUP_COLUMNS } from './groups.columns';

/*
 * Membership statements, set-based: adding or removing k members makes k probes of the primary key
 * (company_id, group_id, user_id), whatever the group's size, and never reads the other members. They run under
 * the group's lock (GroupsService), after the users to add were checked and locked by the accounts module.
 * Exported so that the scale tests can EXPLAIN exactly what runs. Parameters: $1 company, $2 group, $3 user ids.
 */

export const ADD_MEMBERS_SQL = `
  INSERT INTO group_members (company_id, group_id, user_id)
  SELECT $1::uuid, $2::uuid, ids.id FROM unnest($3::uuid[]) AS ids(id)
  ON CONFLICT DO NOTHING
  RETURNING user_id`;

/**
 * The named rows are found by one key lookup per id (LATERAL ... LIMIT 1) and deleted by their ctid: a plain
 * `= ANY($3)` is planned as a scan of the whole company whenever the statistics do not know the company yet
 * (a new tenant's first import), and that scan would run under the group's lock.
 */
export const REMOVE_MEMBERS_SQL = `
  DELETE FROM group_members
   WHERE ctid = ANY(ARRAY(
     SELECT m.row_id FROM unnest($3::uuid[]) AS ids(id)
      CROSS JOIN LATERAL (SELECT ctid AS row_id FROM group_members
                           WHERE company_id = $1 AND group_id = $2 AND user_id = ids.id LIMIT 1) m))
  RETURNING user_id`;

/** A full replace must look at every member: the ones not kept go, through a hash anti-join with the new set. */
export const REMOVE_MEMBERS_NOT_IN_SQL = `
  DELETE FROM group_members gm
   WHERE gm.company_id = $1 AND gm.group_id = $2
     AND NOT EXISTS (SELECT 1 FROM unnest($3::uuid[]) AS keep(id) WHERE keep.id = gm.user_id)
  RETURNING gm.user_id`;

/** A keyset page of member ids: a range of the membership keys, so a page costs its size wherever it starts. */
export const MEMBER_IDS_PAGE_SQL = `
  SELECT user_id FROM group_members
   WHERE company_id = $1 AND group_id = $2 AND user_id > $3::uuid
   ORDER BY user_id
   LIMIT $4`;

/** A group the user left, as its events name it. */
export interface LeftGroup {
  id: string;
  displayName: string;
  externalId: string | null;
}

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

  /** Adds the users not already members (users the caller checked); returns the ids it added. */
  async add(companyId: string, groupId: string, userIds: string[]): Promise<string[]> {
    return this.change(ADD_MEMBERS_SQL, companyId, groupId, userIds);
  }

  /** Removes those of the users that are members; returns the ids it removed. */
  async remove(companyId: string, groupId: string, userIds: string[]): Promise<string[]> {
    return this.change(REMOVE_MEMBERS_SQL, companyId, groupId, userIds);
  }

  /** Removes every member not among `keepIds`; returns the ids it removed. */
  async removeAllBut(companyId: string, groupId: string, keepIds: string[]): Promise<string[]> {
    return this.userIdsOf(REMOVE_MEMBERS_NOT_IN_SQL, companyId, groupId, distinctUuids(keepIds));
  }

  /** Takes the user out of every group of the company; returns those groups. */
  async removeUserEverywhere(companyId: string, userId: string): Promise<LeftGroup[]> {
    const rows = await this.transactions.rows<{ id: string; display_name: string; external_id: string | null }>(
      `WITH removed AS (
         DELETE FROM group_members WHERE company_id = $1 AND user_id = $2 RETURNING group_id
       )
       SELECT g.id, g.display_name, g.external_id FROM removed r JOIN groups g ON g.company_id = $1 AND g.id = r.group_id`,
      [companyId, userId],
    );
    return rows.map((row) => ({ id: row.id, displayName: row.display_name, externalId: row.external_id }));
  }

  /** Up to `limit` member ids in id order, after `afterUserId` (from the first when undefined). */
  async idsAfter(companyId: string, groupId: string, afterUserId: string | undefined, limit: number): Promise<string[]> {
    const rows = await this.transactions.rows<{ user_id: string }>(MEMBER_IDS_PAGE_SQL, [
      companyId,
      groupId,
      afterUserId ?? BEFORE_FIRST_USER_ID,
      limit,
    ]);
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

  private async change(sql: string, companyId: string, groupId: string, userIds: string[]): Promise<string[]> {
    const ids = distinctUuids(userIds);
    return ids.length > 0 ? this.userIdsOf(sql, companyId, groupId, ids) : [];
  }

  private async userIdsOf(sql: string, companyId: string, groupId: string, userIds: string[]): Promise<string[]> {
    const rows = await this.transactions.rows<{ user_id: string }>(sql, [companyId, groupId, userIds]);
    return rows.map((row) => row.user_id);
  }
}

/** Each id once; an id that is not a UUID names no user; UUIDs compare without regard to case. */
function distinctUuids(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => isUUID(id)).map((id) => id.toLowerCase()))];
}
