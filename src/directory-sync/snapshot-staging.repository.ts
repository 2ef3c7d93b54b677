import { Injectable } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { TransactionHost } from '../database/transaction-host';
import { profileFingerprintSql } from '../accounts/profile-fingerprint';
import { SnapshotGroup, SnapshotMembership, SnapshotPartContent, SnapshotUser, StagedUser } from './snapshot-items';

export interface PartSummary {
  partNumber: number;
  users: number;
  groups: number;
  memberships: number;
}

/** Items of a part that another part of the snapshot already holds: the same userName, externalId or displayName. */
export interface DuplicateItem {
  item: string;
  partNumber: number;
}

/** A part holds an item that another part of the snapshot holds too (a unique key of the staged rows). */
export class DuplicateItemException extends DomainException {
  constructor() {
    super(DomainErrorCode.InvalidInput, 'An item of this part is in another part of the snapshot too');
  }
}

/** The parts of snapshots being uploaded: staged rows, read back in one pass when the snapshot is committed. */
@Injectable()
export class SnapshotStagingRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * The part's items replace what an earlier upload of the same part number staged. An item another part holds too
   * (a unique key of the staged rows) is not inserted: DuplicateItemException, on which the caller's transaction
   * should roll back; it is still usable to name the duplicates (duplicatesInOtherParts).
   */
  async replacePart(companyId: string, snapshotId: string, partNumber: number, content: SnapshotPartContent): Promise<PartSummary> {
    const keys = [companyId, snapshotId, partNumber];
    await this.transactions.write(
      `DELETE FROM directory_snapshot_parts WHERE company_id = $1 AND snapshot_id = $2 AND part_number = $3`,
      keys,
    );
    await this.transactions.write(
      `INSERT INTO directory_snapshot_parts (company_id, snapshot_id, part_number, users, groups, memberships)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [...keys, content.users.length, content.groups.length, content.memberships.length],
    );
    if (content.users.length > 0) {
      const { count } = await this.transactions.write(
        `INSERT INTO directory_snapshot_users
                (company_id, snapshot_id, part_number, user_name, external_id, display_name, active, attributes)
         SELECT $1, $2, $3, u.user_name, u.external_id, u.display_name, u.active, u.attributes
           FROM jsonb_to_recordset($4::jsonb) AS u(user_name text, external_id text, display_name text, active boolean, attributes jsonb)
         ON CONFLICT DO NOTHING`,
        [...keys, JSON.stringify(content.users.map(toUserRecord))],
      );
      if (count < content.users.length) throw new DuplicateItemException();
    }
    if (content.groups.length > 0) {
      const { count } = await this.transactions.write(
        `INSERT INTO directory_snapshot_groups (company_id, snapshot_id, part_number, display_name, external_id)
         SELECT $1, $2, $3, g.display_name, g.external_id
           FROM jsonb_to_recordset($4::jsonb) AS g(display_name text, external_id text)
         ON CONFLICT DO NOTHING`,
        [...keys, JSON.stringify(content.groups.map((group) => ({ display_name: group.displayName, external_id: group.externalId })))],
      );
      if (count < content.groups.length) throw new DuplicateItemException();
    }
    if (content.memberships.length > 0) {
      await this.transactions.write(
        `INSERT INTO directory_snapshot_memberships (company_id, snapshot_id, part_number, position, group_ref, user_ref)
         SELECT $1, $2, $3, m.position, m.group_ref, m.user_ref
           FROM jsonb_to_recordset($4::jsonb) AS m(position integer, group_ref text, user_ref text)`,
        [
          ...keys,
          JSON.stringify(
            content.memberships.map((membership, position) => ({ position, group_ref: membership.group, user_ref: membership.user })),
          ),
        ],
      );
    }
    return { partNumber, users: content.users.length, groups: content.groups.length, memberships: content.memberships.length };
  }

  /** Up to `limit` items of `content` that other parts of the snapshot hold already. */
  async duplicatesInOtherParts(
    companyId: string,
    snapshotId: string,
    partNumber: number,
    content: SnapshotPartContent,
    limit: number,
  ): Promise<DuplicateItem[]> {
    const userNames = content.users.map((user) => user.profile.userName.toLowerCase());
    const userExternalIds = content.users.flatMap((user) => (user.profile.externalId === null ? [] : [user.profile.externalId]));
    const groupNames = content.groups.map((group) => group.displayName.toLowerCase());
    const groupExternalIds = content.groups.flatMap((group) => (group.externalId === null ? [] : [group.externalId]));
    return this.transactions.rows<DuplicateItem>(
      `SELECT item, part_number AS "partNumber" FROM (
         SELECT 'user ' || user_name AS item, part_number FROM directory_snapshot_users
          WHERE company_id = $1 AND snapshot_id = $2 AND part_number <> $3
            AND (user_name_key = ANY($4::text[]) OR external_id = ANY($5::text[]))
         UNION ALL
         SELECT 'group ' || display_name, part_number FROM directory_snapshot_groups
          WHERE company_id = $1 AND snapshot_id = $2 AND part_number <> $3
            AND (display_name_key = ANY($6::text[]) OR external_id = ANY($7::text[]))
       ) d LIMIT $8`,
      [companyId, snapshotId, partNumber, userNames, userExternalIds, groupNames, groupExternalIds, limit],
    );
  }

  async parts(companyId: string, snapshotId: string): Promise<PartSummary[]> {
    return this.transactions.rows<PartSummary>(
      `SELECT part_number AS "partNumber", users, groups, memberships FROM directory_snapshot_parts
        WHERE company_id = $1 AND snapshot_id = $2 ORDER BY part_number`,
      [companyId, snapshotId],
    );
  }

  /** Every staged user's keys, state and fingerprint, numbered in userName order. */
  async userKeys(companyId: string, snapshotId: string): Promise<StagedUser[]> {
    return this.transactions.rows<StagedUser>(
      `SELECT (row_number() OVER (ORDER BY s.user_name_key) - 1)::int AS n, s.user_name AS "userName",
              s.user_name_key AS "userNameKey", s.external_id AS "externalId", s.active,
              ${profileFingerprintSql('s')} AS fingerprint
         FROM directory_snapshot_users s
        WHERE s.company_id = $1 AND s.snapshot_id = $2
        ORDER BY s.user_name_key`,
      [companyId, snapshotId],
    );
  }

  /** The staged users with these userName keys, by key. */
  async usersByKeys(companyId: string, snapshotId: string, userNameKeys: string[]): Promise<Map<string, SnapshotUser>> {
    const rows = await this.transactions.rows<UserRecord & { user_name_key: string }>(
      `SELECT user_name_key, user_name, external_id, display_name, active, attributes FROM directory_snapshot_users
        WHERE company_id = $1 AND snapshot_id = $2 AND user_name_key = ANY($3::text[])`,
      [companyId, snapshotId, userNameKeys],
    );
    return new Map(
      rows.map((row) => [
        row.user_name_key,
        {
          profile: { userName: row.user_name, externalId: row.external_id, displayName: row.display_name, attributes: row.attributes },
          active: row.active,
        },
      ]),
    );
  }

  async groups(companyId: string, snapshotId: string): Promise<SnapshotGroup[]> {
    const rows = await this.transactions.rows<{ display_name: string; external_id: string | null }>(
      `SELECT display_name, external_id FROM directory_snapshot_groups
        WHERE company_id = $1 AND snapshot_id = $2 ORDER BY part_number, display_name_key`,
      [companyId, snapshotId],
    );
    return rows.map((row) => ({ displayName: row.display_name, externalId: row.external_id }));
  }

  async memberships(companyId: string, snapshotId: string): Promise<SnapshotMembership[]> {
    return this.transactions.rows<SnapshotMembership>(
      `SELECT group_ref AS "group", user_ref AS "user" FROM directory_snapshot_memberships
        WHERE company_id = $1 AND snapshot_id = $2 ORDER BY part_number, position`,
      [companyId, snapshotId],
    );
  }

  /** Drops the staged parts of a snapshot that is done with them (applied, rejected). */
  async dropParts(companyId: string, snapshotId: string): Promise<void> {
    await this.transactions.write(`DELETE FROM directory_snapshot_parts WHERE company_id = $1 AND snapshot_id = $2`, [
      companyId,
      snapshotId,
    ]);
  }
}

interface UserRecord {
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
}

function toUserRecord({ profile, active }: SnapshotUser): UserRecord {
  return {
    user_name: profile.userName,
    external_id: profile.externalId,
    display_name: profile.displayName,
    active,
    attributes: profile.attributes,
  };
}
