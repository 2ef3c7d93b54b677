import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionHost } from '../database/transaction-host';
import { Admin, AdminRole } from './entities/admin.entity';

export interface NewAdmin {
  email: string;
  role: AdminRole;
  apiKeyHash: Buffer;
  apiKeyPrefix: string;
  createdBy: string | null;
}

@Injectable()
export class AdminsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async create(companyId: string, admin: NewAdmin): Promise<Admin> {
    const manager = this.transactions.manager;
    return manager.save(manager.create(Admin, { companyId, ...admin, revokedAt: null }));
  }

  /** The active admin holding the key with this hash; the hash is loaded for a constant-time check. */
  async findActiveByKeyHash(apiKeyHash: Buffer): Promise<Admin | null> {
    return this.transactions.manager
      .createQueryBuilder(Admin, 'admin')
      .addSelect('admin.apiKeyHash')
      .where('admin.api_key_hash = :apiKeyHash', { apiKeyHash })
      .andWhere('admin.revoked_at IS NULL')
      .getOne();
  }

  async findActive(companyId: string, adminId: string): Promise<Admin | null> {
    return this.transactions.manager.findOne(Admin, { where: { companyId, id: adminId, revokedAt: IsNull() } });
  }

  async listActive(companyId: string): Promise<Admin[]> {
    return this.transactions.manager.find(Admin, {
      where: { companyId, revokedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
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

  async revoke(companyId: string, adminId: string): Promise<void> {
    await this.transactions.manager.update(Admin, { companyId, id: adminId }, { revokedAt: () => 'now()' });
  }
}
