import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { PlannedChange } from './planned-changes';

/** Changes per statement: the JSON parameter stays around a megabyte. */
const INSERT_CHUNK = 5000;

/** A planned change with its position in the plan: the cursor of the next page. */
export interface PositionedChange extends PlannedChange {
  position: number;
}

interface ChangeRow {
  position: number;
  action: PlannedChange['action'];
  target: string;
  target_id: string | null;
  detail: string | null;
  code: string | null;
}

/** The full difference of a dry-run or held snapshot, read page by page. */
@Injectable()
export class SnapshotChangesRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The changes replace those of an earlier plan of the snapshot. */
  async replace(companyId: string, snapshotId: string, changes: PlannedChange[]): Promise<void> {
    await this.drop(companyId, snapshotId);
    for (let start = 0; start < changes.length; start += INSERT_CHUNK) {
      const rows: ChangeRow[] = changes.slice(start, start + INSERT_CHUNK).map((change, index) => ({
        position: start + index + 1,
        action: change.action,
        target: change.target,
        target_id: change.id,
        detail: change.detail ?? null,
        code: change.code ?? null,
      }));
      await this.transactions.write(
        `INSERT INTO directory_snapshot_changes (company_id, snapshot_id, position, action, target, target_id, detail, code)
         SELECT $1, $2, c.position, c.action, c.target, c.target_id, c.detail, c.code
           FROM jsonb_to_recordset($3::jsonb)
             AS c(position integer, action text, target text, target_id uuid, detail text, code text)`,
        [companyId, snapshotId, JSON.stringify(rows)],
      );
    }
  }

  /** Up to `limit` changes after position `after`, in plan order. */
  async page(companyId: string, snapshotId: string, after: number, limit: number): Promise<PositionedChange[]> {
    const rows = await this.transactions.rows<ChangeRow>(
      `SELECT position, action, target, target_id, detail, code FROM directory_snapshot_changes
        WHERE company_id = $1 AND snapshot_id = $2 AND position > $3
        ORDER BY position LIMIT $4`,
      [companyId, snapshotId, after, limit],
    );
    return rows.map((row) => ({
      position: row.position,
      action: row.action,
      target: row.target,
      id: row.target_id,
      ...(row.detail === null ? {} : { detail: row.detail }),
      ...(row.code === null ? {} : { code: row.code }),
    }));
  }

  async drop(companyId: string, snapshotId: string): Promise<void> {
    await this.transactions.write(`DELETE FROM directory_snapshot_changes WHERE company_id = $1 AND snapshot_id = $2`, [
      companyId,
      snapshotId,
    ]);
  }
}
