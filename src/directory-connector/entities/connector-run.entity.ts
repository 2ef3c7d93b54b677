import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DirectoryIntegration } from '../../directory-integrations/entities/directory-integration.entity';

export type ConnectorRunResult = 'applied' | 'held' | 'dry-run' | 'failed';

/** One run of the connector agent, as the agent reported it when it ended. */
@Entity({ name: 'directory_connector_runs' })
@Check('CHK_directory_connector_runs_result', `"result" IN ('applied', 'held', 'dry-run', 'failed')`)
@Index('IDX_directory_connector_runs_recent', ['companyId', 'integrationId', 'startedAt'])
export class ConnectorRun {
  @PrimaryColumn({ name: 'company_id', type: 'uuid', primaryKeyConstraintName: 'PK_directory_connector_runs' })
  companyId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_directory_connector_runs' })
  id: string;

  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_connector_runs_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_directory_connector_runs_integration' },
  ])
  integration?: DirectoryIntegration;

  @Column({ type: 'varchar', length: 64, nullable: true })
  version: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  result: ConnectorRunResult;

  /** What the agent read from the directory and sent. */
  @Column({ type: 'integer' })
  users: number;

  @Column({ type: 'integer' })
  groups: number;

  /** The snapshot the run sent, when it got that far. */
  @Column({ name: 'snapshot_id', type: 'uuid', nullable: true })
  snapshotId: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  error: string | null;
}
