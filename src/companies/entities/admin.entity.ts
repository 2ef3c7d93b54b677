import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Company } from './company.entity';

export enum AdminRole {
  Admin = 'admin',
  SuperAdmin = 'super_admin',
}

@Entity({ name: 'admins' })
@Check('CHK_admins_role', `"role" IN ('admin', 'super_admin')`)
// Unique on (company_id, lower(email)) among active admins: an expression index, kept in the migration only.
@Index('UQ_admins_active_email', { synchronize: false })
export class Admin {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_admins_company' })
  company?: Company;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 16 })
  role: AdminRole;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
