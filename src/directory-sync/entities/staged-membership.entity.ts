import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SnapshotPart } from './snapshot-part.entity';

/**
 * One member of a snapshot's group, by references to the snapshot's own items: the group's externalId or
 * displayName, the user's externalId or userName. A large group's members may span parts.
 */
@Entity({ name: 'directory_snapshot_memberships' })
export class StagedMembership {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @PrimaryColumn({ name: 'part_number', type: 'integer' })
  partNumber: number;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @ManyToOne(() => SnapshotPart, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_snapshot_memberships_part' },
    { name: 'snapshot_id', referencedColumnName: 'snapshotId', foreignKeyConstraintName: 'FK_directory_snapshot_memberships_part' },
    { name: 'part_number', referencedColumnName: 'partNumber', foreignKeyConstraintName: 'FK_directory_snapshot_memberships_part' },
  ])
  part?: SnapshotPart;

  @Column({ name: 'group_ref', type: 'varchar', length: 512 })
  groupRef: string;

  @Column({ name: 'user_ref', type: 'varchar', length: 512 })
  userRef: string;
}
