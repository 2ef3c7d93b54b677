import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { ManagingIntegration } from '../common/auth/change-source';
import { ManagedResourceTransfer, TransferredCounts } from '../directory-integrations/ownership/managed-resource.transfer';
import { GroupsService } from '../groups/groups.service';

/** A tab's transfer, carried out by the owners of users and groups. */
@Injectable()
export class ScimManagedResourceTransfer extends ManagedResourceTransfer {
  constructor(
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
  ) {
    super();
  }

  async transfer(companyId: string, from: ManagingIntegration, to: ManagingIntegration): Promise<TransferredCounts> {
    return {
      users: await this.accounts.transferManagement(companyId, from, to),
      groups: await this.groups.transferManagement(companyId, from, to),
    };
  }
}
