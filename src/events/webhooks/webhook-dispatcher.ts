import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditLogService } from '../../audit/audit-log.service';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { AppConfiguration, WebhooksConfiguration } from '../../config/configuration';
import { TransactionHost } from '../../database/transaction-host';
import { BackgroundDrain } from '../background-drain';
import { ChangeEvent } from '../change-event';
import { ChangeEventsRepository } from '../outbox/change-events.repository';
import { SequencedEventsSignal } from '../outbox/sequenced-events.signal';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { retryDelayMs } from './webhook-retry-schedule';
import { WebhookSender } from './webhook-sender';
import { PostOutcome } from './webhook-transport';

/** Endpoints leased per claim. */
const CLAIM_BATCH = 10;
/** Events read per query while looking for the next one an endpoint takes. */
const READ_BATCH = 100;
/** Other instances' events and due retries are found by polling. */
const POLL_INTERVAL_MS = 500;

/**
 * Delivers events to the endpoints, at least once and in order per endpoint. Instances share the work through
 * PostgreSQL: each claims due endpoints with a lease (SKIP LOCKED), sends outside any transaction, and records the
 * outcome only while it still holds the lease. An endpoint gets its next event only once the previous one was
 * answered 2xx; a failure waits (exponential backoff with jitter) and retries the same event, and an endpoint that
 * keeps failing past the retry horizon is disabled with its reason and an audit entry. Runs as system work.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly instance = randomUUID();
  private readonly settings: WebhooksConfiguration;
  private readonly leaseSeconds: number;
  private readonly drain = new BackgroundDrain(this.logger, 'Delivering webhooks failed; the next poll retries', POLL_INTERVAL_MS, () =>
    CompanyScopes.runAsSystem(async () => {
      let claimed: WebhookEndpoint[];
      do {
        claimed = await this.endpoints.claimDue(this.instance, this.leaseSeconds, CLAIM_BATCH);
        await Promise.all(claimed.map((endpoint) => this.serve(endpoint)));
      } while (claimed.length > 0 && !this.drain.signal.aborted);
    }),
  );

  constructor(
    config: ConfigService<AppConfiguration, true>,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly events: ChangeEventsRepository,
    private readonly sender: WebhookSender,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly sequenced: SequencedEventsSignal,
  ) {
    this.settings = config.get('webhooks', { infer: true });
    // Long enough for a few attempts at the longest timeout; a crashed instance's endpoints wait this long at most.
    this.leaseSeconds = Math.max(30, Math.ceil((this.settings.timeoutMs * 3) / 1000));
  }

  onApplicationBootstrap(): void {
    this.drain.start((wake) => this.sequenced.onSequenced(wake));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain.stop();
  }

  /** Delivers whatever is due now; resolves when done. */
  wake(): Promise<void> {
    return this.drain.wake();
  }

  /** Delivers the endpoint's events in order until it is caught up, fails, or half its lease is spent. */
  private async serve(endpoint: WebhookEndpoint): Promise<void> {
    const leaseEnds = Date.now() + (this.leaseSeconds * 1000) / 2;
    try {
      while (Date.now() < leaseEnds && !this.drain.signal.aborted) {
        const batch = await this.eventsAfter(endpoint);
        if (batch.length === 0) return;
        // Each event of the batch the endpoint takes, in order; recording one moves the cursor past those skipped before it.
        for (const event of batch) {
          if (!takes(endpoint, event)) continue;
          if (Date.now() >= leaseEnds) return;
          const outcome = await this.sender.send(endpoint, event, this.drain.signal);
          if (this.drain.signal.aborted) return;
          if (!(await this.record(endpoint, event, outcome))) return;
        }
        // The batch ends with events the endpoint does not take: move past them without sending.
        const end = cursorOf(endpoint, batch[batch.length - 1]);
        if (endpoint.cursor !== end) {
          if (!(await this.endpoints.advance(endpoint.id, this.instance, end))) return;
          endpoint.cursor = end;
        }
      }
    } finally {
      await this.endpoints.release(endpoint.id, this.instance);
    }
  }

  private eventsAfter(endpoint: WebhookEndpoint): Promise<ChangeEvent[]> {
    return endpoint.companyId
      ? this.events.readCompanyAfter(endpoint.companyId, endpoint.cursor, READ_BATCH)
      : this.events.readAfter(endpoint.cursor, READ_BATCH);
  }

  /** Logs the attempt and moves the endpoint on, or schedules the retry; false when the endpoint is to stop now. */
  private async record(endpoint: WebhookEndpoint, event: ChangeEvent, outcome: PostOutcome): Promise<boolean> {
    const attempt = endpoint.attempt + 1;
    const base = { id: randomUUID(), endpointId: endpoint.id, companyId: endpoint.companyId, eventId: event.id, eventType: event.type };
    return this.transactions.run(async () => {
      // Only while the lease holds and the endpoint still exists and is enabled; else another instance or an admin took over.
      if (outcome.succeeded) {
        const cursor = cursorOf(endpoint, event);
        if (!(await this.endpoints.advance(endpoint.id, this.instance, cursor))) return false;
        await this.deliveries.insert({ ...base, trigger: 'automatic', attempt, ...outcome, nextAttemptAt: null });
        Object.assign(endpoint, { cursor, attempt: 0, failingSince: null });
        return true;
      }
      const now = new Date();
      const failingSince = endpoint.failingSince ?? now;
      if (now.getTime() - failingSince.getTime() >= this.settings.retryHorizonMs) {
        if (await this.disable(endpoint, attempt, failingSince, outcome)) {
          await this.deliveries.insert({ ...base, trigger: 'automatic', attempt, ...outcome, nextAttemptAt: null });
        }
        return false;
      }
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempt, this.settings.firstRetryDelayMs));
      if (await this.endpoints.scheduleRetry(endpoint.id, this.instance, attempt, failingSince, nextAttemptAt)) {
        await this.deliveries.insert({ ...base, trigger: 'automatic', attempt, ...outcome, nextAttemptAt });
      }
      return false;
    });
  }

  private async disable(endpoint: WebhookEndpoint, attempt: number, failingSince: Date, outcome: PostOutcome): Promise<boolean> {
    const reason =
      `Disabled after ${attempt} failed attempts since ${failingSince.toISOString()}; last error: ${outcome.error ?? 'unknown'}. ` +
      'Fix the receiver, then enable the endpoint: delivery resumes with the event that failed.';
    if (!(await this.endpoints.disableFailing(endpoint.id, this.instance, attempt, reason))) return false;
    this.logger.warn(
      { webhookId: endpoint.id, companyId: endpoint.companyId, attempt },
      'Webhook endpoint disabled after persistent failure',
    );
    if (!endpoint.companyId) return true;
    await this.auditLog.append(endpoint.companyId, {
      actorType: 'system',
      actorId: null,
      action: 'webhook.disabled',
      targetType: 'webhook',
      targetId: endpoint.id,
      details: { reason, failingSince: failingSince.toISOString(), attempts: attempt },
    });
    return true;
  }
}

function takes(endpoint: WebhookEndpoint, event: ChangeEvent): boolean {
  return endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(event.type);
}

/** Where an endpoint stands after an event: the company's sequence, or the position for every company. */
function cursorOf(endpoint: WebhookEndpoint, event: ChangeEvent): string {
  return endpoint.companyId ? event.sequence : event.position;
}
