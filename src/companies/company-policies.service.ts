import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { AdminPrincipal, isSuperAdmin } from '../common/auth/admin-principal';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { TransactionHost } from '../database/transaction-host';
import { AdminsRepository } from './admins.repository';
import { CompanyPoliciesRepository } from './company-policies.repository';

export interface MasterPasswordResetPolicy {
  enabled: boolean;
  /** Active super admins holding the policy, sorted by id. */
  superAdminIds: string[];
  updatedAt: Date | null;
}

@Injectable()
export class CompanyPoliciesService {
  constructor(
    private readonly policies: CompanyPoliciesRepository,
    private readonly admins: AdminsRepository,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
  ) {}

  async getMasterPasswordReset(actor: AdminPrincipal): Promise<MasterPasswordResetPolicy> {
    const policy = await this.policies.find(actor.companyId);
    return {
      enabled: policy?.masterPasswordResetEnabled ?? false,
      superAdminIds: await this.policies.listActiveMasterPasswordResetHolders(actor.companyId),
      updatedAt: policy?.updatedAt ?? null,
    };
  }

  /** Super admins only. Replaces the holder set atomically; every holder must be an active super admin of the company. */
  async setMasterPasswordReset(actor: AdminPrincipal, enabled: boolean, superAdminIds: string[]): Promise<MasterPasswordResetPolicy> {
    if (!isSuperAdmin(actor)) {
      throw new DomainException(DomainErrorCode.Forbidden, 'Only a super admin can change company policies');
    }
    const holderIds = [...new Set(superAdminIds.map((id) => id.toLowerCase()))].sort();
    if (enabled && holderIds.length === 0) {
      throw new DomainException(DomainErrorCode.InvalidInput, 'superAdminIds must name at least one super admin when enabled is true');
    }
    if (!enabled && holderIds.length > 0) {
      throw new DomainException(DomainErrorCode.InvalidInput, 'superAdminIds must be empty when enabled is false');
    }
    return this.transactions.run(async () => {
      const policy = await this.policies.lock(actor.companyId);
      // Locked like a revocation locks them, so a holder cannot be revoked while the set is replaced.
      const superAdmins = new Set((await this.admins.lockActiveSuperAdmins(actor.companyId)).map((admin) => admin.id));
      const invalid = holderIds.filter((id) => !superAdmins.has(id));
      if (invalid.length > 0) {
        throw new DomainException(
          DomainErrorCode.InvalidInput,
          `superAdminIds: ${invalid.join(', ')} ${invalid.length === 1 ? 'is not an active super admin' : 'are not active super admins'} of this company`,
        );
      }
      const previous = {
        enabled: policy.masterPasswordResetEnabled,
        superAdminIds: await this.policies.listActiveMasterPasswordResetHolders(actor.companyId),
      };
      await this.policies.replaceMasterPasswordReset(actor.companyId, enabled, holderIds);
      await this.auditLog.append(actor.companyId, {
        actorType: 'admin',
        actorId: actor.adminId,
        actorEmail: actor.email,
        action: 'policy.master_password_reset.updated',
        targetType: 'company_policy',
        targetId: 'master-password-reset',
        details: { enabled, superAdminIds: holderIds, previous },
      });
      const updated = (await this.policies.find(actor.companyId))!;
      return { enabled, superAdminIds: holderIds, updatedAt: updated.updatedAt };
    });
  }

  /** Whether some active super admin may reset master passwords: provisioning warns when not. */
  async isMasterPasswordResetCovered(companyId: string): Promise<boolean> {
    return this.policies.isMasterPasswordResetCovered(companyId);
  }
}
