import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { GoogleScopeKind, GoogleWorkspaceConnection, RunResumePoint } from './entities/google-workspace-connection.entity';

interface ConnectionRow {
  company_id: string;
  integration_id: string;
  service_account_email: string | null;
  key_id: string | null;
  encrypted_key: Buffer | null;
  key_uploaded_at: Date | null;
  admin_email: string | null;
  customer_id: string | null;
  domain: string | null;
  scope_kind: GoogleScopeKind;
  scope_values: string[];
  schedule_minutes: number;
  next_run_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
  resume: RunResumePoint | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface StoredKey {
  serviceAccountEmail: string;
  keyId: string;
  encryptedKey: Buffer;
}

/** What an admin sets on the tab; what is left out keeps its value. */
export interface ConnectionChange {
  adminEmail?: string;
  customerId?: string | null;
  domain?: string | null;
  scopeKind?: GoogleScopeKind;
  scopeValues?: string[];
  scheduleMinutes?: number;
}

@Injectable()
export class GoogleWorkspaceConnectionsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async find(companyId: string, integrationId: string): Promise<GoogleWorkspaceConnection | null> {
    const row = await this.transactions.first<ConnectionRow>(
      `SELECT * FROM google_workspace_connections WHERE company_id = $1 AND integration_id = $2`,
      [companyId, integrationId],
    );
    return row ? toConnection(row) : null;
  }

  async saveKey(companyId: string, integrationId: string, key: StoredKey, adminId: string): Promise<GoogleWorkspaceConnection> {
    const { rows } = await this.transactions.write<ConnectionRow>(
      `INSERT INTO google_workspace_connections
              (company_id, integration_id, service_account_email, key_id, encrypted_key, key_uploaded_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (company_id, integration_id) DO UPDATE
         SET service_account_email = $3, key_id = $4, encrypted_key = $5, key_uploaded_at = now(), updated_by = $6, updated_at = now()
       RETURNING *`,
      [companyId, integrationId, key.serviceAccountEmail, key.keyId, key.encryptedKey, adminId],
    );
    return toConnection(rows[0]);
  }

  /**
   * Writes the given settings. A schedule set or changed starts counting now: the next run is that many minutes
   * away (none with 0).
   */
  async update(companyId: string, integrationId: string, change: ConnectionChange, adminId: string): Promise<GoogleWorkspaceConnection> {
    const { rows } = await this.transactions.write<ConnectionRow>(
      `INSERT INTO google_workspace_connections
              (company_id, integration_id, admin_email, customer_id, domain, scope_kind, scope_values, schedule_minutes,
               next_run_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6, 'all'), COALESCE($7::jsonb, '[]'), COALESCE($8, 0),
               CASE WHEN COALESCE($8, 0) > 0 THEN now() + make_interval(mins => $8) END, $9)
       ON CONFLICT (company_id, integration_id) DO UPDATE
         SET admin_email = CASE WHEN $10 THEN $3 ELSE google_workspace_connections.admin_email END,
             customer_id = CASE WHEN $11 THEN $4 ELSE google_workspace_connections.customer_id END,
             domain = CASE WHEN $12 THEN $5 ELSE google_workspace_connections.domain END,
             scope_kind = COALESCE($6, google_workspace_connections.scope_kind),
             scope_values = COALESCE($7::jsonb, google_workspace_connections.scope_values),
             schedule_minutes = COALESCE($8, google_workspace_connections.schedule_minutes),
             next_run_at = CASE
               WHEN $8 IS NULL OR $8 = google_workspace_connections.schedule_minutes THEN google_workspace_connections.next_run_at
               WHEN $8 = 0 THEN NULL
               ELSE now() + make_interval(mins => $8) END,
             resume = CASE WHEN $6 IS NULL AND $7::jsonb IS NULL AND NOT $11 AND NOT $12 THEN google_workspace_connections.resume END,
             updated_by = $9, updated_at = now()
       RETURNING *`,
      [
        companyId,
        integrationId,
        change.adminEmail ?? null,
        change.customerId ?? null,
        change.domain ?? null,
        change.scopeKind ?? null,
        change.scopeValues ? JSON.stringify(change.scopeValues) : null,
        change.scheduleMinutes ?? null,
        adminId,
        change.adminEmail !== undefined,
        change.customerId !== undefined,
        change.domain !== undefined,
      ],
    );
    return toConnection(rows[0]);
  }

