import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { Company } from './entities/company.entity';
import { CompanyPolicy } from './entities/company-policy.entity';

@Injectable()
export class CompaniesRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Inserts the company and its default policy row. */
  async create(name: string): Promise<Company> {
    const manager = this.transactions.manager;
    const company = await manager.save(manager.create(Company, { name }));
    await manager.insert(CompanyPolicy, { companyId: company.id, masterPasswordResetEnabled: false });
    return company;
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.transactions.manager.exists(Company, {}));
  }

  /** Serialises first-start seeding across instances for the rest of the current transaction. */
  async lockForSeeding(): Promise<void> {
    await this.transactions.manager.query(`SELECT pg_advisory_xact_lock(hashtext('companies:seed'))`);
  }
}
