import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Company } from '../../companies/entities/company.entity';

@Entity({ name: 'groups' })
@Index('UQ_groups_display_name', ['companyId', 'displayNameKey'], { unique: true })
@Index('IDX_groups_external_id', ['companyId', 'externalId'])
@Index('IDX_groups_created', ['companyId', 'createdAt', 'id'])
export class Group {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'FK_groups_company' })
  company?: Company;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The directory integration that manages the group; null for groups created otherwise. */
  @Column({ name: 'integration_id', type: 'uuid', nullable: true })
  integrationId: string | null;

  /** That integration's provider, kept with the group as with users: a tab's provider never changes. */
  @Column({ name: 'integration_provider', type: 'varchar', length: 32, nullable: true })
  integrationProvider: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 512 })
  displayName: string;

  /** lower(display_name), stored: the unique index is on it, as one on lower() is unusable under row-level security. */
  @Column({ name: 'display_name_key', type: 'varchar', length: 512, generatedType: 'STORED', asExpression: 'lower("display_name")' })
  displayNameKey: string;

  @Column({ name: 'external_id', type: 'varchar', length: 512, nullable: true })
  externalId: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
