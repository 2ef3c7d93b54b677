import { randomUUID } from 'node:crypto';
import { ChangeEvent } from '../change-event';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { AttemptedWebhookDelivery } from './webhook-deliveries.repository';
import { PostOutcome } from './webhook-transport';

/** While an endpoint keeps receiving, its deliveries are recorded in one transaction per this many, or per this long. */
const RECORD_BATCH = 50;
const RECORD_INTERVAL_MS = 250;

/**
 * An endpoint this instance holds the lease of, between events: what it was sent and answered 2xx but not yet
 * recorded, and the cursor that recording moves it to. Holding the lease while events keep coming spares a claim, a
 * release and a transaction per event.
 */
export class HeldEndpoint {
  /** Where the endpoint stands once what is pending is recorded. */
  cursor: string;
  readonly heldSince = performance.now();
  lastActiveAt = performance.now();
  private deliveries: AttemptedWebhookDelivery[] = [];
  private pendingSince = performance.now();

  constructor(public endpoint: WebhookEndpoint) {
    this.cursor = endpoint.cursor;
  }

  get hasPending(): boolean {
    return this.cursor !== this.endpoint.cursor;
  }

  /** Whether what is pending is to be recorded now, before sending more. */
  recordDue(): boolean {
    return this.hasPending && (this.deliveries.length >= RECORD_BATCH || performance.now() - this.pendingSince >= RECORD_INTERVAL_MS);
  }

  takes(event: ChangeEvent): boolean {
    return this.endpoint.eventTypes.length === 0 || this.endpoint.eventTypes.includes(event.type);
  }

  /** Where the endpoint stands after an event: the company's sequence, or the position for every company. */
  cursorAfter(event: ChangeEvent): string {
    return this.endpoint.companyId ? event.sequence : event.position;
  }

  delivered(event: ChangeEvent, outcome: PostOutcome, attemptedAt: Date): void {
    if (!this.hasPending) this.pendingSince = performance.now();
    // Only the first delivery after a failure is a retry; the ones after it are first attempts.
    const attempt = this.deliveries.length === 0 ? this.endpoint.attempt + 1 : 1;
    this.deliveries.push({ ...this.attemptOf(event, outcome, attemptedAt), attempt });
    this.cursor = this.cursorAfter(event);
    this.lastActiveAt = performance.now();
  }

  /** Moves past events the endpoint does not take, with the ones it took. */
  passTo(cursor: string): void {
    if (!this.hasPending) this.pendingSince = performance.now();
    this.cursor = cursor;
  }

  pending(): { cursor: string; deliveries: AttemptedWebhookDelivery[] } {
    return { cursor: this.cursor, deliveries: this.deliveries };
  }

  /** After recording: the endpoint as stored now, at the cursor recorded. */
  stored(endpoint: WebhookEndpoint): void {
    this.endpoint = endpoint;
    this.cursor = endpoint.cursor;
    this.deliveries = [];
  }

  /** The endpoint as read back (an admin may have changed its URL, types or secret); what is pending stays pending. */
  refresh(endpoint: WebhookEndpoint): void {
    this.endpoint = endpoint;
  }

  attemptOf(event: ChangeEvent, outcome: PostOutcome, attemptedAt: Date): AttemptedWebhookDelivery {
    return {
      id: randomUUID(),
      endpointId: this.endpoint.id,
      companyId: this.endpoint.companyId,
      eventId: event.id,
      eventType: event.type,
      trigger: 'automatic',
      attempt: this.endpoint.attempt + 1,
      ...outcome,
      nextAttemptAt: null,
      attemptedAt,
    };
  }
}
