import { Injectable } from '@nestjs/common';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { hasSecretShape, hashSecret, issueSecret, SecretKind, secretMatchesHash } from '../common/crypto/secret-token';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { isUniqueViolation } from '../database/postgres-errors';
import { TransactionHost } from '../database/transaction-host';
import { AdminsRepository } from './admins.repository';
import { Admin, AdminRole } from './entities/admin.entity';

export interface IssuedAdmin {
  admin: Admin;
  apiKey: string;
}

@Injectable()
export class AdminsService {
  constructor(
    private readonly admins: AdminsRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly transactions: TransactionHost,
  ) {}

  /** Resolves an admin API key to its admin, or null for an unknown or revoked key. */
  async authenticate(apiKey: string): Promise<AdminPrincipal | null> {
    if (!hasSecretShape(SecretKind.AdminApiKey, apiKey)) return null;
    const admin = await this.admins.findActiveByKeyHash(hashSecret(apiKey));
    if (!admin || !secretMatchesHash(apiKey, admin.apiKeyHash)) return null;
    return { adminId: admin.id, companyId: admin.companyId, role: admin.role };
  }

  /** Creates an admin with a fresh key; runs inside the caller's transaction when there is one. */
  async issueAdmin(companyId: string, email: string, role: AdminRole, createdBy: string | null): Promise<IssuedAdmin> {
    const key = issueSecret(SecretKind.AdminApiKey);
    try {
      const admin = await this.admins.create(companyId, {
        email,
        role,
        apiKeyHash: key.hash,
        apiKeyPrefix: key.displayPrefix,
        createdBy,
      });
      return { admin, apiKey: key.secret };
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_admins_active_email')) {
        throw new DomainException(DomainErrorCode.AlreadyExists, `An active admin with email ${email} already exists`);
      }
      throw error;
    }
  }

  async createAdmin(actor: AdminPrincipal, email: string, role: AdminRole): Promise<IssuedAdmin> {
    requireSuperAdmin(actor);
    return this.transactions.run(async () => {
      const issued = await this.issueAdmin(actor.companyId, email, role, actor.adminId);
      await this.auditLog.append(actor.companyId, {
        actorType: 'admin',
        actorId: actor.adminId,
        action: 'admin.created',
        targetType: 'admin',
        targetId: issued.admin.id,
        details: { email, role },
      });
      return issued;
    });
  }

  async listAdmins(actor: AdminPrincipal): Promise<Admin[]> {
    return this.admins.listActive(actor.companyId);
  }

  /** Whether the vault user with this email is one of the company's super admins. */
  async isSuperAdminEmail(companyId: string, email: string): Promise<boolean> {
    return this.admins.isActiveSuperAdminEmail(companyId, email);
  }

  async revokeAdmin(actor: AdminPrincipal, adminId: string): Promise<void> {
    requireSuperAdmin(actor);
    await this.transactions.run(async () => {
      const superAdmins = await this.admins.lockActiveSuperAdmins(actor.companyId);
      const target = await this.admins.findActive(actor.companyId, adminId);
      if (!target) throw DomainException.notFound('Admin');
      if (target.role === AdminRole.SuperAdmin && superAdmins.length === 1) {
        throw new DomainException(
          DomainErrorCode.InvalidStateTransition,
          'The last super admin of a company cannot be revoked',
        );
      }
      await this.admins.revoke(actor.companyId, adminId);
      await this.auditLog.append(actor.companyId, {
        actorType: 'admin',
        actorId: actor.adminId,
        action: 'admin.revoked',
        targetType: 'admin',
        targetId: adminId,
      });
    });
  }
}

function requireSuperAdmin(actor: AdminPrincipal): void {
  if (actor.role !== AdminRole.SuperAdmin) {
    throw new DomainException(DomainErrorCode.Forbidden, 'Only a super admin can manage admins');
  }
}
