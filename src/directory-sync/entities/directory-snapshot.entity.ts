import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryIntegration } from '../../directory-integrations/entities/directory-integration.entity';

/**
 * open → (commit) applying → applied, or held (the deletion guard) → applied on confirmation or rejected;
 * open and held expire; failed when applying stopped on an unexpected error.
 */
export enum SnapshotState {
  Open = 'open',
  Applying = 'applying',
  Held = 'held',
  Applied = 'applied',
  Rejected = 'rejected',
  Expired = 'expired',
  Failed = 'failed',
}

/** What a source says its directory holds, uploaded in parts, and what reconciling it did. */
@Entity({ name: 'directory_snapshots' })
@Check('CHK_directory_snapshots_state', `"state" IN ('open', 'applying', 'held', 'applied', 'rejected', 'expired', 'failed')`)
@Index('IDX_directory_snapshots_integration', ['companyId', 'integrationId', 'createdAt'])
@Index('IDX_directory_snapshots_expiry', ['expiresAt'], { where: `"state" IN ('open', 'held')` })
export class DirectorySnapshot {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_snapshots_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_directory_snapshots_integration' },
  ])
  integration?: DirectoryIntegration;

  /** The source's provider, kept with the snapshot: a tab's provider never changes. */
  @Column({ type: 'varchar', length: 32 })
  provider: string;

  @Column({ type: 'varchar', length: 16 })
  state: SnapshotState;

  /** The difference last computed: counts of each kind of change (a dry run, a held or an applied snapshot). */
  @Column({ type: 'jsonb', nullable: true })
  planned: Record<string, unknown> | null;

  /** What applying did: counts and the items that could not be applied. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  /** Why the snapshot was held, rejected or failed. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** An open or held snapshot that reaches this time expires: its parts are dropped and it never applies. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt: Date | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  /** The admin who confirmed (a held snapshot) or rejected it. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_by_email', type: 'varchar', length: 320, nullable: true })
  decidedByEmail: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
