import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { parseFilter } from '../../filter/filter.parser';
import { translateUserFilter } from '../../filter/filter-to-query';
import { userSort } from '../../filter/sort-to-query';
import { ListRequest } from '../../list/list-request';
import { AttributeProjection } from '../../projection/attribute-projection';
import { USER_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { listResponse, ScimListResponse } from '../../scim-list-response';
import { ScimResource } from '../scim-user.mapper';
import { ScimUserPresenter } from '../scim-user.presenter';

/**
 * GET /Users and POST /Users/.search (RFC 7644 §3.4.2–3): the filter becomes a condition on the accounts' records, paging is by
 * offset over a stable order. Disabled users are listed too: providers look a user up before re-activating it.
 */
@Injectable()
export class ListScimUsersQuery {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
  ) {}

  async execute(principal: ScimPrincipal, request: ListRequest): Promise<ScimListResponse<ScimResource>> {
    const projection = AttributeProjection.parse(USER_RESOURCE_SCHEMAS, request.attributes, request.excludedAttributes);
    const where = request.filter ? translateUserFilter(parseFilter(request.filter)) : undefined;
    const { users, total } = await this.accounts.searchUsers(principal.companyId, {
      where,
      sort: userSort(request.sortBy, request.sortOrder),
      offset: request.startIndex - 1,
      limit: request.count,
    });
    const resources = await this.presenter.present(principal.companyId, users, projection);
    return listResponse(resources, total, request.startIndex);
  }
}
