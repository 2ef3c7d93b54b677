import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { AdminPrincipal, isSuperAdmin } from '../common/auth/admin-principal';
import { hasSecretShape, hashSecret, issueSecret, SecretKind, secretMatchesHash } from '../common/crypto/secret-token';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { Page, pageOf } from '../common/pagination/page';
import { CredentialKind } from '../credentials/credential-kind';
import { CredentialLookupsService } from '../credentials/credential-lookups.service';
import { isUniqueViolation } from '../database/postgres-errors';
import { TransactionHost } from '../database/transaction-host';
import { AdminsRepository, AdminWithKeyPrefix } from './admins.repository';
import { AdminApiKey } from './entities/admin-api-key.entity';
import { Admin, AdminRole } from './entities/admin.entity';

export interface IssuedAdmin {
  admin: Admin;
  apiKey: string;
}

/** What an admin API key turned out to be. */
export type AdminKeyCheck = { status: 'valid'; principal: AdminPrincipal } | { status: 'revoked'; revokedAt: Date } | { status: 'unknown' };

export interface ServerIssuedKey extends IssuedAdmin {
  companyName: string;
  revokedOtherKeys: number;
}

@Injectable()
export class AdminsService {
  constructor(
    private readonly admins: AdminsRepository,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly credentials: CredentialLookupsService,
  ) {}

  /** Resolves an admin API key to its admin; a key of a revoked admin counts as revoked from then on. */
  async authenticate(apiKey: string): Promise<AdminKeyCheck> {
    if (!hasSecretShape(SecretKind.AdminApiKey, apiKey)) return { status: 'unknown' };
    const hash = hashSecret(apiKey);
    const owner = await this.credentials.find(CredentialKind.AdminApiKey, hash);
    const found = owner && (await this.admins.findKey(owner.companyId, owner.ownerId));
    if (!found || !secretMatchesHash(apiKey, found.key.keyHash)) return { status: 'unknown' };
    const revokedAt = found.key.revokedAt ?? found.admin.revokedAt;
    if (revokedAt) return { status: 'revoked', revokedAt };
    return {
      status: 'valid',
      principal: { adminId: found.admin.id, email: found.admin.email, companyId: found.admin.companyId, role: found.admin.role },
    };
  }

  /** Creates an admin with a fresh key, in the caller's transaction when there is one. */
  async issueAdmin(companyId: string, email: string, role: AdminRole, createdBy: string | null): Promise<IssuedAdmin> {
    const key = issueSecret(SecretKind.AdminApiKey);
    try {
      return await this.transactions.run(async () => {
        const admin = await this.admins.create(companyId, { email, role, createdBy });
        await this.addKey(admin, key.hash, key.displayPrefix, createdBy);
        return { admin, apiKey: key.secret };
      });
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
        actorEmail: actor.email,
        action: 'admin.created',
        targetType: 'admin',
        targetId: issued.admin.id,
        details: { email, role },
      });
      return issued;
    });
  }

  /**
   * Key recovery on the server (npm run admin -- issue-key): a new key for an existing admin, found by
   * email, and in a given company when the email is an admin of several. Other keys stay valid unless
   * revokeOthers.
   */
  async issueKeyOnServer(email: string, companyId: string | undefined, revokeOthers: boolean): Promise<ServerIssuedKey> {
    return this.transactions.run(async () => {
      const matches = await this.admins.findActiveByEmail(email, companyId);
      if (matches.length === 0) {
        throw new DomainException(
          DomainErrorCode.NotFound,
          `No active admin with email ${email}${companyId ? ` in company ${companyId}` : ''}`,
        );
      }
      if (matches.length > 1) {
        const companies = matches.map((match) => `${match.admin.companyId} (${match.companyName})`).join(', ');
        throw new DomainException(
          DomainErrorCode.InvalidInput,
          `${email} is an admin of several companies: ${companies}; name one with --company <id>`,
        );
      }
      const [{ admin, companyName }] = matches;
      const key = issueSecret(SecretKind.AdminApiKey);
      const added = await this.addKey(admin, key.hash, key.displayPrefix, SERVER_COMMAND_LINE);
      const revokedOtherKeys = revokeOthers ? await this.admins.revokeKeysExcept(admin.companyId, admin.id, added.id) : 0;
      await this.auditLog.append(admin.companyId, {
        actorType: 'system',
        actorId: SERVER_COMMAND_LINE,
        action: 'admin.key_issued',
        targetType: 'admin',
        targetId: admin.id,
        details: { email: admin.email, keyPrefix: key.displayPrefix, revokedOtherKeys },
      });
      return { admin, apiKey: key.secret, companyName, revokedOtherKeys };
    });
  }

  async listAdmins(actor: AdminPrincipal, page: { cursor?: string; limit: number }): Promise<Page<AdminWithKeyPrefix>> {
    const rows = await this.admins.listActive(actor.companyId, page.cursor, page.limit + 1);
    return pageOf(rows, page.limit, (last) => last.admin.id);
  }

  /** Whether the vault user with this email is one of the company's super admins. */
  async isSuperAdminEmail(companyId: string, email: string): Promise<boolean> {
    return this.admins.isActiveSuperAdminEmail(companyId, email);
  }

  /** The emails of the given admins, revoked ones included (who created a token stays known), by admin id. */
  async emailsOf(companyId: string, adminIds: string[]): Promise<Map<string, string>> {
    return this.admins.emailsOf(companyId, adminIds);
  }

  async revokeAdmin(actor: AdminPrincipal, adminId: string): Promise<void> {
    requireSuperAdmin(actor);
    await this.transactions.run(async () => {
      const superAdmins = await this.admins.lockActiveSuperAdmins(actor.companyId);
      const target = await this.admins.findActive(actor.companyId, adminId);
      if (!target) throw DomainException.notFound('Admin');
      if (target.role === AdminRole.SuperAdmin && superAdmins.length === 1) {
        throw new DomainException(DomainErrorCode.InvalidStateTransition, 'The last super admin of a company cannot be revoked');
      }
      await this.admins.revoke(actor.companyId, adminId);
      await this.auditLog.append(actor.companyId, {
        actorType: 'admin',
        actorId: actor.adminId,
        actorEmail: actor.email,
        action: 'admin.revoked',
        targetType: 'admin',
        targetId: adminId,
      });
    });
  }

  private async addKey(admin: Admin, hash: Buffer, prefix: string, issuedBy: string | null): Promise<AdminApiKey> {
    const key = await this.admins.addKey(admin.companyId, admin.id, { hash, prefix, issuedBy });
    await this.credentials.register(CredentialKind.AdminApiKey, hash, { companyId: admin.companyId, ownerId: key.id });
    return key;
  }
}

/** The actor recorded for keys issued with the admin command on the server. */
const SERVER_COMMAND_LINE = 'cli';

function requireSuperAdmin(actor: AdminPrincipal): void {
  if (!isSuperAdmin(actor)) {
    throw new DomainException(DomainErrorCode.Forbidden, 'Only a super admin can manage admins');
  }
}
