import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Company } from '../../companies/entities/company.entity';
import { DirectoryIntegration } from './directory-integration.entity';

export enum SyncOperation {
  Create = 'create',
  Replace = 'replace',
  Patch = 'patch',
  Delete = 'delete',
  Bulk = 'bulk',
  /** A directory snapshot's steps (docs/directory-sync.md): opened, a part uploaded, committed, confirmed, rejected. */
  SnapshotOpen = 'snapshot_open',
  SnapshotPart = 'snapshot_part',
  SnapshotCommit = 'snapshot_commit',
  SnapshotConfirm = 'snapshot_confirm',
  SnapshotReject = 'snapshot_reject',
}

/** Why a write was answered but not applied. */
export enum SkipReason {
  ManagedByAnotherSource = 'managed_by_another_source',
}

/** The operation a write of one resource records, by HTTP method; null for a method that writes nothing. */
export function syncOperationOfMethod(method: string): SyncOperation | null {
  switch (method.toUpperCase()) {
    case 'POST':
      return SyncOperation.Create;
    case 'PUT':
      return SyncOperation.Replace;
    case 'PATCH':
      return SyncOperation.Patch;
    case 'DELETE':
      return SyncOperation.Delete;
    default:
      return null;
  }
}

/** One SCIM write (successful or not) by a directory integration. */
@Entity({ name: 'sync_log' })
@Check(
  'CHK_sync_log_operation',
  `"operation" IN ('create', 'replace', 'patch', 'delete', 'bulk', 'snapshot_open', 'snapshot_part', 'snapshot_commit', 'snapshot_confirm', 'snapshot_reject')`,
)
@Index('IDX_sync_log_integration', ['companyId', 'integrationId', 'id'])
@Index('IDX_sync_log_failures', ['companyId', 'integrationId', 'occurredAt'], { where: '"status" >= 400' })
@Index('IDX_sync_log_occurred_at', ['occurredAt'])
@Index('IDX_sync_log_activity', ['companyId', 'occurredAt'])
@Index('IDX_sync_log_skipped', ['companyId', 'integrationId', 'occurredAt'], { where: '"skip_reason" IS NOT NULL' })
@Check('CHK_sync_log_skip_reason', `"skip_reason" IN ('managed_by_another_source')`)
export class SyncLogEntry {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_sync_log_company' })
  company?: Company;

  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_sync_log_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_sync_log_integration' },
  ])
  integration?: DirectoryIntegration;

  @Column({ type: 'varchar', length: 16 })
  operation: SyncOperation;

  @Column({ name: 'resource_type', type: 'varchar', length: 32 })
  resourceType: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 255, nullable: true })
  resourceId: string | null;

  @Column({ type: 'smallint' })
  status: number;

  /** RFC 7644 §3.12 `scimType` of the error answered, when it had one. */
  @Column({ name: 'scim_type', type: 'varchar', length: 32, nullable: true })
  scimType: string | null;

  /**
   * Why a write answered with success was not applied: the resource is managed by another source (docs/ownership.md).
   * `detail` then says which.
   */
  @Column({ name: 'skip_reason', type: 'varchar', length: 32, nullable: true })
  skipReason: SkipReason | null;

  /** The `detail` of the SCIM error answered, or of the skipped write. */
  @Column({ type: 'varchar', length: 1024, nullable: true })
  detail: string | null;

  /** Whom the write was about: from the resource answered, else from the request body. */
  @Column({ name: 'user_name', type: 'varchar', length: 320, nullable: true })
  userName: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 512, nullable: true })
  displayName: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;

  /** The request id of the log line, to find the details of a failure. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
