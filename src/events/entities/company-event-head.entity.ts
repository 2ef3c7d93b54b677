import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Company } from '../../companies/entities/company.entity';

/** The last per-company sequence number the sequencer gave; written by the sequencer alone. */
@Entity({ name: 'company_event_heads' })
export class CompanyEventHead {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_company_event_heads_company' })
  company?: Company;

  @Column({ name: 'last_sequence', type: 'bigint' })
  lastSequence: string;
}
