import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { TransactionHost } from '../database/transaction-host';
import { AdminsService, IssuedAdmin } from './admins.service';
import { CompaniesRepository } from './companies.repository';
import { AdminRole } from './entities/admin.entity';
import { Company } from './entities/company.entity';

export interface CreatedCompany {
  company: Company;
  superAdmin: IssuedAdmin;
}

@Injectable()
export class CompaniesService {
  constructor(
    private readonly companies: CompaniesRepository,
    private readonly admins: AdminsService,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
  ) {}

  /** A new business account with its first super admin, atomically. */
  async createCompany(name: string, superAdminEmail: string, createdByService: string): Promise<CreatedCompany> {
    return this.transactions.run(() => this.insertCompany(name, superAdminEmail, 'service', createdByService));
  }

  /** On an empty database, creates a demo company; null when any company exists already. */
  async createDemoCompanyIfEmpty(name: string, superAdminEmail: string): Promise<CreatedCompany | null> {
    return this.transactions.run(async () => {
      await this.companies.lockForSeeding();
      if (!(await this.companies.isEmpty())) return null;
      return this.insertCompany(name, superAdminEmail, 'system', null);
    });
  }

  private async insertCompany(
    name: string,
    superAdminEmail: string,
    actorType: 'service' | 'system',
    actorId: string | null,
  ): Promise<CreatedCompany> {
    const company = await this.companies.create(name);
    const superAdmin = await this.admins.issueAdmin(company.id, superAdminEmail, AdminRole.SuperAdmin, null);
    await this.auditLog.append(company.id, {
      actorType,
      actorId,
      action: 'company.created',
      targetType: 'company',
      targetId: company.id,
      details: { name, superAdminEmail },
    });
    return { company, superAdmin };
  }
}
