import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { AdminRole } from './entities/admin.entity';
import { CompanyPolicy } from './entities/company-policy.entity';

interface CompanyPolicyRow {
  company_id: string;
  master_password_reset_enabled: boolean;
  updated_at: Date;
}

@Injectable()
export class CompanyPoliciesRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async find(companyId: string): Promise<CompanyPolicy | null> {
    const row = await this.transactions.first<CompanyPolicyRow>(`SELECT * FROM company_policies WHERE company_id = $1`, [companyId]);
    return row ? toPolicy(row) : null;
  }

  /** The policy row, created with defaults if missing, locked until the enclosing transaction ends. */
  async lock(companyId: string): Promise<CompanyPolicy> {
    await this.transactions.write(
      `INSERT INTO company_policies (company_id, master_password_reset_enabled) VALUES ($1, false) ON CONFLICT DO NOTHING`,
      [companyId],
    );
    const row = await this.transactions.first<CompanyPolicyRow>(`SELECT * FROM company_policies WHERE company_id = $1 FOR UPDATE`, [
      companyId,
    ]);
    return toPolicy(row!);
  }

  /** Holders that are still active super admins; a revoked admin's row stays but no longer counts. */
  async listActiveMasterPasswordResetHolders(companyId: string): Promise<string[]> {
    const rows = await this.transactions.rows<{ admin_id: string }>(
      `SELECT h.admin_id
         FROM master_password_reset_holders h
         JOIN admins a ON a.company_id = h.company_id AND a.id = h.admin_id
        WHERE h.company_id = $1 AND a.role = $2 AND a.revoked_at IS NULL
        ORDER BY h.admin_id`,
      [companyId, AdminRole.SuperAdmin],
    );
    return rows.map((row) => row.admin_id);
  }

  /** Replaces the whole holder set and the enabled flag; call inside a transaction holding the policy lock. */
  async replaceMasterPasswordReset(companyId: string, enabled: boolean, holderIds: string[]): Promise<void> {
    await this.transactions.write(`DELETE FROM master_password_reset_holders WHERE company_id = $1`, [companyId]);
    if (holderIds.length > 0) {
      await this.transactions.write(`INSERT INTO master_password_reset_holders (company_id, admin_id) SELECT $1, unnest($2::uuid[])`, [
        companyId,
        holderIds,
      ]);
    }
    await this.transactions.write(
      `UPDATE company_policies SET master_password_reset_enabled = $2, updated_at = now() WHERE company_id = $1`,
      [companyId, enabled],
    );
  }

  /** True when the policy is on and at least one active super admin holds it. */
  async isMasterPasswordResetCovered(companyId: string): Promise<boolean> {
    const row = await this.transactions.first<{ covered: boolean }>(
      `SELECT EXISTS (
         SELECT 1
           FROM company_policies p
           JOIN master_password_reset_holders h ON h.company_id = p.company_id
           JOIN admins a ON a.company_id = h.company_id AND a.id = h.admin_id
          WHERE p.company_id = $1 AND p.master_password_reset_enabled AND a.role = $2 AND a.revoked_at IS NULL) AS covered`,
      [companyId, AdminRole.SuperAdmin],
    );
    return row!.covered;
  }
}

function toPolicy(row: CompanyPolicyRow): CompanyPolicy {
  return Object.assign(new CompanyPolicy(), {
    companyId: row.company_id,
    masterPasswordResetEnabled: row.master_password_reset_enabled,
    updatedAt: row.updated_at,
  });
}
