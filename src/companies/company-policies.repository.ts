import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { Admin, AdminRole } from './entities/admin.entity';
import { CompanyPolicy } from './entities/company-policy.entity';
import { MasterPasswordResetHolder } from './entities/master-password-reset-holder.entity';

@Injectable()
export class CompanyPoliciesRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async find(companyId: string): Promise<CompanyPolicy | null> {
    return this.transactions.manager.findOne(CompanyPolicy, { where: { companyId } });
  }

  /** The policy row, created with defaults if missing, locked until the enclosing transaction ends. */
  async lock(companyId: string): Promise<CompanyPolicy> {
    const manager = this.transactions.manager;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CompanyPolicy)
      .values({ companyId, masterPasswordResetEnabled: false })
      .orIgnore()
      .updateEntity(false)
      .execute();
    return (await manager
      .createQueryBuilder(CompanyPolicy, 'policy')
      .where('policy.company_id = :companyId', { companyId })
      .setLock('pessimistic_write')
      .getOne())!;
  }

  /** Holders that are still active super admins; a revoked admin's row stays but no longer counts. */
  async listActiveMasterPasswordResetHolders(companyId: string): Promise<string[]> {
    const rows = await this.transactions.manager
      .createQueryBuilder(MasterPasswordResetHolder, 'holder')
      .innerJoin(Admin, 'admin', 'admin.company_id = holder.company_id AND admin.id = holder.admin_id')
      .select('holder.admin_id', 'adminId')
      .where('holder.company_id = :companyId', { companyId })
      .andWhere('admin.role = :role', { role: AdminRole.SuperAdmin })
      .andWhere('admin.revoked_at IS NULL')
      .orderBy('holder.admin_id')
      .getRawMany<{ adminId: string }>();
    return rows.map((row) => row.adminId);
  }

  /** Replaces the whole holder set and the enabled flag; call inside a transaction holding the policy lock. */
  async replaceMasterPasswordReset(companyId: string, enabled: boolean, holderIds: string[]): Promise<void> {
    const manager = this.transactions.manager;
    await manager.delete(MasterPasswordResetHolder, { companyId });
    if (holderIds.length > 0) {
      await manager.insert(
        MasterPasswordResetHolder,
        holderIds.map((adminId) => ({ companyId, adminId })),
      );
    }
    await manager.update(CompanyPolicy, { companyId }, { masterPasswordResetEnabled: enabled });
  }

  /** True when the policy is on and at least one active super admin holds it. */
  async isMasterPasswordResetCovered(companyId: string): Promise<boolean> {
    return this.transactions.manager
      .createQueryBuilder(CompanyPolicy, 'policy')
      .innerJoin(MasterPasswordResetHolder, 'holder', 'holder.company_id = policy.company_id')
      .innerJoin(Admin, 'admin', 'admin.company_id = holder.company_id AND admin.id = holder.admin_id')
      .where('policy.company_id = :companyId', { companyId })
      .andWhere('policy.master_password_reset_enabled')
      .andWhere('admin.role = :role', { role: AdminRole.SuperAdmin })
      .andWhere('admin.revoked_at IS NULL')
      .getExists();
  }
}
