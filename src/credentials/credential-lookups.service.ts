import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { CredentialKind } from './credential-kind';
import { CredentialLookupsRepository, CredentialOwner } from './credential-lookups.repository';

/**
 * Finds the company and owning row of a credential by its hash, the only lookup that crosses companies. A credential
 * is registered and forgotten in the transaction that writes its owning row, so the two never disagree; a reset or a
 * revocation changes only the owning row, which authentication reads next by (company_id, id).
 */
@Injectable()
export class CredentialLookupsService {
  constructor(
    private readonly lookups: CredentialLookupsRepository,
    private readonly transactions: TransactionHost,
  ) {}

  async register(kind: CredentialKind, hash: Buffer, owner: CredentialOwner): Promise<void> {
    this.requireTransaction();
    await this.lookups.insert(kind, hash, owner);
  }

  async find(kind: CredentialKind, hash: Buffer): Promise<CredentialOwner | null> {
    return this.lookups.find(kind, hash);
  }

  /** For owning rows deleted for good (retention of retired tokens). */
  async forget(kind: CredentialKind, hashes: Buffer[]): Promise<void> {
    this.requireTransaction();
    await this.lookups.delete(kind, hashes);
  }

  private requireTransaction(): void {
    if (!this.transactions.inTransaction) throw new Error('A credential lookup is written in the transaction of its owning row');
  }
}
