import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Admin } from './admin.entity';

/** An API key of an admin; an admin may hold several. Only the hash is stored. */
@Entity({ name: 'admin_api_keys' })
@Index('IDX_admin_api_keys_admin', ['companyId', 'adminId'])
export class AdminApiKey {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'admin_id', type: 'uuid' })
  adminId: string;

  @ManyToOne(() => Admin, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_admin_api_keys_admin' },
    { name: 'admin_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_admin_api_keys_admin' },
  ])
  admin?: Admin;

  @Column({ name: 'key_hash', type: 'bytea', select: false })
  keyHash: Buffer;

  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  keyPrefix: string;

  /** The admin id that issued it, or `cli` for a key issued on the server; null for a company's first key. */
  @Column({ name: 'issued_by', type: 'varchar', length: 100, nullable: true })
  issuedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
