import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../database/postgres-errors';
import { RecordCondition, RecordSearch } from '../common/query/record-query';
import { compileCondition, compileSort } from '../database/query/record-query-compiler';
import { profileFingerprintSql } from './profile-fingerprint';
import { TransactionHost } from '../database/transaction-host';
import { ManagingIntegration } from '../common/auth/change-source';
import { UserAccount, UserState } from './entities/user-account.entity';
import { ListingCursor } from './listing-cursors';
import { USER_ACCOUNT_COLUMNS } from './user-accounts.columns';

/** The SCIM-owned data of a user: what a create or a full replace sets. */
export interface UserProfile {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  attributes: Record<string, unknown>;
}

/** A user as the admin console lists it: deleted users included, with the integration that manages it. */
export interface UserIdentity {
  userName: string;
  displayName: string | null;
  externalId: string | null;
}

/** A user as a group's member list shows it. */
export interface MemberUserView {
  id: string;
  userName: string;
  displayName: string | null;
  externalId: string | null;
  state: UserState;
}

export interface PurgedUser {
  companyId: string;
  id: string;
}

export interface AdminUserQuery {
  state?: UserState;
  /** Deleted users left out (unless `state` asks for them). */
  liveOnly?: boolean;
  /** This userName exactly, in any case. */
  userName?: string;
  /** Changed at or after this time. */
  updatedSince?: Date;
  /** Case-insensitive substring of userName, displayName or name. */
  text?: string;
  /** Only these users: the members of a group, as the groups module names them. */
  userIds?: string[];
  /** Only users managed by the company's tab of this provider; `none`: users no tab manages. */
  managedBy?: string;
  /** The last id of the previous page. */
  afterId?: string;
  limit: number;
}

export interface UserPage {
  users: UserAccount[];
  /** All matches; undefined when not asked for, or when the page is past the end. */
  total: number | undefined;
}

/** A page of all users in creation order, with the company's counts read in the same snapshot. */
export interface CreationOrderPage {
  users: UserAccount[];
  /** All users that are not deleted. */
  total: number;
  /** How many times that set of users has changed (live_user_counts): a cursor holds while it stays. */
  changes: string;
  /** Where the page ended; none for an empty page. */
  end?: ListingCursor;
}

/** A user a source manages, as reconciling needs it. */
export interface ManagedUser {
  id: string;
  userName: string;
  /** The userName as the database compares it (unique in the company, any case). */
  userNameKey: string;
  externalId: string | null;
  state: UserState;
  /** profileFingerprintSql of the stored profile. */
  fingerprint: string;
}

/** Who holds a userName: the provider of the source managing the user, null when no source does. */
export type UserNameHolders = Map<string, string | null>;

interface UserAccountRow {
  company_id: string;
  id: string;
  integration_id: string | null;
  integration_provider: string | null;
  user_name: string;
  user_name_key: string;
  external_id: string | null;
  display_name: string | null;
  state: UserState;
  master_password_set_at: Date | null;
  attributes: Record<string, unknown>;
  deleted_at: Date | null;
  personal_data_purged_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A user of a page in creation order, with its creation time as PostgreSQL prints it (exact to the microsecond). */
interface PageRow extends UserAccountRow {
  created_key: string;
}

const USER_NAME_TAKEN = 'UQ_user_accounts_user_name';

/** A company's users that are not deleted, and how often that set changed: sums of its live_user_counts rows ($1). */
const COMPANY_COUNTS_SQL = `SELECT coalesce(sum(live), 0) AS total, coalesce(sum(changes), 0) AS changes FROM live_user_counts WHERE company_id = $1`;

/*
 * The users a group's membership names, one key lookup per id (LATERAL ... LIMIT 1): a plain `= ANY` is planned as
 * a scan of the company while the statistics do not know a new company yet. Exported so that the scale tests can
 * EXPLAIN them. Parameters: $1 company, $2 user ids.
 */

/** Locks FOR SHARE the named users that are not deleted: a concurrent deletion waits for the locker, and vice versa. */
export const LOCK_LIVE_USERS_SQL = `
  SELECT u.id, u.user_name, u.display_name, u.external_id, u.state
    FROM unnest($2::uuid[]) WITH ORDINALITY AS ids(id, n)
   CROSS JOIN LATERAL (SELECT id, user_name, display_name, external_id, state FROM user_accounts
                        WHERE company_id = $1 AND id = ids.id AND state <> 'deleted'
                        LIMIT 1 FOR SHARE) u
   ORDER BY ids.n`;

/** The named users, deleted ones included, in the order named. */
export const MEMBER_VIEWS_SQL = `
  SELECT u.id, u.user_name, u.display_name, u.external_id, u.state
    FROM unnest($2::uuid[]) WITH ORDINALITY AS ids(id, n)
   CROSS JOIN LATERAL (SELECT id, user_name, display_name, external_id, state FROM user_accounts
                        WHERE company_id = $1 AND id = ids.id LIMIT 1) u
   ORDER BY ids.n`;

@Injectable()
export class UserAccountsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** A new user; null when the userName is taken by a user that is not deleted. */
  async insertUnlessTaken(
    companyId: string,
    manager: ManagingIntegration | null,
    profile: UserProfile,
    state: UserState,
  ): Promise<UserAccount | null> {
    const { rows } = await this.transactions.write<UserAccountRow>(
      `INSERT INTO user_accounts
              (company_id, integration_id, integration_provider, user_name, external_id, display_name, state, attributes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT DO NOTHING
       RETURNING *`,
      [
        companyId,
        manager?.id ?? null,
        manager?.provider ?? null,
        profile.userName,
        profile.externalId,
        profile.displayName,
        state,
        profile.attributes,
      ],
    );
    return rows.length ? toUserAccount(rows[0]) : null;
  }

