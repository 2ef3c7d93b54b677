import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Company } from '../../companies/entities/company.entity';

/**
 * A part of a company's count of users that are not deleted, and of how often that set changed. Written only by
 * triggers on user_accounts (migrations/1796400000000-LiveUserCounts.ts); a company's count is the sum of its rows.
 */
@Entity({ name: 'live_user_counts' })
export class LiveUserCount {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_live_user_counts_company' })
  company?: Company;

  /** One of the company's rows: a writer adds to one no other transaction holds, so writers never wait on each other. */
  @PrimaryColumn({ type: 'integer' })
  slot: number;

  @Column({ type: 'bigint', default: 0 })
  live: string;

  @Column({ type: 'bigint', default: 0 })
  changes: string;
}
