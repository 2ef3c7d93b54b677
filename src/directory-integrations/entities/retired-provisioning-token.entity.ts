import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DirectoryIntegration } from './directory-integration.entity';

export type TokenRetirement = 'replaced' | 'revoked';

/** The hash of a provisioning token that was reset or revoked: lets a 401 say what happened and when. */
@Entity({ name: 'retired_provisioning_tokens' })
@Check('CHK_retired_provisioning_tokens_reason', `"reason" IN ('replaced', 'revoked')`)
export class RetiredProvisioningToken {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_retired_provisioning_tokens_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_retired_provisioning_tokens_integration' },
  ])
  integration?: DirectoryIntegration;

  @Column({ name: 'token_prefix', type: 'varchar', length: 32 })
  tokenPrefix: string;

  @Column({ type: 'varchar', length: 16 })
  reason: TokenRetirement;

  @CreateDateColumn({ name: 'retired_at', type: 'timestamptz' })
  retiredAt: Date;
}
