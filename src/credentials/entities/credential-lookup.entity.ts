import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { CredentialKind } from '../credential-kind';

/**
 * Which company, and which row of it, a credential hash belongs to: the one table read before the company is known,
 * so that every company table can be distributed by company_id (docs/scaling.md). Hashes only, as the owning rows
 * store them; the owning row, not this one, says whether the credential is still valid.
 */
@Entity({ name: 'credential_lookups' })
@Check('CHK_credential_lookups_kind', `"kind" IN ('integration-token', 'admin-api-key', 'provisioning-api-key')`)
export class CredentialLookup {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'PK_credential_lookups' })
  hash: Buffer;

  @Column({ type: 'varchar', length: 32 })
  kind: CredentialKind;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  /** The owning row's id in its company: an integration, an admin API key or a Provisioning API key. */
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;
}
