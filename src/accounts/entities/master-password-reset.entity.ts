import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Admin } from '../../companies/entities/admin.entity';
import { UserAccount } from './user-account.entity';

export enum MasterPasswordResetStatus {
  Pending = 'pending',
  Completed = 'completed',
}

/** A super admin's request that the vault service let a user set a new master password. */
@Entity({ name: 'master_password_resets' })
@Check('CHK_master_password_resets_status', `"status" IN ('pending', 'completed')`)
@Index('IDX_master_password_resets_status', ['companyId', 'status', 'createdAt'])
export class MasterPasswordReset {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserAccount, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_master_password_resets_user' },
    { name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_master_password_resets_user' },
  ])
  user?: UserAccount;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @ManyToOne(() => Admin, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_master_password_resets_requested_by' },
    { name: 'requested_by', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_master_password_resets_requested_by' },
  ])
  requester?: Admin;

  @Column({ type: 'varchar', length: 16, default: MasterPasswordResetStatus.Pending })
  status: MasterPasswordResetStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
