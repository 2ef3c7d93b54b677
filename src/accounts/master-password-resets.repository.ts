import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { MasterPasswordReset, MasterPasswordResetStatus } from './entities/master-password-reset.entity';

interface MasterPasswordResetRow {
  company_id: string;
  id: string;
  user_id: string;
  requested_by: string;
  status: MasterPasswordResetStatus;
  expires_at: Date;
  completed_at: Date | null;
  created_at: Date;
  user_name?: string;
}

export interface MasterPasswordResetView {
  reset: MasterPasswordReset;
  userName: string;
}

@Injectable()
export class MasterPasswordResetsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async create(companyId: string, userId: string, requestedBy: string, validForSeconds: number): Promise<MasterPasswordReset> {
    const { rows } = await this.transactions.write<MasterPasswordResetRow>(
      `INSERT INTO master_password_resets (company_id, user_id, requested_by, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING *`,
      [companyId, userId, requestedBy, validForSeconds],
    );
    return toReset(rows[0]);
  }

  /** The user's pending request that has not expired yet, if any. */
  async findOpenForUser(companyId: string, userId: string): Promise<MasterPasswordReset | null> {
    const row = await this.transactions.first<MasterPasswordResetRow>(
      `SELECT * FROM master_password_resets
        WHERE company_id = $1 AND user_id = $2 AND status = 'pending' AND expires_at > now()
        ORDER BY created_at DESC LIMIT 1`,
      [companyId, userId],
    );
    return row ? toReset(row) : null;
  }

  async findForUpdate(companyId: string, resetId: string): Promise<MasterPasswordReset | null> {
    if (!isUUID(resetId)) return null;
    const row = await this.transactions.first<MasterPasswordResetRow>(
      `SELECT * FROM master_password_resets WHERE company_id = $1 AND id = $2 FOR UPDATE`,
      [companyId, resetId],
    );
    return row ? toReset(row) : null;
  }

  /**
   * Pending, unexpired requests, oldest first, with the user's userName for the vault service; after the
   * request `afterId` (the previous page's last, which may have been completed since).
   */
  async listOpen(companyId: string, afterId: string | undefined, limit: number): Promise<MasterPasswordResetView[]> {
    const rows = await this.transactions.rows<MasterPasswordResetRow>(
      `SELECT r.*, u.user_name
         FROM master_password_resets r
         JOIN user_accounts u ON u.company_id = r.company_id AND u.id = r.user_id
        WHERE r.company_id = $1 AND r.status = 'pending' AND r.expires_at > now()
          AND ($2::uuid IS NULL OR (r.created_at, r.id) >
               (SELECT previous.created_at, previous.id FROM master_password_resets previous
                 WHERE previous.company_id = $1 AND previous.id = $2::uuid))
        ORDER BY r.created_at, r.id
        LIMIT $3`,
      [companyId, afterId ?? null, limit],
    );
    return rows.map((row) => ({ reset: toReset(row), userName: row.user_name! }));
  }

  /** Deletes up to `limit` resets of every company (system work) completed or expired more than `days` days ago. */
  async deleteFinishedBefore(days: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM master_password_resets
        WHERE (company_id, id) IN (
          SELECT company_id, id FROM master_password_resets
           WHERE CASE status WHEN 'completed' THEN completed_at ELSE expires_at END < now() - make_interval(days => $1)
           LIMIT $2)`,
      [days, limit],
    );
    return count;
  }

  async markCompleted(companyId: string, resetId: string): Promise<MasterPasswordReset> {
    const { rows } = await this.transactions.write<MasterPasswordResetRow>(
      `UPDATE master_password_resets SET status = 'completed', completed_at = now()
        WHERE company_id = $1 AND id = $2 RETURNING *`,
      [companyId, resetId],
    );
    return toReset(rows[0]);
  }
}

function toReset(row: MasterPasswordResetRow): MasterPasswordReset {
  return Object.assign(new MasterPasswordReset(), {
    companyId: row.company_id,
    id: row.id,
    userId: row.user_id,
    requestedBy: row.requested_by,
    status: row.status,
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    createdAt: row.created_at,
  });
}
