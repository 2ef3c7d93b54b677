import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { parseFilter } from '../../filter/filter.parser';
import { groupSortExpression, translateGroupFilter } from '../../filter/filter-to-sql';
import { ListRequest } from '../../list/list-request';
import { AttributeProjection } from '../../projection/attribute-projection';
import { GROUP_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { ScimGroupPresenter } from '../scim-group.presenter';

/**
 * GET /Groups and POST /Groups/.search (RFC 7644 §3.4.2–3): the filter becomes SQL (`members[value eq "…"]` an
 * EXISTS on the membership key), paging is by offset over a stable order. The answer is produced as the client
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
    const where = request.filter ? translateGroupFilter(parseFilter(request.filter), { alias: 'g', paramOffset: 1 }) : undefined;
    const orderBy = groupSortExpression(request.sortBy, request.sortOrder, 'g');
    const { groups, total: totalResults } = await this.groups.searchGroups(principal.companyId, {
      where,
      orderBy,
      offset: request.startIndex - 1,
      limit: request.count,
    });
    const view = { projection, members: projection.returns('members') };
    return this.presenter.presentList(principal.companyId, groups, totalResults, request.startIndex, view);
  }
}
