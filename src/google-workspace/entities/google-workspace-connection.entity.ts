import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DirectoryIntegration } from '../../directory-integrations/entities/directory-integration.entity';

export type GoogleScopeKind = 'all' | 'groups' | 'org_units';

/**
 * Where a run left off: the open snapshot, its next part number, the users page to read next ('' the first, null
 * none: the users are all uploaded) and the ids of the users uploaded, so that a failed run continues.
 */
export interface RunResumePoint {
  snapshotId: string;
  nextPart: number;
  pageToken: string | null;
  userIds: string[];
}

/**
 * The Google Workspace tab's setup: the service account key (encrypted), whom it impersonates, which directory and
 * which part of it, the schedule, and the lease that lets one instance at a time run it.
 */
@Entity({ name: 'google_workspace_connections' })
@Check('CHK_google_workspace_connections_scope', `"scope_kind" IN ('all', 'groups', 'org_units')`)
@Check('CHK_google_workspace_connections_schedule', `"schedule_minutes" BETWEEN 0 AND 10080`)
@Index('IDX_google_workspace_connections_due', ['nextRunAt'], { where: `"next_run_at" IS NOT NULL` })
export class GoogleWorkspaceConnection {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_google_workspace_connections_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_google_workspace_connections_integration' },
  ])
  integration?: DirectoryIntegration;

  @Column({ name: 'service_account_email', type: 'varchar', length: 320, nullable: true })
  serviceAccountEmail: string | null;

  @Column({ name: 'key_id', type: 'varchar', length: 128, nullable: true })
  keyId: string | null;

  /** The whole JSON key, AES-256-GCM: iv ‖ tag ‖ ciphertext. */
  @Column({ name: 'encrypted_key', type: 'bytea', nullable: true })
  encryptedKey: Buffer | null;

  @Column({ name: 'key_uploaded_at', type: 'timestamptz', nullable: true })
  keyUploadedAt: Date | null;

  @Column({ name: 'admin_email', type: 'varchar', length: 320, nullable: true })
  adminEmail: string | null;

  @Column({ name: 'customer_id', type: 'varchar', length: 64, nullable: true })
  customerId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  domain: string | null;

  @Column({ name: 'scope_kind', type: 'varchar', length: 16, default: 'all' })
  scopeKind: GoogleScopeKind;

  /** Group emails or org unit paths, per scope_kind. */
  @Column({ name: 'scope_values', type: 'jsonb', default: () => `'[]'` })
  scopeValues: string[];

  /** Minutes between scheduled runs; 0: only when an admin asks. */
  @Column({ name: 'schedule_minutes', type: 'integer', default: 0 })
  scheduleMinutes: number;

  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  @Column({ name: 'lease_owner', type: 'uuid', nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  resume: RunResumePoint | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
