import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Company } from '../../companies/entities/company.entity';

export enum UserState {
  Provisioned = 'provisioned',
  Active = 'active',
  Disabled = 'disabled',
  Deleted = 'deleted',
}

@Entity({ name: 'user_accounts' })
@Check('CHK_user_accounts_state', `"state" IN ('provisioned', 'active', 'disabled', 'deleted')`)
// Partial and expression indexes live in the migration only.
@Index('UQ_user_accounts_user_name', { synchronize: false })
@Index('IDX_user_accounts_external_id', { synchronize: false })
@Index('IDX_user_accounts_created', { synchronize: false })
@Index('IDX_user_accounts_integration', { synchronize: false })
@Index('IDX_user_accounts_purgeable', { synchronize: false })
@Check('CHK_user_accounts_deleted_at', `"state" <> 'deleted' OR "deleted_at" IS NOT NULL`)
export class UserAccount {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_user_accounts_company' })
  company?: Company;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The directory integration that provisioned the user; null for users created otherwise. */
  @Column({ name: 'integration_id', type: 'uuid', nullable: true })
  integrationId: string | null;

  /** That integration's provider, kept with the user: a tab's provider never changes. */
  @Column({ name: 'integration_provider', type: 'varchar', length: 32, nullable: true })
  integrationProvider: string | null;

  @Column({ name: 'user_name', type: 'varchar', length: 320 })
  userName: string;

  /** lower(user_name), stored: the unique index is on it, as one on lower() is unusable under row-level security. */
  @Column({ name: 'user_name_key', type: 'varchar', length: 320, generatedType: 'STORED', asExpression: 'lower("user_name")' })
  userNameKey: string;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 512, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: UserState;

  /** Set when the vault service reports the master password was set; decides where re-enabling leads. */
  @Column({ name: 'master_password_set_at', type: 'timestamptz', nullable: true })
  masterPasswordSetAt: Date | null;

  /** The remaining SCIM attributes (name, emails, enterprise extension keyed by its URN, ...). */
  @Column({ type: 'jsonb', default: {} })
  attributes: Record<string, unknown>;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Set when retention cleared a deleted user's personal data, leaving a tombstone. */
  @Column({ name: 'personal_data_purged_at', type: 'timestamptz', nullable: true })
  personalDataPurgedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
