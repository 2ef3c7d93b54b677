import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DirectorySnapshot } from './directory-snapshot.entity';

/** One uploaded part of a snapshot; uploading a part number again replaces it. */
@Entity({ name: 'directory_snapshot_parts' })
export class SnapshotPart {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId: string;

  @PrimaryColumn({ name: 'part_number', type: 'integer' })
  partNumber: number;

  @ManyToOne(() => DirectorySnapshot, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_snapshot_parts_snapshot' },
    { name: 'snapshot_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_directory_snapshot_parts_snapshot' },
  ])
  snapshot?: DirectorySnapshot;

  @Column({ type: 'integer' })
  users: number;

  @Column({ type: 'integer' })
  groups: number;

  @Column({ type: 'integer' })
  memberships: number;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
