import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryIntegration } from '../../directory-integrations/entities/directory-integration.entity';

export type GoogleRunTrigger = 'schedule' | 'manual';
export type GoogleRunState = 'running' | 'applied' | 'held' | 'failed';

/** What the Directory API answered in a run. */
export interface GoogleRunCounts {
  users: number;
  groups: number;
  memberships: number;
}

/** One sync run of a Google Workspace tab: when, how long, what it read, the snapshot it applied, or why it failed. */
@Entity({ name: 'google_workspace_runs' })
@Check('CHK_google_workspace_runs_state', `"state" IN ('running', 'applied', 'held', 'failed')`)
@Check('CHK_google_workspace_runs_trigger', `"trigger" IN ('schedule', 'manual')`)
@Index('IDX_google_workspace_runs_integration', ['companyId', 'integrationId', 'startedAt'])
export class GoogleWorkspaceRun {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_google_workspace_runs_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_google_workspace_runs_integration' },
  ])
  integration?: DirectoryIntegration;

  @Column({ type: 'varchar', length: 16 })
  trigger: GoogleRunTrigger;

  @Column({ type: 'varchar', length: 16 })
  state: GoogleRunState;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'snapshot_id', type: 'uuid', nullable: true })
  snapshotId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  counts: GoogleRunCounts | null;

  /** The snapshot's applied counts, as its record has them. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;
}
