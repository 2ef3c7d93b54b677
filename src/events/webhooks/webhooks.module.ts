import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { EventsModule } from '../events.module';
import { AdminWebhooksController } from './admin-webhooks.controller';
import { InternalWebhooksController } from './internal-webhooks.controller';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryLog } from './webhook-delivery.log';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookSecretCipher } from './webhook-secret.cipher';
import { WebhookSender } from './webhook-sender';
import { WebhookTransport } from './webhook-transport';

/** Signed webhooks: endpoints managed by admins and internal services, and their in-order delivery. */
@Module({
  imports: [EventsModule, AuditModule],
  controllers: [AdminWebhooksController, InternalWebhooksController],
  providers: [
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookSecretCipher,
    WebhookTransport,
    WebhookSender,
    WebhookEndpointsService,
    WebhookDispatcher,
    WebhookDeliveryLog,
  ],
  exports: [WebhookDeliveryLog],
})
export class WebhooksModule {}
