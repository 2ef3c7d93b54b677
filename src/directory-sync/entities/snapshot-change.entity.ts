import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DirectorySnapshot } from './directory-snapshot.entity';

/**
 * One change (or issue) of the difference a dry run or the deletion guard last computed for a snapshot, in plan
 * order: the full list behind the first ones the snapshot's record shows. It goes with the snapshot's retention.
 */
@Entity({ name: 'directory_snapshot_changes' })
export class SnapshotChange {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @ManyToOne(() => DirectorySnapshot, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_snapshot_changes_snapshot' },
    { name: 'snapshot_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_directory_snapshot_changes_snapshot' },
  ])
  snapshot?: DirectorySnapshot;

  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ type: 'varchar', length: 512 })
  target: string;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;
}
