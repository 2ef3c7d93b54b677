import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { EndpointCompany } from './webhook-endpoints.repository';

export type DeliveryTrigger = 'automatic' | 'redelivery' | 'test';

export interface NewWebhookDelivery {
  id: string;
  endpointId: string;
  companyId: EndpointCompany;
  eventId: string;
  eventType: string;
  trigger: DeliveryTrigger;
  attempt: number;
  succeeded: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: Date | null;
}

export interface AttemptedWebhookDelivery extends NewWebhookDelivery {
  attemptedAt: Date;
}

interface WebhookDeliveryRow {
  entry: string;
  id: string;
  endpoint_id: string;
  company_id: string | null;
  event_id: string;
  event_type: string;
  trigger: DeliveryTrigger;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  duration_ms: number;
  error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
}

/** Longest error text kept: the column's width. */
const ERROR_LENGTH = 1000;

@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(delivery: NewWebhookDelivery): Promise<WebhookDelivery> {
    const { rows } = await this.transactions.write<WebhookDeliveryRow>(
      `INSERT INTO webhook_deliveries
         (id, endpoint_id, company_id, event_id, event_type, trigger, attempt, succeeded, response_status, duration_ms, error, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING *`,
      [
        delivery.id,
        delivery.endpointId,
        delivery.companyId,
        delivery.eventId,
        delivery.eventType,
        delivery.trigger,
        delivery.attempt,
        delivery.succeeded,
        delivery.responseStatus,
        delivery.durationMs,
        delivery.error?.slice(0, ERROR_LENGTH) ?? null,
        delivery.nextAttemptAt,
      ],
    );
    return toDelivery(rows[0]);
  }

  /** Records deliveries that were answered in order, each at the time it was attempted, in one statement. */
  async insertAttempted(deliveries: AttemptedWebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.transactions.write(
      `INSERT INTO webhook_deliveries
         (id, endpoint_id, company_id, event_id, event_type, trigger, attempt, succeeded, response_status, duration_ms, error,
          next_attempt_at, created_at)
       SELECT d.id, d.endpoint_id, d.company_id, d.event_id, d.event_type, d.trigger, d.attempt, d.succeeded, d.response_status,
              d.duration_ms, d.error, d.next_attempt_at, d.created_at
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
                id uuid, endpoint_id uuid, company_id uuid, event_id uuid, event_type varchar, trigger varchar, attempt integer,
                succeeded boolean, response_status integer, duration_ms integer, error varchar, next_attempt_at timestamptz,
                created_at timestamptz))
              WITH ORDINALITY AS d(id, endpoint_id, company_id, event_id, event_type, trigger, attempt, succeeded, response_status,
                duration_ms, error, next_attempt_at, created_at, ord)
        ORDER BY d.ord`,
      [
        JSON.stringify(
          deliveries.map((delivery) => ({
            id: delivery.id,
            endpoint_id: delivery.endpointId,
            company_id: delivery.companyId,
            event_id: delivery.eventId,
            event_type: delivery.eventType,
            trigger: delivery.trigger,
            attempt: delivery.attempt,
            succeeded: delivery.succeeded,
            response_status: delivery.responseStatus,
            duration_ms: delivery.durationMs,
            error: delivery.error?.slice(0, ERROR_LENGTH) ?? null,
            next_attempt_at: delivery.nextAttemptAt,
            created_at: delivery.attemptedAt,
          })),
        ),
      ],
    );
  }

  async find(companyId: EndpointCompany, endpointId: string, id: string): Promise<WebhookDelivery | null> {
    const row = await this.transactions.first<WebhookDeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE company_id IS NOT DISTINCT FROM $1 AND endpoint_id = $2 AND id = $3`,
      [companyId, endpointId, id],
    );
    return row ? toDelivery(row) : null;
  }

  /** Newest first; `beforeId` is the last id of the previous page. */
  async listPage(companyId: EndpointCompany, endpointId: string, limit: number, beforeId?: string): Promise<WebhookDelivery[]> {
    const rows = await this.transactions.rows<WebhookDeliveryRow>(
      `SELECT * FROM webhook_deliveries
        WHERE company_id IS NOT DISTINCT FROM $1 AND endpoint_id = $2
          AND ($3::uuid IS NULL OR entry < (SELECT entry FROM webhook_deliveries WHERE id = $3))
        ORDER BY entry DESC LIMIT $4`,
      [companyId, endpointId, beforeId ?? null, limit],
    );
    return rows.map(toDelivery);
  }

  /** Deletes up to `limit` deliveries of every endpoint (system work) older than `days` days; returns how many. */
  async deleteOlderThan(days: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM webhook_deliveries
        WHERE entry IN (
          SELECT entry FROM webhook_deliveries WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT $2)`,
      [days, limit],
    );
    return count;
  }
}

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    entry: row.entry,
    id: row.id,
    endpointId: row.endpoint_id,
    companyId: row.company_id,
    eventId: row.event_id,
    eventType: row.event_type,
    trigger: row.trigger,
    attempt: row.attempt,
    succeeded: row.succeeded,
    responseStatus: row.response_status,
    durationMs: row.duration_ms,
    error: row.error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
  });
}
