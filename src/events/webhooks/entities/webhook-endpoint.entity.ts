import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Company } from '../../../companies/entities/company.entity';

/**
 * Where events are posted: a company's endpoint (its events only) or, without a company, an internal service's
 * endpoint for every company. `cursor` is the last event delivered (the company's sequence, or the position for
 * all companies); the lease lets one instance at a time deliver to an endpoint, which keeps its events in order.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('IDX_webhook_endpoints_company', ['companyId', 'createdAt'])
@Index('IDX_webhook_endpoints_due', ['nextAttemptAt'], { where: '"enabled"' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId: string | null;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_webhook_endpoints_company' })
  company?: Company;

  @Column({ name: 'created_by_service', type: 'varchar', length: 100, nullable: true })
  createdByService: string | null;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  /** Event types delivered; empty: all. */
  @Column({ name: 'event_types', type: 'jsonb' })
  eventTypes: string[];

  /** The signing secret, AES-256-GCM encrypted with WEBHOOK_SECRET_KEY: the sender needs it in clear to sign. */
  @Column({ name: 'secret_ciphertext', type: 'bytea' })
  secretCiphertext: Buffer;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 1000, nullable: true })
  disabledReason: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'bigint' })
  cursor: string;

  /** Failed attempts at the event after the cursor. */
  @Column({ type: 'integer', default: 0 })
  attempt: number;

  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil: Date | null;

  @Column({ name: 'lease_owner', type: 'uuid', nullable: true })
  leaseOwner: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
