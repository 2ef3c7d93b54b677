import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DirectoryIntegration } from '../../directory-integrations/entities/directory-integration.entity';

/** The connector agent of an Active Directory tab, as it last identified itself. */
@Entity({ name: 'directory_connector_agents' })
export class ConnectorAgent {
  @PrimaryColumn({ name: 'company_id', type: 'uuid', primaryKeyConstraintName: 'PK_directory_connector_agents' })
  companyId: string;

  @PrimaryColumn({ name: 'integration_id', type: 'uuid', primaryKeyConstraintName: 'PK_directory_connector_agents' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_connector_agents_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_directory_connector_agents_integration' },
  ])
  integration?: DirectoryIntegration;

  /** From its User-Agent (dps-directory-connector/<version>); null when it sent none. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  version: string | null;

  @Column({ name: 'last_contact_at', type: 'timestamptz' })
  lastContactAt: Date;
}
