import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Admin } from './admin.entity';

/** A super admin who holds the master-password-reset policy. */
@Entity({ name: 'master_password_reset_holders' })
export class MasterPasswordResetHolder {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'admin_id', type: 'uuid' })
  adminId: string;

  @ManyToOne(() => Admin, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_master_password_reset_holders_admin' },
    { name: 'admin_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_master_password_reset_holders_admin' },
  ])
  admin?: Admin;
}