  /** Takes the run lease of one connection if nobody holds it: null when a run is under way elsewhere. */
  async claim(companyId: string, integrationId: string, owner: string, leaseSeconds: number): Promise<GoogleWorkspaceConnection | null> {
    const row = await this.transactions.first<ConnectionRow>(
      `UPDATE google_workspace_connections SET lease_owner = $3, lease_until = now() + make_interval(secs => $4)
        WHERE company_id = $1 AND integration_id = $2 AND (lease_until IS NULL OR lease_until < now())
        RETURNING *`,
      [companyId, integrationId, owner, leaseSeconds],
    );
    return row ? toConnection(row) : null;
  }

  /** Every company's connections whose scheduled run is due and nobody runs, leased to `owner`: system work. */
  async claimDue(owner: string, leaseSeconds: number, limit: number): Promise<GoogleWorkspaceConnection[]> {
    const rows = await this.transactions.rows<ConnectionRow>(
      `UPDATE google_workspace_connections SET lease_owner = $1, lease_until = now() + make_interval(secs => $2)
        WHERE (company_id, integration_id) IN (
          SELECT company_id, integration_id FROM google_workspace_connections
           WHERE next_run_at <= now() AND (lease_until IS NULL OR lease_until < now())
           ORDER BY next_run_at LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [owner, leaseSeconds, limit],
    );
    return rows.map(toConnection);
  }

  /** Extends the lease while a run goes on; false when it is no longer this owner's. */
  async renew(companyId: string, integrationId: string, owner: string, leaseSeconds: number): Promise<boolean> {
    const { count } = await this.transactions.write(
      `UPDATE google_workspace_connections SET lease_until = now() + make_interval(secs => $4)
        WHERE company_id = $1 AND integration_id = $2 AND lease_owner = $3`,
      [companyId, integrationId, owner, leaseSeconds],
    );
    return count > 0;
  }

  async saveResumePoint(companyId: string, integrationId: string, owner: string, resume: RunResumePoint | null): Promise<void> {
    await this.transactions.write(
      `UPDATE google_workspace_connections SET resume = $4::jsonb WHERE company_id = $1 AND integration_id = $2 AND lease_owner = $3`,
      [companyId, integrationId, owner, resume ? JSON.stringify(resume) : null],
    );
  }

  /** Gives the lease back and sets the next scheduled run from now (none without a schedule). */
  async release(companyId: string, integrationId: string, owner: string): Promise<void> {
    await this.transactions.write(
      `UPDATE google_workspace_connections
          SET lease_owner = NULL, lease_until = NULL,
              next_run_at = CASE WHEN schedule_minutes > 0 THEN now() + make_interval(mins => schedule_minutes) END
        WHERE company_id = $1 AND integration_id = $2 AND lease_owner = $3`,
      [companyId, integrationId, owner],
    );
  }
}

function toConnection(row: ConnectionRow): GoogleWorkspaceConnection {
  return Object.assign(new GoogleWorkspaceConnection(), {
    companyId: row.company_id,
    integrationId: row.integration_id,
    serviceAccountEmail: row.service_account_email,
    keyId: row.key_id,
    encryptedKey: row.encrypted_key,
    keyUploadedAt: row.key_uploaded_at,
    adminEmail: row.admin_email,
    customerId: row.customer_id,
    domain: row.domain,
    scopeKind: row.scope_kind,
    scopeValues: row.scope_values,
    scheduleMinutes: row.schedule_minutes,
    nextRunAt: row.next_run_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    resume: row.resume,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
