import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { Company } from './entities/company.entity';

interface CompanyRow {
  id: string;
  name: string;
  created_at: Date;
}

@Injectable()
export class CompaniesRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Inserts the company and its default policy row. */
  async create(name: string): Promise<Company> {
    const { rows } = await this.transactions.write<CompanyRow>(`INSERT INTO companies (name) VALUES ($1) RETURNING *`, [name]);
    const company = toCompany(rows[0]);
    await this.transactions.write(`INSERT INTO company_policies (company_id, master_password_reset_enabled) VALUES ($1, false)`, [
      company.id,
    ]);
    return company;
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.transactions.first<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM companies) AS empty`);
    return row!.empty;
  }

  /** Serialises first-start seeding across instances for the rest of the current transaction. */
  async lockForSeeding(): Promise<void> {
    await this.transactions.rows(`SELECT pg_advisory_xact_lock(hashtext('companies:seed'))`);
  }
}

function toCompany(row: CompanyRow): Company {
  return Object.assign(new Company(), { id: row.id, name: row.name, createdAt: row.created_at });
}
