import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { parseFilter } from '../../filter/filter.parser';
import { translateGroupFilter } from '../../filter/filter-to-query';
import { groupSort } from '../../filter/sort-to-query';
import { ListRequest } from '../../list/list-request';
import { AttributeProjection } from '../../projection/attribute-projection';
import { GROUP_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { ScimGroupPresenter } from '../scim-group.presenter';

/**
 * GET /Groups and POST /Groups/.search (RFC 7644 §3.4.2–3): the filter becomes a condition on the groups' records (`members[value eq "…"]`
 * one on the members' ids), paging is by offset over a stable order. The answer is produced as the client
 * reads it; with `excludedAttributes=members` no member is read.
 */
@Injectable()
export class ListScimGroupsQuery {
  constructor(
    private readonly groups: GroupsService,
    private readonly presenter: ScimGroupPresenter,
  ) {}

  async execute(principal: ScimPrincipal, request: ListRequest): Promise<AsyncIterable<string>> {
    const projection = AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, request.attributes, request.excludedAttributes);
    const where = request.filter ? translateGroupFilter(parseFilter(request.filter)) : undefined;
    const { groups, total: totalResults } = await this.groups.searchGroups(principal.companyId, {
      where,
      sort: groupSort(request.sortBy, request.sortOrder),
      offset: request.startIndex - 1,
      limit: request.count,
    });
    const view = { projection, members: projection.returns('members') };
    return this.presenter.presentList(principal.companyId, groups, totalResults, request.startIndex, view);
  }
}
