import { Injectable } from '@nestjs/common';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { TransactionHost } from '../database/transaction-host';
import { CredentialKind } from './credential-kind';

export interface CredentialOwner {
  companyId: string;
  ownerId: string;
}

/** The credential_lookups table. */
@Injectable()
export class CredentialLookupsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(kind: CredentialKind, hash: Buffer, owner: CredentialOwner): Promise<void> {
    await this.transactions.write('INSERT INTO credential_lookups (hash, kind, company_id, owner_id) VALUES ($1, $2, $3, $4)', [
      hash,
      kind,
      owner.companyId,
      owner.ownerId,
    ]);
  }

  /** By hash, in any company: the company is not known before the credential is. */
  async find(kind: CredentialKind, hash: Buffer): Promise<CredentialOwner | null> {
    const row = await CompanyScopes.runAsSystem(() =>
      this.transactions.first<{ company_id: string; owner_id: string }>(
        'SELECT company_id, owner_id FROM credential_lookups WHERE hash = $1 AND kind = $2',
        [hash, kind],
      ),
    );
    return row && { companyId: row.company_id, ownerId: row.owner_id };
  }

  async delete(kind: CredentialKind, hashes: Buffer[]): Promise<void> {
    if (hashes.length === 0) return;
    await this.transactions.write('DELETE FROM credential_lookups WHERE hash = ANY($1::bytea[]) AND kind = $2', [hashes, kind]);
  }
}
