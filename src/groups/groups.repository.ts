import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';

export interface GroupSummary {
  id: string;
  displayName: string;
}

@Injectable()
export class GroupsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The groups of each of the given users, in one query. */
  async groupsOfUsers(companyId: string, userIds: string[]): Promise<Map<string, GroupSummary[]>> {
    const byUser = new Map<string, GroupSummary[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows: { user_id: string; id: string; display_name: string }[] = await this.transactions.manager.query(
      `SELECT gm.user_id, g.id, g.display_name
         FROM group_members gm
         JOIN groups g ON g.company_id = gm.company_id AND g.id = gm.group_id
        WHERE gm.company_id = $1 AND gm.user_id = ANY($2::uuid[])
        ORDER BY g.display_name, g.id`,
      [companyId, userIds],
    );
    for (const row of rows) byUser.get(row.user_id)?.push({ id: row.id, displayName: row.display_name });
    return byUser;
  }
}
