import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { EventsModule } from '../events/events.module';
import { WebhooksModule } from '../events/webhooks/webhooks.module';
import { KeyGrantsModule } from '../events/key-grants/key-grants.module';
import { ProvisioningApiModule } from '../provisioning-api/provisioning-api.module';
import { RetentionLock } from './retention-lock';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/** Purges records past their retention period; the owning modules do the SQL. */
@Module({
  imports: [AccountsModule, AuditModule, DirectoryIntegrationsModule, WebhooksModule, KeyGrantsModule, EventsModule, ProvisioningApiModule],
  providers: [RetentionLock, RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
