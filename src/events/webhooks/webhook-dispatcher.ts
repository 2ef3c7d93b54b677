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
import { HeldEndpoint } from './held-endpoint';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { retryDelayMs } from './webhook-retry-schedule';
import { WebhookSender } from './webhook-sender';
import { PostOutcome } from './webhook-transport';

/** Endpoints an instance holds at most. */
const HELD_ENDPOINTS = 10;
/** Events read per query while looking for the next one an endpoint takes. */
const READ_BATCH = 100;
/** Other instances' events and due retries are found by polling. */
const POLL_INTERVAL_MS = 500;
/** A held endpoint that received nothing for this long is let go, for any instance to take. */
const IDLE_RELEASE_MS = 2000;

/**
 * Delivers events to the endpoints, at least once and in order per endpoint. Instances share the work through
 * PostgreSQL: each claims due endpoints with a lease (SKIP LOCKED) and holds them while their events keep coming,
 * sends outside any transaction, and records the outcomes (a batch at a time) only while it still holds the lease.
 * An endpoint gets its next event only once the previous one was answered 2xx; a failure waits (exponential backoff
 * with jitter) and retries the same event, and an endpoint that keeps failing past the retry horizon is disabled
 * with its reason and an audit entry. Runs as system work.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly instance = randomUUID();
  private readonly settings: WebhooksConfiguration;
  private readonly leaseSeconds: number;
  private readonly held = new Map<string, HeldEndpoint>();
  private readonly drain = new BackgroundDrain(this.logger, 'Delivering webhooks failed; the next poll retries', POLL_INTERVAL_MS, () =>
    CompanyScopes.runAsSystem(() => this.pass()),
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

  /** Records what was delivered and lets every held endpoint go, once the pass under way has ended. */
  async onApplicationShutdown(): Promise<void> {
    await this.drain.stop();
    await CompanyScopes.runAsSystem(() => Promise.all([...this.held.values()].map((held) => this.letGo(held))));
  }

  /** Delivers whatever is due now; resolves when done. */
  wake(): Promise<void> {
    return this.drain.wake();
  }

  /** Serves the endpoints held and, beside them, those newly due. */
  private async pass(): Promise<void> {
    const serving = [...this.held.values()].map((held) => this.serve(held));
    const room = HELD_ENDPOINTS - this.held.size;
    const claiming = (room > 0 ? this.endpoints.claimDue(this.instance, this.leaseSeconds, room) : Promise.resolve([])).then((claimed) =>
      Promise.all(
        claimed.map((endpoint) => {
          const held = new HeldEndpoint(endpoint);
          this.held.set(endpoint.id, held);
          return this.serve(held);
        }),
      ),
    );
    await Promise.all([...serving, claiming]);
  }

  /**
   * Sends the endpoint its events in order until it is caught up or fails; lets it go when it fails, has been held for
   * half its lease, or has been idle a while.
   */
  private async serve(held: HeldEndpoint): Promise<void> {
    const holdEnds = held.heldSince + (this.leaseSeconds * 1000) / 2;
    try {
      while (!this.drain.signal.aborted) {
        const [current, batch] = await Promise.all([this.endpoints.findHeld(held.endpoint.id, this.instance), this.eventsAfter(held)]);
        if (!this.refreshed(held, current)) return;
        if (batch.length === 0) break;
        for (const event of batch) {
          if (!held.takes(event)) continue;
          if (performance.now() >= holdEnds) return await this.letGo(held);
          const attemptedAt = new Date();
          const outcome = await this.sender.send(held.endpoint, event, this.drain.signal);
          // Stopping: what was delivered is recorded on shutdown.
          if (this.drain.signal.aborted) return;
          if (!outcome.succeeded) {
            if (await this.record(held)) await this.recordFailure(held, event, outcome, attemptedAt);
            return await this.letGo(held);
          }
          held.delivered(event, outcome, attemptedAt);
          if (held.recordDue() && !(await this.record(held))) return;
        }
        held.passTo(held.cursorAfter(batch[batch.length - 1]));
        // A short batch was the end of what was sequenced: the next event wakes the next pass.
        if (batch.length < READ_BATCH) break;
      }
      if (performance.now() - held.lastActiveAt >= IDLE_RELEASE_MS || performance.now() >= holdEnds) await this.letGo(held);
      else if (held.recordDue()) await this.record(held);
    } catch (error) {
      // What was sent but not recorded is sent again by whoever takes the endpoint next.
      this.held.delete(held.endpoint.id);
      await this.endpoints.release(held.endpoint.id, this.instance).catch(() => undefined);
      throw error;
    }
  }

  private eventsAfter(held: HeldEndpoint): Promise<ChangeEvent[]> {
    return held.endpoint.companyId
      ? this.events.readCompanyAfter(held.endpoint.companyId, held.cursor, READ_BATCH)
      : this.events.readAfter(held.cursor, READ_BATCH);
  }

  /**
   * Takes the endpoint as read back beside each run of events, so that an admin's change (URL, event types, secret,
   * disabling, deletion) applies to the events sent after it; false when the endpoint is no longer this instance's.
   */
  private refreshed(held: HeldEndpoint, current: WebhookEndpoint | null): boolean {
    if (!current) {
      this.held.delete(held.endpoint.id);
      return false;
    }
    held.refresh(current);
    return true;
  }

  /**
   * Moves the endpoint's cursor past what was delivered and logs those deliveries, in one transaction for many events;
   * false when the endpoint is no longer this instance's (the lease was lost, or it was disabled or deleted). Events sent
   * but not yet recorded when an instance dies are sent again: delivery is at least once, and `webhook-id` lets the
   * receiver drop the repeat.
   */
  private async record(held: HeldEndpoint): Promise<boolean> {
    if (!held.hasPending) return true;
    const { cursor, deliveries } = held.pending();
    const stored = await this.transactions.run(async () => {
      const endpoint = await this.endpoints.advance(held.endpoint.id, this.instance, cursor);
      if (endpoint) await this.deliveries.insertAttempted(deliveries);
      return endpoint;
    });
    if (!stored) {
      this.held.delete(held.endpoint.id);
      return false;
    }
    held.stored(stored);
    return true;
  }

  /** Records what is pending and gives the lease back. */
  private async letGo(held: HeldEndpoint): Promise<void> {
    this.held.delete(held.endpoint.id);
    if (await this.record(held)) await this.endpoints.release(held.endpoint.id, this.instance);
  }

  /** Logs the failed attempt and schedules the retry of the same event, or disables the endpoint past the horizon. */
  private async recordFailure(held: HeldEndpoint, event: ChangeEvent, outcome: PostOutcome, attemptedAt: Date): Promise<void> {
    const endpoint = held.endpoint;
    const delivery = held.attemptOf(event, outcome, attemptedAt);
    const attempt = delivery.attempt;
    await this.transactions.run(async () => {
      // Only while the lease holds and the endpoint still exists and is enabled; else another instance or an admin took over.
      const now = new Date();
      const failingSince = endpoint.failingSince ?? now;
      if (now.getTime() - failingSince.getTime() >= this.settings.retryHorizonMs) {
        if (await this.disable(endpoint, attempt, failingSince, outcome)) await this.deliveries.insertAttempted([delivery]);
        return;
      }
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempt, this.settings.firstRetryDelayMs));
      if (await this.endpoints.scheduleRetry(endpoint.id, this.instance, attempt, failingSince, nextAttemptAt)) {
        await this.deliveries.insertAttempted([{ ...delivery, nextAttemptAt }]);
      }
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