  /**
   * A new user with the given id, committing its transaction (TransactionHost.writeAndCommit); null when the userName
   * is taken by a user that is not deleted: nothing of the transaction is committed then.
   */
  async insertAndCommit(
    companyId: string,
    id: string,
    manager: ManagingIntegration | null,
    profile: UserProfile,
    state: UserState,
  ): Promise<UserAccount | null> {
    try {
      const { rows } = await this.transactions.writeAndCommit<UserAccountRow>(
        `INSERT INTO user_accounts
                (company_id, id, integration_id, integration_provider, user_name, external_id, display_name, state, attributes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING *`,
        [
          companyId,
          id,
          manager?.id ?? null,
          manager?.provider ?? null,
          profile.userName,
          profile.externalId,
          profile.displayName,
          state,
          profile.attributes,
        ],
      );
      return toUserAccount(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error, USER_NAME_TAKEN)) return null;
      throw error;
    }
  }

  /** The user with this userName (not deleted), locked until the transaction ends. */
  async findByUserNameForUpdate(companyId: string, userName: string): Promise<UserAccount | null> {
    const row = await this.transactions.first<UserAccountRow>(
      `SELECT * FROM user_accounts WHERE company_id = $1 AND user_name_key = lower($2) AND state <> 'deleted' FOR UPDATE`,
      [companyId, userName],
    );
    return row ? toUserAccount(row) : null;
  }

  /** Gives the locked unmanaged user `read` to `manager` with a new profile and state, in one UPDATE. */
  async adopt(read: UserAccount, manager: ManagingIntegration, profile: UserProfile, state: UserState): Promise<UserAccount> {
    try {
      const { rows } = await this.transactions.write<UserAccountRow>(
        `UPDATE user_accounts
            SET integration_id = $3, integration_provider = $4, user_name = $5, external_id = $6, display_name = $7,
                attributes = $8, state = $9, version = version + 1, updated_at = now()
          WHERE company_id = $1 AND id = $2 AND integration_id IS NULL
          RETURNING *`,
        [
          read.companyId,
          read.id,
          manager.id,
          manager.provider,
          profile.userName,
          profile.externalId,
          profile.displayName,
          profile.attributes,
          state,
        ],
      );
      return toUserAccount(rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error, profile.userName);
    }
  }

  /**
   * Inserts many users in one statement, in the given order (each row stamped with the clock, so creation order
   * is the given order). A row whose userName is taken, by an existing user or an earlier row, is skipped: its
   * entry is null. Any other failure fails the whole statement.
   */
  async insertMany(
    companyId: string,
    manager: ManagingIntegration | null,
    users: { profile: UserProfile; state: UserState }[],
  ): Promise<(UserAccount | null)[]> {
    const items = users.map(({ profile, state }) => ({ id: randomUUID(), ...profile, state }));
    const { rows } = await this.transactions.write<UserAccountRow>(
      `INSERT INTO user_accounts
              (company_id, id, integration_id, integration_provider, user_name, external_id, display_name, state, attributes,
               created_at, updated_at)
       SELECT $1, (e.item->>'id')::uuid, $2, $4, e.item->>'userName', e.item->>'externalId', e.item->>'displayName',
              e.item->>'state', e.item->'attributes', t.at, t.at
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(item, position)
        CROSS JOIN LATERAL (SELECT clock_timestamp() AS at) t
        ORDER BY e.position
           ON CONFLICT DO NOTHING
       RETURNING *`,
      [companyId, manager?.id ?? null, JSON.stringify(items), manager?.provider ?? null],
    );
    const inserted = new Map(rows.map((row) => [row.id, toUserAccount(row)]));
    return items.map((item) => inserted.get(item.id) ?? null);
  }

  /** userName, displayName and externalId of the given users, deleted ones included; ids that are not UUIDs match nothing. */
  async identitiesOf(companyId: string, userIds: string[]): Promise<Map<string, UserIdentity>> {
    const ids = userIds.filter((id) => isUUID(id));
    if (ids.length === 0) return new Map();
    const rows = await this.transactions.rows<{ id: string; user_name: string; display_name: string | null; external_id: string | null }>(
      `SELECT id, user_name, display_name, external_id FROM user_accounts WHERE company_id = $1 AND id = ANY($2::uuid[])`,
      [companyId, ids],
    );
    return new Map(rows.map((row) => [row.id, { userName: row.user_name, displayName: row.display_name, externalId: row.external_id }]));
  }

  /** Locks FOR SHARE those of the users that exist and are not deleted (LOCK_LIVE_USERS_SQL), in id order. */
  async lockLiveUsers(companyId: string, userIds: string[]): Promise<MemberUserView[]> {
    const ids = [...new Set(userIds.filter((id) => isUUID(id)).map((id) => id.toLowerCase()))].sort();
    if (ids.length === 0) return [];
    const rows = await this.transactions.rows<MemberUserViewRow>(LOCK_LIVE_USERS_SQL, [companyId, ids]);
    return rows.map(toMemberUserView);
  }

  /** The given users in the given order, deleted ones included; one key lookup per id. */
  async memberViews(companyId: string, userIds: string[]): Promise<MemberUserView[]> {
    if (userIds.length === 0) return [];
    const rows = await this.transactions.rows<MemberUserViewRow>(MEMBER_VIEWS_SQL, [companyId, userIds]);
    return rows.map(toMemberUserView);
  }

  /** A user that is not deleted; ids that are not UUIDs match nothing. */
  async findById(companyId: string, userId: string): Promise<UserAccount | null> {
    return this.findOne(companyId, userId, '');
  }

  /** Same as findById, locking the row until the transaction ends. */
  async findByIdForUpdate(companyId: string, userId: string): Promise<UserAccount | null> {
    return this.findOne(companyId, userId, 'FOR UPDATE');
  }

  /**
   * Writes a new profile and state to the user `locked` (read FOR UPDATE in this transaction) and bumps the version,
   * committing the transaction when its caller opened it (TransactionHost.writeAndCommit).
   */
  async updateAndCommit(locked: UserAccount, profile: UserProfile, state: UserState): Promise<UserAccount> {
    try {
      const { rows } = await this.transactions.writeAndCommit<UserAccountRow>(
        `UPDATE user_accounts
            SET user_name = $3, external_id = $4, display_name = $5, attributes = $6, state = $7,
                version = version + 1, updated_at = now()
          WHERE company_id = $1 AND id = $2
          RETURNING *`,
        [locked.companyId, locked.id, profile.userName, profile.externalId, profile.displayName, profile.attributes, state],
      );
      return toUserAccount(rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error, profile.userName);
    }
  }

  /** Admin and internal lookups see deleted users too; the row is locked when `forUpdate`. */
  async findAnyById(companyId: string, userId: string, forUpdate = false): Promise<UserAccount | null> {
    if (!isUUID(userId)) return null;
    const row = await this.transactions.first<UserAccountRow>(
      `SELECT * FROM user_accounts WHERE company_id = $1 AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [companyId, userId],
    );
    return row ? toUserAccount(row) : null;
  }

  async findByUserName(companyId: string, userName: string): Promise<UserAccount | null> {
    const row = await this.transactions.first<UserAccountRow>(
      `SELECT * FROM user_accounts WHERE company_id = $1 AND user_name_key = lower($2) AND state <> 'deleted'`,
      [companyId, userName],
    );
    return row ? toUserAccount(row) : null;
  }

  /** The users (not deleted) with these userNames, in any case; one index lookup per name. */
  async findByUserNames(companyId: string, userNames: string[]): Promise<UserAccount[]> {
    if (userNames.length === 0) return [];
    const rows = await this.transactions.rows<UserAccountRow>(
      `SELECT u.* FROM unnest($2::text[]) AS names(name)
        CROSS JOIN LATERAL (SELECT * FROM user_accounts
                             WHERE company_id = $1 AND user_name_key = lower(names.name) AND state <> 'deleted' LIMIT 1) u`,
      [companyId, userNames],
    );
    return rows.map(toUserAccount);
  }

  async listForAdmin(companyId: string, query: AdminUserQuery): Promise<UserAccount[]> {
    const params: unknown[] = [companyId];
    const conditions = ['u.company_id = $1'];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (query.state) conditions.push(`u.state = ${bind(query.state)}`);
    else if (query.liveOnly) conditions.push(`u.state <> 'deleted'`);
    if (query.userName !== undefined) conditions.push(`u.user_name_key = lower(${bind(query.userName)})`);
    if (query.updatedSince) conditions.push(`u.updated_at >= ${bind(query.updatedSince)}`);
    if (query.afterId) conditions.push(`u.id > ${bind(query.afterId)}`);
    if (query.userIds) conditions.push(`u.id = ANY(${bind(query.userIds)}::uuid[])`);
    if (query.managedBy === 'none') conditions.push('u.integration_id IS NULL');
    else if (query.managedBy) conditions.push(`u.integration_provider = ${bind(query.managedBy)}`);
    if (query.text) {
      const pattern = bind(`%${query.text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
      conditions.push(
        `(u.user_name ILIKE ${pattern} OR u.display_name ILIKE ${pattern} OR u.attributes->'name'->>'formatted' ILIKE ${pattern}` +
          ` OR concat_ws(' ', u.attributes->'name'->>'givenName', u.attributes->'name'->>'familyName') ILIKE ${pattern})`,
      );
    }
    const rows = await this.transactions.rows<UserAccountRow>(
      `SELECT u.* FROM user_accounts u
        WHERE ${conditions.join(' AND ')}
        ORDER BY u.id
        LIMIT ${bind(query.limit)}`,
      params,
    );
    return rows.map(toUserAccount);
  }

  /** Sets the lifecycle state; reaching `active` records when the master password was set. */
  async updateState(companyId: string, userId: string, state: UserState): Promise<UserAccount> {
    const { rows } = await this.transactions.write<UserAccountRow>(
      `UPDATE user_accounts
          SET state = $3, version = version + 1, updated_at = now(),
              master_password_set_at = CASE WHEN $3::varchar = 'active' THEN COALESCE(master_password_set_at, now())
                                            ELSE master_password_set_at END
        WHERE company_id = $1 AND id = $2
        RETURNING *`,
      [companyId, userId, state],
    );
    return toUserAccount(rows[0]);
  }

  /** Moves the user to `deleted`; its memberships are the groups module's to remove. */
  async markDeleted(companyId: string, userId: string): Promise<UserAccount> {
    const { rows } = await this.transactions.write<UserAccountRow>(
      `UPDATE user_accounts SET state = 'deleted', deleted_at = now(), version = version + 1, updated_at = now()
        WHERE company_id = $1 AND id = $2
        RETURNING *`,
      [companyId, userId],
    );
    return toUserAccount(rows[0]);
  }

  /**
   * Clears the personal data of up to `limit` users deleted more than `days` days ago, of every company (system
   * work), leaving a tombstone: id, company, integration, state, deletion time. The empty userName is outside the
   * unique index, which covers only users that are not deleted.
   */
  async purgePersonalDataOfDeleted(days: number, limit: number): Promise<PurgedUser[]> {
    const { rows } = await this.transactions.write<PurgedUser>(
      `UPDATE user_accounts u
          SET user_name = '', external_id = NULL, display_name = NULL, attributes = '{}',
              personal_data_purged_at = now(), version = u.version + 1, updated_at = now()
         FROM (SELECT company_id, id FROM user_accounts
                WHERE state = 'deleted' AND personal_data_purged_at IS NULL AND deleted_at < now() - make_interval(days => $1)
                ORDER BY deleted_at
                LIMIT $2) due
        WHERE u.company_id = due.company_id AND u.id = due.id
        RETURNING u.company_id AS "companyId", u.id`,
      [days, limit],
    );
    return rows;
  }

  /**
   * One page of users (a search whose related conditions are resolved); with `withTotal` the number of all
   * matches rides along as a window count.
   */
  async search(companyId: string, search: RecordSearch, withTotal: boolean): Promise<UserPage> {
    const where = search.where && compileCondition(search.where, USER_ACCOUNT_COLUMNS, 1);
    const params = [companyId, ...(where?.params ?? []), search.limit, search.offset];
    const limitParam = params.length - 1;
    const rows = await this.transactions.rows<UserAccountRow & { total_count?: string }>(
      `SELECT u.*${withTotal ? ', count(*) OVER () AS total_count' : ''} FROM user_accounts u
        WHERE u.company_id = $1 AND u.state <> 'deleted'${where ? ` AND (${where.sql})` : ''}
        ORDER BY ${compileSort(search.sort, USER_ACCOUNT_COLUMNS)} LIMIT $${limitParam} OFFSET $${limitParam + 1}`,
      params,
    );
    return { users: rows.map(toUserAccount), total: withTotal ? totalOf(rows, search.offset) : undefined };
  }

  /**
   * The page of all users in creation order that starts `skip` users after `after` (or after none), with the
   * company's counts, in one statement (one snapshot). The users skipped are skipped on the creation-order index
   * alone; only the page's rows are read.
   */
  async pageInCreationOrder(companyId: string, skip: number, limit: number, after?: ListingCursor): Promise<CreationOrderPage> {
    const params: unknown[] = [companyId, limit, skip];
    if (after) params.push(after.createdAt, after.id);
    const rows = await this.transactions.rows<Partial<PageRow> & { total: string; changes: string }>(
      `WITH counts AS (${COMPANY_COUNTS_SQL}),
       page AS (
         SELECT u.*, p.position
           FROM unnest(ARRAY(SELECT u.id FROM user_accounts u
                              WHERE u.company_id = $1 AND u.state <> 'deleted'${after ? ' AND (u.created_at, u.id) > ($4::timestamptz, $5::uuid)' : ''}
                              ORDER BY u.created_at, u.id LIMIT $2 OFFSET $3)) WITH ORDINALITY AS p(id, position)
           JOIN user_accounts u ON u.company_id = $1 AND u.id = p.id)
       SELECT page.*, page.created_at::text AS created_key, counts.total, counts.changes
         FROM counts LEFT JOIN page ON true
        ORDER BY page.position`,
      params,
    );
    const found = rows.filter((row): row is PageRow & { total: string; changes: string } => row.id != null);
    const { total, changes } = rows[0];
    const last = found[found.length - 1];
    const position = (after?.position ?? 0) + skip + found.length;
    return {
      users: found.map(toUserAccount),
      total: Number(total),
      changes,
      end: last && { position, createdAt: last.created_key, id: last.id, changes },
    };
  }

  /** Every user the integration manages, deleted users excluded, with its profile's fingerprint. */
  async listManagedBy(companyId: string, integrationId: string): Promise<ManagedUser[]> {
    return this.transactions.rows<ManagedUser>(
      `SELECT u.id, u.user_name AS "userName", u.user_name_key AS "userNameKey", u.external_id AS "externalId", u.state,
              ${profileFingerprintSql('u')} AS fingerprint
         FROM user_accounts u
        WHERE u.company_id = $1 AND u.integration_id = $2 AND u.state <> 'deleted'`,
      [companyId, integrationId],
    );
  }

  /** Of these userName keys, those a (not deleted) user of the company holds, with the provider managing it. */
  async userNameHolders(companyId: string, userNameKeys: string[]): Promise<UserNameHolders> {
    const rows = await this.transactions.rows<{ user_name_key: string; integration_provider: string | null }>(
      `SELECT user_name_key, integration_provider FROM user_accounts
        WHERE company_id = $1 AND user_name_key = ANY($2::text[]) AND state <> 'deleted'`,
      [companyId, userNameKeys],
    );
    return new Map(rows.map((row) => [row.user_name_key, row.integration_provider]));
  }

  /**
   * Moves every user `from` manages, deleted ones included, to `to` in one statement; returns how many of them are
   * not deleted. The version stays: nothing a provider sees of the user changed.
   */
  async transferManagement(companyId: string, from: ManagingIntegration, to: ManagingIntegration): Promise<number> {
    const { rows } = await this.transactions.write<{ live: number }>(
      `WITH moved AS (
         UPDATE user_accounts SET integration_id = $3, integration_provider = $4
          WHERE company_id = $1 AND integration_id = $2
          RETURNING state)
       SELECT count(*) FILTER (WHERE state <> 'deleted')::int AS live FROM moved`,
      [companyId, from.id, to.id, to.provider],
    );
    return rows[0].live;
  }

  /** How many users each integration manages, deleted users excluded; integrations with none are absent. */
  async countByIntegration(companyId: string): Promise<Map<string, number>> {
    const rows = await this.transactions.rows<{ integration_id: string; count: string }>(
      `SELECT integration_id, count(*) AS count FROM user_accounts
        WHERE company_id = $1 AND integration_id IS NOT NULL AND state <> 'deleted'
        GROUP BY integration_id`,
      [companyId],
    );
    return new Map(rows.map((row) => [row.integration_id, Number(row.count)]));
  }

  /** How many users that are not deleted match; all of them are counted without reading them (live_user_counts). */
  async count(companyId: string, condition?: RecordCondition): Promise<number> {
    if (!condition) {
      const counts = await this.transactions.first<{ total: string }>(COMPANY_COUNTS_SQL, [companyId]);
      return Number(counts!.total);
    }
    const where = compileCondition(condition, USER_ACCOUNT_COLUMNS, 1);
    const row = await this.transactions.first<{ total: string }>(
      `SELECT count(*) AS total FROM user_accounts u
        WHERE u.company_id = $1 AND u.state <> 'deleted' AND (${where.sql})`,
      [companyId, ...where.params],
    );
    return Number(row!.total);
  }

  private async findOne(companyId: string, userId: string, lock: '' | 'FOR UPDATE'): Promise<UserAccount | null> {
    if (!isUUID(userId)) return null;
    const row = await this.transactions.first<UserAccountRow>(
      `SELECT * FROM user_accounts WHERE company_id = $1 AND id = $2 AND state <> 'deleted' ${lock}`,
      [companyId, userId],
    );
    return row ? toUserAccount(row) : null;
  }
}

