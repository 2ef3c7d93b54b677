import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SnapshotPart } from './snapshot-part.entity';

/** A group as a snapshot says it should be; its members are staged apart (StagedMembership). */
@Entity({ name: 'directory_snapshot_groups' })
@Index('UQ_directory_snapshot_groups_external_id', ['companyId', 'snapshotId', 'externalId'], { unique: true })
@Index('IDX_directory_snapshot_groups_part', ['companyId', 'snapshotId', 'partNumber'])
export class StagedGroup {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @PrimaryColumn({
    name: 'display_name_key',
    type: 'varchar',
    length: 512,
    generatedType: 'STORED',
    asExpression: 'lower("display_name")',
  })
  displayNameKey: string;

  @Column({ name: 'part_number', type: 'integer' })
  partNumber: number;

  @ManyToOne(() => SnapshotPart, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_snapshot_groups_part' },
    { name: 'snapshot_id', referencedColumnName: 'snapshotId', foreignKeyConstraintName: 'FK_directory_snapshot_groups_part' },
    { name: 'part_number', referencedColumnName: 'partNumber', foreignKeyConstraintName: 'FK_directory_snapshot_groups_part' },
  ])
  part?: SnapshotPart;

  @Column({ name: 'display_name', type: 'varchar', length: 512 })
  displayName: string;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;
}
