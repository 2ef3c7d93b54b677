import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';

/** The key-grant consumer's one cursor row. */
const CONSUMER = 'key-grants';

@Injectable()
export class KeyGrantCursorRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * Inside a transaction: locks the cursor and returns the last position read, or null when another consumer (this
   * instance's or another's) holds it; that one reads the same events, so this one has nothing to do.
   */
  async lock(): Promise<string | null> {
    const row = await this.transactions.first<{ position: string }>(
      `SELECT position FROM key_grant_cursor WHERE consumer = $1 FOR UPDATE SKIP LOCKED`,
      [CONSUMER],
    );
    return row?.position ?? null;
  }

  async advance(position: string): Promise<void> {
    await this.transactions.write(`UPDATE key_grant_cursor SET position = $2, updated_at = now() WHERE consumer = $1`, [
      CONSUMER,
      position,
    ]);
  }
}
