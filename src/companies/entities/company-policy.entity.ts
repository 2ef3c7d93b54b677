import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Company } from './company.entity';

@Entity({ name: 'company_policies' })
export class CompanyPolicy {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @OneToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_company_policies_company' })
  company?: Company;

  /** "Permit super admins to reset master passwords". */
  @Column({ name: 'master_password_reset_enabled', type: 'boolean', default: false })
  masterPasswordResetEnabled: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
