import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditLogService } from '../../audit/audit-log.service';
import { DomainErrorCode, DomainException } from '../../common/errors/domain.exception';
import { TransactionHost } from '../../database/transaction-host';
import { ChangeSource, ChangeSources } from '../../common/auth/change-source';
import { ChangeEventsRepository } from '../outbox/change-events.repository';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { hostOf, RefusedWebhookAddress } from './webhook-address-policy';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointChanges, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { companyOf, WebhookOwner } from './webhook-owner';
import { WebhookSecretCipher } from './webhook-secret.cipher';
import { WebhookSender } from './webhook-sender';
import { newSigningSecret } from './webhook-signing-secret';
import { WebhookTransport } from './webhook-transport';

export interface WebhookEndpointInput {
  url: string;
  description?: string;
  eventTypes?: string[];
}

/** An endpoint with its signing secret in clear: the one answer that shows it. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * Managing webhook endpoints (a company's admins, or internal services for every company), their delivery log,
 * test pings and manual redeliveries. Changes to a company's endpoints are audit-logged in their transaction.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly logger = new Logger(WebhookEndpointsService.name);

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly events: ChangeEventsRepository,
    private readonly cipher: WebhookSecretCipher,
    private readonly sender: WebhookSender,
    private readonly transport: WebhookTransport,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
  ) {}

  async create(owner: WebhookOwner, input: WebhookEndpointInput): Promise<EndpointWithSecret> {
    await this.assertReachable(input.url);
    const secret = newSigningSecret();
    const companyId = companyOf(owner);
    const endpoint = await this.transactions.run(async () => {
      // Deliveries start with the next event: an endpoint does not receive the history before it.
      const cursor = companyId ? await this.events.lastCompanySequence(companyId) : await this.events.lastPosition();
      const created = await this.endpoints.insert({
        companyId,
        createdByService: owner.kind === 'service' ? owner.serviceName : null,
        url: input.url,
        description: input.description ?? '',
        eventTypes: input.eventTypes ?? [],
        secretCiphertext: this.cipher.encrypt(secret),
        cursor,
      });
      await this.audit(owner, 'webhook.created', created.id, { url: created.url, eventTypes: created.eventTypes });
      return created;
    });
    return { endpoint, secret };
  }

  async list(owner: WebhookOwner, limit: number, afterId?: string): Promise<WebhookEndpoint[]> {
    return this.endpoints.listPage(companyOf(owner), limit, afterId);
  }

  async get(owner: WebhookOwner, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(companyOf(owner), id);
    if (!endpoint) throw DomainException.notFound(`Webhook ${id}`);
    return endpoint;
  }

  async update(owner: WebhookOwner, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint> {
    if (changes.url !== undefined) await this.assertReachable(changes.url);
    return this.transactions.run(async () => {
      const updated = await this.endpoints.update(companyOf(owner), id, changes);
      if (!updated) throw DomainException.notFound(`Webhook ${id}`);
      await this.audit(owner, 'webhook.updated', id, { ...changes });
      return updated;
    });
  }

  async delete(owner: WebhookOwner, id: string): Promise<void> {
    await this.transactions.run(async () => {
      if (!(await this.endpoints.delete(companyOf(owner), id))) throw DomainException.notFound(`Webhook ${id}`);
      await this.audit(owner, 'webhook.deleted', id);
    });
  }

  /** A new signing secret replaces the old one at once; deliveries from now on are signed with it. */
  async rotateSecret(owner: WebhookOwner, id: string): Promise<string> {
    const secret = newSigningSecret();
    await this.transactions.run(async () => {
      if (!(await this.endpoints.replaceSecret(companyOf(owner), id, this.cipher.encrypt(secret)))) {
        throw DomainException.notFound(`Webhook ${id}`);
      }
      await this.audit(owner, 'webhook.secret_rotated', id);
    });
    return secret;
  }

  async listDeliveries(owner: WebhookOwner, id: string, limit: number, beforeId?: string): Promise<WebhookDelivery[]> {
    await this.get(owner, id);
    return this.deliveries.listPage(companyOf(owner), id, limit, beforeId);
  }

  /** Sends a `webhook.test` event now, whether or not the endpoint is enabled, and logs the attempt. */
  async sendTest(owner: WebhookOwner, id: string): Promise<WebhookDelivery> {
    const endpoint = await this.get(owner, id);
    const message = {
      id: randomUUID(),
      type: TEST_EVENT_TYPE,
      companyId: endpoint.companyId,
      occurredAt: new Date().toISOString(),
      position: null,
      sequence: null,
      source: sourceOf(owner),
      subject: null,
      data: { webhookId: endpoint.id },
    };
    return this.sendAndLog(endpoint, message, 'test');
  }

  /** Sends the event of an earlier delivery again, now, outside the endpoint's order; logs it as a redelivery. */
  async redeliver(owner: WebhookOwner, id: string, deliveryId: string): Promise<WebhookDelivery> {
    const endpoint = await this.get(owner, id);
    const delivery = await this.deliveries.find(endpoint.companyId, id, deliveryId);
    if (!delivery) throw DomainException.notFound(`Delivery ${deliveryId}`);
    if (delivery.trigger === 'test') {
      throw new DomainException(
        DomainErrorCode.InvalidInput,
        `A test ping is not redelivered: send a new one (POST …/webhooks/${id}/test)`,
      );
    }
    const event = await this.events.findById(delivery.eventId);
    if (!event) {
      throw new DomainException(
        DomainErrorCode.PreconditionFailed,
        `Event ${delivery.eventId} is no longer kept, so it cannot be sent again`,
      );
    }
    return this.sendAndLog(endpoint, event, 'redelivery');
  }

  private async sendAndLog(
    endpoint: WebhookEndpoint,
    message: { id: string; type: string },
    trigger: 'test' | 'redelivery',
  ): Promise<WebhookDelivery> {
    const outcome = await this.sender.send(endpoint, message);
    return this.deliveries.insert({
      id: randomUUID(),
      endpointId: endpoint.id,
      companyId: endpoint.companyId,
      eventId: message.id,
      eventType: message.type,
      trigger,
      attempt: 1,
      ...outcome,
      nextAttemptAt: null,
    });
  }

  private async assertReachable(url: string): Promise<void> {
    try {
      await this.transport.policy.assertHost(hostOf(new URL(url)));
    } catch (error) {
      if (error instanceof RefusedWebhookAddress) throw new DomainException(DomainErrorCode.InvalidInput, error.message);
      throw error;
    }
  }

  /** Company endpoints go to the company's audit log; the internal services' endpoints, which have none, to the log. */
  private async audit(owner: WebhookOwner, action: string, targetId: string, details?: Record<string, unknown>): Promise<void> {
    if (owner.kind === 'service') {
      this.logger.log({ service: owner.serviceName, action, webhookId: targetId }, 'Internal webhook endpoint changed');
      return;
    }
    await this.auditLog.append(owner.admin.companyId, {
      actorType: 'admin',
      actorId: owner.admin.adminId,
      actorEmail: owner.admin.email,
      action,
      targetType: 'webhook',
      targetId,
      details,
    });
  }
}

function sourceOf(owner: WebhookOwner): ChangeSource {
  return owner.kind === 'admin' ? ChangeSources.admin(owner.admin.adminId, owner.admin.email) : ChangeSources.internal(owner.serviceName);
}
