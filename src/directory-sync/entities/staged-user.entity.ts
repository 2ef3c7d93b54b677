import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SnapshotPart } from './snapshot-part.entity';

/** A user as a snapshot says it should be; one userName and one externalId per snapshot. */
@Entity({ name: 'directory_snapshot_users' })
@Index('UQ_directory_snapshot_users_external_id', ['companyId', 'snapshotId', 'externalId'], { unique: true })
@Index('IDX_directory_snapshot_users_part', ['companyId', 'snapshotId', 'partNumber'])
export class StagedUser {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @PrimaryColumn({ name: 'user_name_key', type: 'varchar', length: 320, generatedType: 'STORED', asExpression: 'lower("user_name")' })
  userNameKey: string;

  @Column({ name: 'part_number', type: 'integer' })
  partNumber: number;

  @ManyToOne(() => SnapshotPart, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_snapshot_users_part' },
    { name: 'snapshot_id', referencedColumnName: 'snapshotId', foreignKeyConstraintName: 'FK_directory_snapshot_users_part' },
    { name: 'part_number', referencedColumnName: 'partNumber', foreignKeyConstraintName: 'FK_directory_snapshot_users_part' },
  ])
  part?: SnapshotPart;

  @Column({ name: 'user_name', type: 'varchar', length: 320 })
  userName: string;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 512, nullable: true })
  displayName: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  /** The user's other attributes, in the shape user_accounts keeps them. */
  @Column({ type: 'jsonb' })
  attributes: Record<string, unknown>;
}
