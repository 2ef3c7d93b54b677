import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

/** Whose endpoints: a company's, or (null) the internal services' endpoints for every company. */
export type EndpointCompany = string | null;

export interface NewWebhookEndpoint {
  companyId: EndpointCompany;
  createdByService: string | null;
  url: string;
  description: string;
  eventTypes: string[];
  secretCiphertext: Buffer;
  cursor: string;
}

export interface WebhookEndpointChanges {
  url?: string;
  description?: string;
  eventTypes?: string[];
  enabled?: boolean;
}

interface WebhookEndpointRow {
  id: string;
  company_id: string | null;
  created_by_service: string | null;
  url: string;
  description: string;
  event_types: string[];
  secret_ciphertext: Buffer;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  cursor: string;
  attempt: number;
  failing_since: Date | null;
  next_attempt_at: Date | null;
  leased_until: Date | null;
  lease_owner: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Endpoints whose turn has come: enabled, not waiting for a retry, not leased by a live instance, and behind the
 * events they follow (the last position for all companies, the company's last sequence otherwise). Leases them to
 * $1 for $2 seconds; SKIP LOCKED lets instances claim side by side. Parameter $3: how many at most.
 */
const CLAIM_DUE_SQL = `
  UPDATE webhook_endpoints e
     SET leased_until = now() + make_interval(secs => $2), lease_owner = $1
   WHERE e.id IN (
     SELECT c.id FROM webhook_endpoints c
      WHERE c.enabled
        AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now())
        AND (c.leased_until IS NULL OR c.leased_until < now())
        AND c.cursor < CASE WHEN c.company_id IS NULL THEN (SELECT coalesce(max(position), 0) FROM change_events)
                            ELSE coalesce((SELECT last_sequence FROM company_event_heads h WHERE h.company_id = c.company_id), 0)
                       END
      ORDER BY c.next_attempt_at NULLS FIRST
      LIMIT $3
      FOR UPDATE SKIP LOCKED)
  RETURNING e.*`;

@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
    const { rows } = await this.transactions.write<WebhookEndpointRow>(
      `INSERT INTO webhook_endpoints (company_id, created_by_service, url, description, event_types, secret_ciphertext, enabled, cursor)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, true, $7)
       RETURNING *`,
      [
        endpoint.companyId,
        endpoint.createdByService,
        endpoint.url,
        endpoint.description,
        JSON.stringify(endpoint.eventTypes),
        endpoint.secretCiphertext,
        endpoint.cursor,
      ],
    );
    return toEndpoint(rows[0]);
  }

  async find(companyId: EndpointCompany, id: string): Promise<WebhookEndpoint | null> {
    const row = await this.transactions.first<WebhookEndpointRow>(
      `SELECT * FROM webhook_endpoints WHERE company_id IS NOT DISTINCT FROM $1 AND id = $2`,
      [companyId, id],
    );
    return row ? toEndpoint(row) : null;
  }

  /** In id order, after `afterId`. */
  async listPage(companyId: EndpointCompany, limit: number, afterId?: string): Promise<WebhookEndpoint[]> {
    const rows = await this.transactions.rows<WebhookEndpointRow>(
      `SELECT * FROM webhook_endpoints
        WHERE company_id IS NOT DISTINCT FROM $1 AND ($2::uuid IS NULL OR id > $2)
        ORDER BY id LIMIT $3`,
      [companyId, afterId ?? null, limit],
    );
    return rows.map(toEndpoint);
  }

