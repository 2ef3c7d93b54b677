import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Company } from '../../companies/entities/company.entity';
import { DirectoryProvider } from '../../common/auth/directory-provider';

/** One per (company, provider), created on first use; holds the provisioning token's hash, never the token. */
@Entity({ name: 'directory_integrations' })
@Check(
  'CHK_directory_integrations_provider',
  `"provider" IN ('okta', 'entra-id', 'onelogin', 'pingone', 'google-workspace', 'jumpcloud', 'generic', 'provisioning-api', 'active-directory')`,
)
@Check(
  'CHK_directory_integrations_token',
  `("token_hash" IS NULL) = ("token_prefix" IS NULL) AND ("token_hash" IS NULL) = ("token_created_at" IS NULL)`,
)
@Index('UQ_directory_integrations_provider', ['companyId', 'provider'], { unique: true })
export class DirectoryIntegration {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_directory_integrations_company' })
  company?: Company;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  provider: DirectoryProvider;

  /** SHA-256 of the provisioning token; null when there is none. */
  @Column({ name: 'token_hash', type: 'bytea', nullable: true, select: false })
  tokenHash: Buffer | null;

  @Column({ name: 'token_prefix', type: 'varchar', length: 32, nullable: true })
  tokenPrefix: string | null;

  @Column({ name: 'token_created_at', type: 'timestamptz', nullable: true })
  tokenCreatedAt: Date | null;

  /** The admin who created or last reset the token. */
  @Column({ name: 'token_created_by', type: 'uuid', nullable: true })
  tokenCreatedBy: string | null;

  /** Time of the last SCIM request, written at most every few seconds (see LastSyncTracker). */
  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt: Date | null;

  /** A create (or change) by this source may take over an unmanaged user of the same userName: docs/ownership.md. */
  @Column({ name: 'adopt_unmanaged_users', type: 'boolean', default: false })
  adoptUnmanagedUsers: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
