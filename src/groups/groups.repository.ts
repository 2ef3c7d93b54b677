import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { UserGroupSummary } from '../accounts/user-memberships.port';
import { isUniqueViolation } from '../database/postgres-errors';
import { RecordCondition, RecordSearch } from '../common/query/record-query';
import { compileCondition, compileSort } from '../database/query/record-query-compiler';
import { TransactionHost } from '../database/transaction-host';
import { ManagingIntegration } from '../common/auth/change-source';
import { Group } from './entities/group.entity';
import { GROUP_COLUMNS } from './groups.columns';

export interface GroupIdentity {
  displayName: string;
  externalId: string | null;
}

/** The attributes of a group kept in its own row. */
export interface GroupAttributes {
  displayName: string;
  externalId: string | null;
}

export interface GroupWithMemberCount {
  group: Group;
  memberCount: number;
  /** The stored lower(display_name): where the next page starts. */
  sortKey: string;
}

export interface GroupListQuery {
  /** Part of the displayName, any case. */
  search?: string;
  /** Only groups whose lower-cased displayName sorts after this one (the previous page's last). */
  afterName?: string;
  limit: number;
}

/** A `groups` row as the driver returns it. */
export interface GroupRow {
  company_id: string;
  id: string;
  integration_id: string | null;
  integration_provider: string | null;
  display_name: string;
  display_name_key: string;
  external_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const DISPLAY_NAME_TAKEN = 'UQ_groups_display_name';

@Injectable()
export class GroupsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(companyId: string, manager: ManagingIntegration | null, attributes: GroupAttributes): Promise<Group> {
    try {
      const { rows } = await this.transactions.write<GroupRow>(
        `INSERT INTO groups (company_id, integration_id, integration_provider, display_name, external_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [companyId, manager?.id ?? null, manager?.provider ?? null, attributes.displayName, attributes.externalId],
      );
      return toGroup(rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error, attributes.displayName);
    }
  }

  /** Ids that are not UUIDs match nothing. */
  async findById(companyId: string, groupId: string): Promise<Group | null> {
    return this.findOne(companyId, groupId, '');
  }

  /** Same as findById, locking the row until the transaction ends: writes to one group run one at a time. */
  async findByIdForUpdate(companyId: string, groupId: string): Promise<Group | null> {
    return this.findOne(companyId, groupId, 'FOR UPDATE');
  }

  /** Writes the attributes and bumps the version: called once per write that changed anything, members included. */
  async update(companyId: string, groupId: string, attributes: GroupAttributes): Promise<Group> {
    try {
      const { rows } = await this.transactions.write<GroupRow>(
        `UPDATE groups SET display_name = $3, external_id = $4, version = version + 1, updated_at = now()
          WHERE company_id = $1 AND id = $2
          RETURNING *`,
        [companyId, groupId, attributes.displayName, attributes.externalId],
      );
      return toGroup(rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error, attributes.displayName);
    }
  }

  /** Memberships go with the group (ON DELETE CASCADE). */
  async delete(companyId: string, groupId: string): Promise<void> {
    await this.transactions.write(`DELETE FROM groups WHERE company_id = $1 AND id = $2`, [companyId, groupId]);
  }

  /**
   * One page of groups; with `withTotal` the number of all matches rides along as a window count
   * (undefined when the page is past the end and so has no rows).
   */
  async search(companyId: string, search: RecordSearch, withTotal: boolean): Promise<{ groups: Group[]; total: number | undefined }> {
    const where = search.where && compileCondition(search.where, GROUP_COLUMNS, 1);
    const params = [companyId, ...(where?.params ?? []), search.limit, search.offset];
    const limitParam = params.length - 1;
    const rows = await this.transactions.rows<GroupRow & { total_count?: string }>(
      `SELECT g.*${withTotal ? ', count(*) OVER () AS total_count' : ''} FROM groups g
        WHERE g.company_id = $1${where ? ` AND (${where.sql})` : ''}
        ORDER BY ${compileSort(search.sort, GROUP_COLUMNS)}
        LIMIT $${limitParam} OFFSET $${limitParam + 1}`,
      params,
    );
    // On an empty page the count is 0 when the page starts at the first match, unknown past the end.
    return {
      groups: rows.map(toGroup),
      total: withTotal ? (rows.length ? Number(rows[0].total_count) : search.offset === 0 ? 0 : undefined) : undefined,
    };
  }

  /** Every group the integration manages. */
  async listManagedBy(companyId: string, integrationId: string): Promise<Group[]> {
    const rows = await this.transactions.rows<GroupRow>(`SELECT * FROM groups WHERE company_id = $1 AND integration_id = $2 ORDER BY id`, [
      companyId,
      integrationId,
    ]);
    return rows.map(toGroup);
  }

  /** The groups of the company with one of these displayNames (any case) that `integrationId` does not manage. */
  async namedOutside(companyId: string, integrationId: string, displayNames: string[]): Promise<Group[]> {
    if (displayNames.length === 0) return [];
    const rows = await this.transactions.rows<GroupRow>(
      `SELECT * FROM groups
        WHERE company_id = $1 AND display_name_key = ANY($3::text[]) AND integration_id IS DISTINCT FROM $2`,
      [companyId, integrationId, displayNames.map((name) => name.toLowerCase())],
    );
    return rows.map(toGroup);
  }

  /** Moves every group `from` manages to `to` in one statement; returns how many. The version stays. */
  async transferManagement(companyId: string, from: ManagingIntegration, to: ManagingIntegration): Promise<number> {
    const { count } = await this.transactions.write(
      `UPDATE groups SET integration_id = $3, integration_provider = $4 WHERE company_id = $1 AND integration_id = $2`,
      [companyId, from.id, to.id, to.provider],
    );
    return count;
  }

  /** How many groups each integration manages; integrations with none are absent. */
  async countByIntegration(companyId: string): Promise<Map<string, number>> {
    const rows = await this.transactions.rows<{ integration_id: string; count: string }>(
      `SELECT integration_id, count(*) AS count FROM groups
        WHERE company_id = $1 AND integration_id IS NOT NULL
        GROUP BY integration_id`,
      [companyId],
    );
    return new Map(rows.map((row) => [row.integration_id, Number(row.count)]));
  }

  async count(companyId: string, condition?: RecordCondition): Promise<number> {
    const where = condition && compileCondition(condition, GROUP_COLUMNS, 1);
    const row = await this.transactions.first<{ total: string }>(
      `SELECT count(*) AS total FROM groups g WHERE g.company_id = $1${where ? ` AND (${where.sql})` : ''}`,
      [companyId, ...(where?.params ?? [])],
    );
    return Number(row!.total);
  }

  /**
   * A page of groups in displayName order (case-insensitively), each with its member count. The order and
   * the `afterName` bound follow the unique index on (company_id, display_name_key).
   */
  async listWithMemberCounts(companyId: string, query: GroupListQuery): Promise<GroupWithMemberCount[]> {
    const params: unknown[] = [companyId, query.limit];
    const conditions = ['g.company_id = $1'];
    if (query.search) {
      params.push(`%${query.search.replace(/[\\%_]/g, '\\$&')}%`);
      conditions.push(`g.display_name ILIKE $${params.length}`);
    }
    if (query.afterName !== undefined) {
      params.push(query.afterName);
      conditions.push(`g.display_name_key > $${params.length}`);
    }
    const rows = await this.transactions.rows<GroupRow & { member_count: string; sort_key: string }>(
      `SELECT g.*, g.display_name_key AS sort_key,
              (SELECT count(*) FROM group_members gm WHERE gm.company_id = g.company_id AND gm.group_id = g.id) AS member_count
         FROM groups g
        WHERE ${conditions.join(' AND ')}
        ORDER BY g.display_name_key
        LIMIT $2`,
      params,
    );
    return rows.map((row) => ({ group: toGroup(row), memberCount: Number(row.member_count), sortKey: row.sort_key }));
  }

  /** displayName and externalId of the given groups; ids that are not UUIDs match nothing. */
  async identitiesOf(companyId: string, groupIds: string[]): Promise<Map<string, GroupIdentity>> {
    const ids = groupIds.filter((id) => isUUID(id));
    if (ids.length === 0) return new Map();
    const rows = await this.transactions.rows<{ id: string; display_name: string; external_id: string | null }>(
      `SELECT id, display_name, external_id FROM groups WHERE company_id = $1 AND id = ANY($2::uuid[])`,
      [companyId, ids],
    );
    return new Map(rows.map((row) => [row.id, { displayName: row.display_name, externalId: row.external_id }]));
  }

  /** The groups of each of the given users, in one query. */
  async groupsOfUsers(companyId: string, userIds: string[]): Promise<Map<string, UserGroupSummary[]>> {
    const byUser = new Map<string, UserGroupSummary[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await this.transactions.rows<{ user_id: string; id: string; display_name: string }>(
      `SELECT gm.user_id, g.id, g.display_name
         FROM group_members gm
         JOIN groups g ON g.company_id = gm.company_id AND g.id = gm.group_id
        WHERE gm.company_id = $1 AND gm.user_id = ANY($2::uuid[])
        ORDER BY g.display_name, g.id`,
      [companyId, userIds],
    );
    for (const row of rows) byUser.get(row.user_id)?.push({ id: row.id, displayName: row.display_name });
    return byUser;
  }

  /**
   * Makes the enclosing transaction read one snapshot (REPEATABLE READ, read only). Must be its first
   * statement: a group's members are then read in several chunks that agree with each other and the group row.
   */
  async useSnapshot(): Promise<void> {
    await this.transactions.write('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  }

  private async findOne(companyId: string, groupId: string, lock: '' | 'FOR UPDATE'): Promise<Group | null> {
    if (!isUUID(groupId)) return null;
    const row = await this.transactions.first<GroupRow>(`SELECT * FROM groups WHERE company_id = $1 AND id = $2 ${lock}`, [
      companyId,
      groupId,
    ]);
    return row ? toGroup(row) : null;
  }
}

function translateUniqueViolation(error: unknown, displayName: string): unknown {
  return isUniqueViolation(error, DISPLAY_NAME_TAKEN)
    ? new DomainException(DomainErrorCode.AlreadyExists, `A group with displayName ${displayName} already exists`)
    : error;
}

export function toGroup(row: GroupRow): Group {
  return Object.assign(new Group(), {
    companyId: row.company_id,
    id: row.id,
    integrationId: row.integration_id,
    integrationProvider: row.integration_provider,
    displayName: row.display_name,
    displayNameKey: row.display_name_key,
    externalId: row.external_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
