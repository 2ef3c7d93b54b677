import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';

export interface IdempotencyScope {
  companyId: string;
  apiKeyId: string;
  idempotencyKey: string;
}

export interface StoredAnswer {
  fingerprint: Buffer;
  status: number;
  body: unknown;
}

/** Idempotency keys older than this are forgotten: a retry after it runs again. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** The idempotency_records table: claimed, completed and purged here only. */
@Injectable()
export class IdempotencyRecordsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * Claims the key for a write in the current transaction: true when this request is to run (a new key, or one
   * past its 24 hours). A concurrent claim of the same key waits here until the first request's transaction ends,
   * then sees its answer (false), or claims the key itself when that transaction rolled back.
   */
  async claim(scope: IdempotencyScope, fingerprint: Buffer): Promise<boolean> {
    const { rows } = await this.transactions.write<{ claimed: boolean }>(
      `INSERT INTO idempotency_records (company_id, api_key_id, idempotency_key, fingerprint)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (company_id, api_key_id, idempotency_key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, response_status = NULL, response_body = NULL, created_at = now()
        WHERE idempotency_records.created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})
       RETURNING true AS claimed`,
      [scope.companyId, scope.apiKeyId, scope.idempotencyKey, fingerprint],
    );
    return rows.length > 0;
  }

  async find(scope: IdempotencyScope): Promise<StoredAnswer | null> {
    const row = await this.transactions.first<{ fingerprint: Buffer; response_status: number; response_body: unknown }>(
      `SELECT fingerprint, response_status, response_body FROM idempotency_records
        WHERE company_id = $1 AND api_key_id = $2 AND idempotency_key = $3`,
      [scope.companyId, scope.apiKeyId, scope.idempotencyKey],
    );
    return row && { fingerprint: row.fingerprint, status: row.response_status, body: row.response_body };
  }

  async complete(scope: IdempotencyScope, status: number, body: unknown): Promise<void> {
    await this.transactions.write(
      `UPDATE idempotency_records SET response_status = $4, response_body = $5
        WHERE company_id = $1 AND api_key_id = $2 AND idempotency_key = $3`,
      [scope.companyId, scope.apiKeyId, scope.idempotencyKey, status, body === undefined ? null : JSON.stringify(body)],
    );
  }

  /** Retention: forgets up to `limit` keys, of every company, older than `hours`. */
  async deleteOlderThan(hours: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM idempotency_records
        WHERE (company_id, api_key_id, idempotency_key) IN (
          SELECT company_id, api_key_id, idempotency_key FROM idempotency_records
           WHERE created_at < now() - make_interval(hours => $1) ORDER BY created_at LIMIT $2)`,
      [hours, limit],
    );
    return count;
  }
}