/**
 * The window count of a page: none on an empty page, where it is 0 only when the page starts at the first match (a
 * provider's lookup that found nobody, answered without a second statement); past the end it is unknown.
 */
function totalOf(rows: { total_count?: string }[], offset: number): number | undefined {
  if (rows.length > 0) return Number(rows[0].total_count);
  return offset === 0 ? 0 : undefined;
}

function translateUniqueViolation(error: unknown, userName: string): unknown {
  return isUniqueViolation(error, USER_NAME_TAKEN)
    ? new DomainException(DomainErrorCode.AlreadyExists, `A user with userName ${userName} already exists`)
    : error;
}

interface MemberUserViewRow {
  id: string;
  user_name: string;
  display_name: string | null;
  external_id: string | null;
  state: UserState;
}

function toMemberUserView(row: MemberUserViewRow): MemberUserView {
  return { id: row.id, userName: row.user_name, displayName: row.display_name, externalId: row.external_id, state: row.state };
}

function toUserAccount(row: UserAccountRow): UserAccount {
  return Object.assign(new UserAccount(), {
    companyId: row.company_id,
    id: row.id,
    integrationId: row.integration_id,
    integrationProvider: row.integration_provider,
    userName: row.user_name,
    userNameKey: row.user_name_key,
    externalId: row.external_id,
    displayName: row.display_name,
    state: row.state,
    masterPasswordSetAt: row.master_password_set_at,
    attributes: row.attributes,
    deletedAt: row.deleted_at,
    personalDataPurgedAt: row.personal_data_purged_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
