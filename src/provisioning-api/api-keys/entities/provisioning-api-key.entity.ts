import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryIntegration } from '../../../directory-integrations/entities/directory-integration.entity';
import { ProvisioningApiScope } from '../../../common/auth/provisioning-principal';

/** A company API key of the provisioning-api tab. Only the hash is stored; the key is shown once. */
@Entity({ name: 'provisioning_api_keys' })
@Check('CHK_provisioning_api_keys_scope', `"scope" IN ('read-only', 'read-write')`)
@Index('IDX_provisioning_api_keys_integration', ['companyId', 'integrationId'])
export class ProvisioningApiKey {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_provisioning_api_keys_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_provisioning_api_keys_integration' },
  ])
  integration?: DirectoryIntegration;

  /** What the admin called it, e.g. the script that uses it. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  scope: ProvisioningApiScope;

  @Column({ name: 'key_hash', type: 'bytea', select: false })
  keyHash: Buffer;

  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  keyPrefix: string;

  /** The admin who created it. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Time of the last request with the key, written at most every few seconds per instance. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
