import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Company } from '../../../companies/entities/company.entity';

/**
 * The key hand-off queue of the customer's encryption service. `entry` orders tasks as they were derived from the
 * change events; open tasks (queued or leased) of an overlapping (group, user) are leased in that order only.
 */
@Entity({ name: 'key_grant_tasks' })
@Check('CHK_key_grant_tasks_kind', `"kind" IN ('grant', 'revoke')`)
@Check('CHK_key_grant_tasks_state', `"state" IN ('queued', 'leased', 'completed', 'failed', 'cancelled')`)
@Check('CHK_key_grant_tasks_target', `"group_id" IS NOT NULL OR "user_id" IS NOT NULL`)
@Index('UQ_key_grant_tasks_id', ['id'], { unique: true })
@Index('IDX_key_grant_tasks_company_state', ['companyId', 'state'])
@Index('IDX_key_grant_tasks_open', ['entry'], { where: `"state" IN ('queued', 'leased')` })
@Index('IDX_key_grant_tasks_open_group', ['companyId', 'groupId'], { where: `"state" IN ('queued', 'leased')` })
@Index('IDX_key_grant_tasks_open_user', ['companyId', 'userId'], { where: `"state" IN ('queued', 'leased')` })
@Index('IDX_key_grant_tasks_open_group_wide', ['companyId', 'groupId'], { where: `"state" IN ('queued', 'leased') AND "user_id" IS NULL` })
@Index('IDX_key_grant_tasks_open_user_wide', ['companyId', 'userId'], { where: `"state" IN ('queued', 'leased') AND "group_id" IS NULL` })
@Index('IDX_key_grant_tasks_finished', ['finishedAt'], { where: `"state" IN ('completed', 'cancelled')` })
export class KeyGrantTaskRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  entry: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_key_grant_tasks_company' })
  company?: Company;

  @Column({ type: 'varchar', length: 8 })
  kind: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state: string;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'user_name', type: 'varchar', length: 320, nullable: true })
  userName: string | null;

  @Column({ name: 'group_display_name', type: 'varchar', length: 512, nullable: true })
  groupDisplayName: string | null;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_position', type: 'bigint' })
  eventPosition: string;

  @Column({ type: 'uuid', nullable: true })
  supersedes: string | null;

  @Column({ type: 'integer', default: 0 })
  attempt: number;

  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  leaseId: string | null;

  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