  /** Applies the changes; enabling clears the disabled reason and the failures, so delivery resumes at once. */
  async update(companyId: EndpointCompany, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint | null> {
    const { rows } = await this.transactions.write<WebhookEndpointRow>(
      `UPDATE webhook_endpoints
          SET url = coalesce($3, url),
              description = coalesce($4, description),
              event_types = coalesce($5::jsonb, event_types),
              enabled = coalesce($6, enabled),
              disabled_reason = CASE WHEN $6 IS NULL THEN disabled_reason ELSE NULL END,
              disabled_at = CASE WHEN $6 IS NULL THEN disabled_at WHEN $6 THEN NULL ELSE now() END,
              attempt = CASE WHEN $6 THEN 0 ELSE attempt END,
              failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
              next_attempt_at = CASE WHEN $6 THEN NULL ELSE next_attempt_at END,
              updated_at = now()
        WHERE company_id IS NOT DISTINCT FROM $1 AND id = $2
        RETURNING *`,
      [
        companyId,
        id,
        changes.url ?? null,
        changes.description ?? null,
        changes.eventTypes ? JSON.stringify(changes.eventTypes) : null,
        changes.enabled ?? null,
      ],
    );
    return rows[0] ? toEndpoint(rows[0]) : null;
  }

  async replaceSecret(companyId: EndpointCompany, id: string, secretCiphertext: Buffer): Promise<boolean> {
    const { count } = await this.transactions.write(
      `UPDATE webhook_endpoints SET secret_ciphertext = $3, updated_at = now()
        WHERE company_id IS NOT DISTINCT FROM $1 AND id = $2`,
      [companyId, id, secretCiphertext],
    );
    return count > 0;
  }

  async delete(companyId: EndpointCompany, id: string): Promise<boolean> {
    const { count } = await this.transactions.write(`DELETE FROM webhook_endpoints WHERE company_id IS NOT DISTINCT FROM $1 AND id = $2`, [
      companyId,
      id,
    ]);
    return count > 0;
  }

  /** Leases due endpoints of every company to this instance (system work). */
  async claimDue(owner: string, leaseSeconds: number, limit: number): Promise<WebhookEndpoint[]> {
    const { rows } = await this.transactions.write<WebhookEndpointRow>(CLAIM_DUE_SQL, [owner, leaseSeconds, limit]);
    return rows.map(toEndpoint);
  }

  /**
   * Moves the cursor past delivered (or skipped) events; the endpoint as stored now, or null when the lease was lost or
   * the endpoint disabled or deleted.
   */
  async advance(id: string, owner: string, cursor: string): Promise<WebhookEndpoint | null> {
    const row = await this.transactions.first<WebhookEndpointRow>(
      `UPDATE webhook_endpoints SET cursor = $3, attempt = 0, failing_since = NULL, next_attempt_at = NULL
        WHERE id = $1 AND lease_owner = $2 AND enabled
        RETURNING *`,
      [id, owner, cursor],
    );
    return row ? toEndpoint(row) : null;
  }

  /** The endpoint as stored now while this instance holds its lease and it is enabled; else null. */
  async findHeld(id: string, owner: string): Promise<WebhookEndpoint | null> {
    const row = await this.transactions.first<WebhookEndpointRow>(
      `SELECT * FROM webhook_endpoints WHERE id = $1 AND lease_owner = $2 AND leased_until > now() AND enabled`,
      [id, owner],
    );
    return row ? toEndpoint(row) : null;
  }

  /** Records a failed attempt and when to try again; false when the lease was lost or the endpoint disabled. */
  async scheduleRetry(id: string, owner: string, attempt: number, failingSince: Date, nextAttemptAt: Date): Promise<boolean> {
    const { count } = await this.transactions.write(
      `UPDATE webhook_endpoints SET attempt = $3, failing_since = $4, next_attempt_at = $5
        WHERE id = $1 AND lease_owner = $2 AND enabled`,
      [id, owner, attempt, failingSince, nextAttemptAt],
    );
    return count > 0;
  }

  /** Disables an endpoint that kept failing, with the reason shown to its admins; false when the lease was lost. */
  async disableFailing(id: string, owner: string, attempt: number, reason: string): Promise<boolean> {
    const { count } = await this.transactions.write(
      `UPDATE webhook_endpoints
          SET enabled = false, disabled_reason = $4, disabled_at = now(), attempt = $3, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1 AND lease_owner = $2 AND enabled`,
      [id, owner, attempt, reason],
    );
    return count > 0;
  }

  async release(id: string, owner: string): Promise<void> {
    await this.transactions.write(
      `UPDATE webhook_endpoints SET leased_until = NULL, lease_owner = NULL WHERE id = $1 AND lease_owner = $2`,
      [id, owner],
    );
  }
}

function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), {
    id: row.id,
    companyId: row.company_id,
    createdByService: row.created_by_service,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    secretCiphertext: row.secret_ciphertext,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    cursor: row.cursor,
    attempt: row.attempt,
    failingSince: row.failing_since,
    nextAttemptAt: row.next_attempt_at,
    leasedUntil: row.leased_until,
    leaseOwner: row.lease_owner,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
