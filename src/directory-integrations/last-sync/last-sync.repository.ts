import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';

/** The "Last sync" column of directory_integrations. */
@Injectable()
export class LastSyncRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /**
   * Background write, detached from any request, so it can never join (or wait inside) a request's transaction.
   * Never moves the time backwards across instances.
   */
  async recordLastSync(companyId: string, integrationId: string, at: Date): Promise<void> {
    await this.transactions.detached(() =>
      this.transactions.write(
        `UPDATE directory_integrations SET last_sync_at = $3
          WHERE company_id = $1 AND id = $2 AND (last_sync_at IS NULL OR last_sync_at < $3)`,
        [companyId, integrationId, at],
      ),
    );
  }
}
