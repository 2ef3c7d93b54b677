import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Company } from '../../companies/entities/company.entity';

/**
 * One change to a user or a group, written in the change's own transaction (the outbox). `entry` orders rows as they
 * were written; `position` (all companies) and `sequence` (per company) are given after commit by the sequencer, in
 * the order the rows became visible, so that a reader resuming from either never skips a late commit.
 */
@Entity({ name: 'change_events' })
@Index('UQ_change_events_id', ['id'], { unique: true })
@Index('UQ_change_events_position', ['position'], { unique: true })
@Index('UQ_change_events_company_sequence', ['companyId', 'sequence'], { unique: true })
@Index('IDX_change_events_unsequenced', ['entry'], { where: '"position" IS NULL' })
export class ChangeEventEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  entry: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_change_events_company' })
  company?: Company;

  @Column({ type: 'bigint', nullable: true })
  position: string | null;

  @Column({ type: 'bigint', nullable: true })
  sequence: string | null;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'jsonb' })
  source: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  subject: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
