import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { ProvisionedCounts, ProvisionedResourceCounter } from '../directory-integrations/provisioned-resource.counter';
import { GroupsService } from '../groups/groups.service';

/** What each integration provisioned over SCIM, as the owners of users and groups count it. */
@Injectable()
export class ScimProvisionedResourceCounter extends ProvisionedResourceCounter {
  constructor(
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
  ) {
    super();
  }

  async countByIntegration(companyId: string): Promise<ProvisionedCounts> {
    return { users: await this.accounts.countUsersByIntegration(companyId), groups: await this.groups.countGroupsByIntegration(companyId) };
  }
}
