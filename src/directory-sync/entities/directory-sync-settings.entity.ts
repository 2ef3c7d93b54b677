import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DirectoryIntegration } from '../../directory-integrations/entities/directory-integration.entity';

export type DeprovisionAction = 'disable' | 'delete';

/** How snapshots of one source (a directory integration) deprovision; a source without a row has the defaults. */
@Entity({ name: 'directory_sync_settings' })
@Check('CHK_directory_sync_settings_action', `"deprovision_action" IN ('disable', 'delete')`)
@Check('CHK_directory_sync_settings_percent', `"max_delete_percent" BETWEEN 0 AND 100`)
export class DirectorySyncSettings {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @PrimaryColumn({ name: 'integration_id', type: 'uuid' })
  integrationId: string;

  @ManyToOne(() => DirectoryIntegration, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'company_id', referencedColumnName: 'companyId', foreignKeyConstraintName: 'FK_directory_sync_settings_integration' },
    { name: 'integration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_directory_sync_settings_integration' },
  ])
  integration?: DirectoryIntegration;

  @Column({ name: 'deprovision_action', type: 'varchar', length: 16, default: 'disable' })
  deprovisionAction: DeprovisionAction;

  @Column({ name: 'max_delete_percent', type: 'integer', default: 10 })
  maxDeletePercent: number;

  /** The admin who last changed them. */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
