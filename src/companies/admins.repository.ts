import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionHost } from '../database/transaction-host';
import { AdminApiKey } from './entities/admin-api-key.entity';
import { Admin, AdminRole } from './entities/admin.entity';
import { Company } from './entities/company.entity';

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

@Injectable()
export class AdminsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async create(companyId: string, admin: NewAdmin): Promise<Admin> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(Admin, { companyId, ...admin, revokedAt: null }));
  }

  async addKey(companyId: string, adminId: string, key: NewAdminKey): Promise<AdminApiKey> {
    const manager = this.transactions.manager;
    return manager.save(
      manager.create(AdminApiKey, {
        companyId,
        adminId,
        keyHash: key.hash,
        keyPrefix: key.prefix,
        issuedBy: key.issuedBy,
        revokedAt: null,
      }),
    );
  }

  /** Revokes the admin's keys other than the one given; returns how many were still valid. */
  async revokeKeysExcept(companyId: string, adminId: string, keepKeyId: string): Promise<number> {
    const result = await this.transactions.manager
      .createQueryBuilder()
      .update(AdminApiKey)
      .set({ revokedAt: () => 'now()' })
      .where('company_id = :companyId AND admin_id = :adminId AND id <> :keepKeyId AND revoked_at IS NULL', {
        companyId,
        adminId,
        keepKeyId,
      })
      .execute();
    return result.affected ?? 0;
  }

  /** The key with this hash and its admin, revoked or not; the hash is loaded for a constant-time check. */
  async findKeyByHash(keyHash: Buffer): Promise<FoundAdminKey | null> {
    const key = await this.transactions.manager
      .createQueryBuilder(AdminApiKey, 'key')
      .addSelect('key.keyHash')
      .innerJoinAndSelect('key.admin', 'admin')
      .where('key.key_hash = :keyHash', { keyHash })
      .getOne();
    return key ? { key, admin: key.admin! } : null;
  }

  async findActive(companyId: string, adminId: string): Promise<Admin | null> {
    return this.transactions.manager.findOne(Admin, { where: { companyId, id: adminId, revokedAt: IsNull() } });
  }

  /** Active admins with this email in any company (server-side key recovery), optionally in one company. */
  async findActiveByEmail(email: string, companyId?: string): Promise<AdminOfCompany[]> {
    const query = this.transactions.manager
      .createQueryBuilder(Admin, 'admin')
      .innerJoin(Company, 'company', 'company.id = admin.company_id')
      .addSelect('company.name', 'company_name')
      .where('lower(admin.email) = lower(:email)', { email })
      .andWhere('admin.revoked_at IS NULL')
      .orderBy('admin.created_at', 'ASC');
    if (companyId) query.andWhere('admin.company_id = :companyId', { companyId });
    const { entities, raw } = await query.getRawAndEntities<{ company_name: string }>();
    return entities.map((admin, index) => ({ admin, companyName: raw[index].company_name }));
  }

  /** Active admins in creation order, after the admin `afterId` (the previous page's last, revoked since or not). */
  async listActive(companyId: string, afterId: string | undefined, limit: number): Promise<AdminWithKeyPrefix[]> {
    const query = this.transactions.manager
      .createQueryBuilder(Admin, 'admin')
      .addSelect(
        (newest) =>
          newest
            .select('key.key_prefix')
            .from(AdminApiKey, 'key')
            .where('key.company_id = admin.company_id AND key.admin_id = admin.id AND key.revoked_at IS NULL')
            .orderBy('key.created_at', 'DESC')
            .limit(1),
        'api_key_prefix',
      )
      .where('admin.company_id = :companyId', { companyId })
      .andWhere('admin.revoked_at IS NULL')
      .orderBy('admin.created_at', 'ASC')
      .addOrderBy('admin.id', 'ASC')
      .limit(limit);
    if (afterId) {
      query.andWhere(
        '(admin.created_at, admin.id) > (SELECT previous.created_at, previous.id FROM admins previous WHERE previous.company_id = :companyId AND previous.id = :afterId)',
        { afterId },
      );
    }
    const { entities, raw } = await query.getRawAndEntities<{ api_key_prefix: string | null }>();
    return entities.map((admin, index) => ({ admin, apiKeyPrefix: raw[index].api_key_prefix }));
  }

  /** Locks the company's active super admins so that concurrent revocations cannot remove the last one. */
  async lockActiveSuperAdmins(companyId: string): Promise<Admin[]> {
    return this.transactions.manager
      .createQueryBuilder(Admin, 'admin')
      .where('admin.company_id = :companyId', { companyId })
      .andWhere('admin.role = :role', { role: AdminRole.SuperAdmin })
      .andWhere('admin.revoked_at IS NULL')
      .setLock('pessimistic_write')
      .getMany();
  }

  async isActiveSuperAdminEmail(companyId: string, email: string): Promise<boolean> {
    return this.transactions.manager
      .createQueryBuilder(Admin, 'admin')
      .where('admin.company_id = :companyId', { companyId })
      .andWhere('lower(admin.email) = lower(:email)', { email })
      .andWhere('admin.role = :role', { role: AdminRole.SuperAdmin })
      .andWhere('admin.revoked_at IS NULL')
      .getExists();
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
    await this.transactions.manager.update(Admin, { companyId, id: adminId }, { revokedAt: () => 'now()' });
  }
}
