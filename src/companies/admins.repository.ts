import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { AdminApiKey } from './entities/admin-api-key.entity';
import { Admin, AdminRole } from './entities/admin.entity';

export interface NewAdmin {
  email: string;
  role: AdminRole;
  createdBy: string | null;
}

export interface NewAdminKey {
  hash: Buffer;
  prefix: string;
  issuedBy: string | null;
}

export interface AdminWithKeyPrefix {
  admin: Admin;
  /** Public start of the admin's newest valid key. */
  apiKeyPrefix: string | null;
}

/** An admin key found by its hash, valid or not, with the admin holding it. */
export interface FoundAdminKey {
  key: AdminApiKey;
  admin: Admin;
}

export interface AdminOfCompany {
  admin: Admin;
  companyName: string;
}

interface AdminRow {
  company_id: string;
  id: string;
  email: string;
  role: AdminRole;
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

interface AdminApiKeyRow {
  company_id: string;
  id: string;
  admin_id: string;
  key_hash: Buffer;
  key_prefix: string;
  issued_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

/** A key joined with its admin, whose own columns carry the prefix `admin_`. */
interface AdminKeyRow extends AdminApiKeyRow {
  admin_email: string;
  admin_role: AdminRole;
  admin_created_by: string | null;
  admin_created_at: Date;
  admin_revoked_at: Date | null;
}

@Injectable()
export class AdminsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async create(companyId: string, admin: NewAdmin): Promise<Admin> {
    const { rows } = await this.transactions.write<AdminRow>(
      `INSERT INTO admins (company_id, email, role, created_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [companyId, admin.email, admin.role, admin.createdBy],
    );
    return toAdmin(rows[0]);
  }

  async addKey(companyId: string, adminId: string, key: NewAdminKey): Promise<AdminApiKey> {
    const { rows } = await this.transactions.write<AdminApiKeyRow>(
      `INSERT INTO admin_api_keys (company_id, admin_id, key_hash, key_prefix, issued_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [companyId, adminId, key.hash, key.prefix, key.issuedBy],
    );
    return toAdminKey(rows[0]);
  }

  /** Revokes the admin's keys other than the one given; returns how many were still valid. */
  async revokeKeysExcept(companyId: string, adminId: string, keepKeyId: string): Promise<number> {
    const { count } = await this.transactions.write(
      `UPDATE admin_api_keys SET revoked_at = now()
        WHERE company_id = $1 AND admin_id = $2 AND id <> $3 AND revoked_at IS NULL`,
      [companyId, adminId, keepKeyId],
    );
    return count;
  }

  /** The key and its admin, revoked or not; the hash is loaded for a constant-time check. */
  async findKey(companyId: string, keyId: string): Promise<FoundAdminKey | null> {
    const row = await this.transactions.first<AdminKeyRow>(
      `SELECT k.*, a.email AS admin_email, a.role AS admin_role, a.created_by AS admin_created_by,
              a.created_at AS admin_created_at, a.revoked_at AS admin_revoked_at
         FROM admin_api_keys k
         JOIN admins a ON a.company_id = k.company_id AND a.id = k.admin_id
        WHERE k.company_id = $1 AND k.id = $2`,
      [companyId, keyId],
    );
    if (!row) return null;
    const admin = toAdmin({
      company_id: row.company_id,
      id: row.admin_id,
      email: row.admin_email,
      role: row.admin_role,
      created_by: row.admin_created_by,
      created_at: row.admin_created_at,
      revoked_at: row.admin_revoked_at,
    });
    return { key: toAdminKey(row), admin };
  }

  async findActive(companyId: string, adminId: string): Promise<Admin | null> {
    const row = await this.transactions.first<AdminRow>(`SELECT * FROM admins WHERE company_id = $1 AND id = $2 AND revoked_at IS NULL`, [
      companyId,
      adminId,
    ]);
    return row ? toAdmin(row) : null;
  }

  /** Active admins with this email in any company (server-side key recovery), optionally in one company. */
  async findActiveByEmail(email: string, companyId?: string): Promise<AdminOfCompany[]> {
    const rows = await this.transactions.rows<AdminRow & { company_name: string }>(
      `SELECT a.*, c.name AS company_name
         FROM admins a
         JOIN companies c ON c.id = a.company_id
        WHERE lower(a.email) = lower($1) AND a.revoked_at IS NULL AND ($2::uuid IS NULL OR a.company_id = $2::uuid)
        ORDER BY a.created_at`,
      [email, companyId || null],
    );
    return rows.map((row) => ({ admin: toAdmin(row), companyName: row.company_name }));
  }

  /** Active admins in creation order, after the admin `afterId` (the previous page's last, revoked since or not). */
  async listActive(companyId: string, afterId: string | undefined, limit: number): Promise<AdminWithKeyPrefix[]> {
    const rows = await this.transactions.rows<AdminRow & { api_key_prefix: string | null }>(
      `SELECT a.*,
              (SELECT k.key_prefix FROM admin_api_keys k
                WHERE k.company_id = a.company_id AND k.admin_id = a.id AND k.revoked_at IS NULL
                ORDER BY k.created_at DESC LIMIT 1) AS api_key_prefix
         FROM admins a
        WHERE a.company_id = $1 AND a.revoked_at IS NULL
          AND ($2::uuid IS NULL OR (a.created_at, a.id) >
               (SELECT previous.created_at, previous.id FROM admins previous
                 WHERE previous.company_id = $1 AND previous.id = $2::uuid))
        ORDER BY a.created_at, a.id
        LIMIT $3`,
      [companyId, afterId || null, limit],
    );
    return rows.map((row) => ({ admin: toAdmin(row), apiKeyPrefix: row.api_key_prefix }));
  }

  /** Locks the company's active super admins so that concurrent revocations cannot remove the last one. */
  async lockActiveSuperAdmins(companyId: string): Promise<Admin[]> {
    const rows = await this.transactions.rows<AdminRow>(
      `SELECT * FROM admins WHERE company_id = $1 AND role = $2 AND revoked_at IS NULL FOR UPDATE`,
      [companyId, AdminRole.SuperAdmin],
    );
    return rows.map(toAdmin);
  }

  async isActiveSuperAdminEmail(companyId: string, email: string): Promise<boolean> {
    const row = await this.transactions.first<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM admins
          WHERE company_id = $1 AND lower(email) = lower($2) AND role = $3 AND revoked_at IS NULL) AS found`,
      [companyId, email, AdminRole.SuperAdmin],
    );
    return row!.found;
  }

  /** The emails of the given admins, revoked ones included, by admin id. */
  async emailsOf(companyId: string, adminIds: string[]): Promise<Map<string, string>> {
    if (adminIds.length === 0) return new Map();
    const rows = await this.transactions.rows<{ id: string; email: string }>(
      'SELECT id, email FROM admins WHERE company_id = $1 AND id = ANY($2::uuid[])',
      [companyId, adminIds],
    );
    return new Map(rows.map((row) => [row.id, row.email]));
  }

  async revoke(companyId: string, adminId: string): Promise<void> {
    await this.transactions.write(`UPDATE admins SET revoked_at = now() WHERE company_id = $1 AND id = $2`, [companyId, adminId]);
  }
}

function toAdmin(row: AdminRow): Admin {
  return Object.assign(new Admin(), {
    companyId: row.company_id,
    id: row.id,
    email: row.email,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  });
}

function toAdminKey(row: AdminApiKeyRow): AdminApiKey {
  return Object.assign(new AdminApiKey(), {
    companyId: row.company_id,
    id: row.id,
    adminId: row.admin_id,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    issuedBy: row.issued_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  });
}
