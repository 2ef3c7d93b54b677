import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { parseFilter } from '../../filter/filter.parser';
import { translateGroupFilter, translateUserFilter } from '../../filter/filter-to-query';
import { groupSort, userSort } from '../../filter/sort-to-query';
import { ScimGroupPresenter } from '../../groups/scim-group.presenter';
import { ListRequest } from '../../list/list-request';
import { AttributeProjection } from '../../projection/attribute-projection';
import { GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { ScimMessageUri } from '../../scim.constants';
import { ScimUserPresenter } from '../../users/scim-user.presenter';

/**
 * GET / and POST /.search at the SCIM root (RFC 7644 §3.4.2–3): Users and Groups together, in one order — the
 * users first, then the groups, each type in the requested order (creation order without sortBy) — so that
 * `startIndex`/`count` page through both as through one list, and `totalResults` is the sum of both. One filter
 * serves both types: an attribute only one type has is unassigned on the other (`userName eq "…"` matches no
 * group); an attribute neither has is a 400 invalidFilter. The answer is produced as the client reads it.
 */
@Injectable()
export class SearchScimResourcesQuery {
  constructor(
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
    private readonly userPresenter: ScimUserPresenter,
    private readonly groupPresenter: ScimGroupPresenter,
  ) {}

  async execute(principal: ScimPrincipal, request: ListRequest): Promise<AsyncIterable<string>> {
    const { companyId } = principal;
    const filter = request.filter ? parseFilter(request.filter) : undefined;
    const userProjection = AttributeProjection.parse(USER_RESOURCE_SCHEMAS, request.attributes, request.excludedAttributes);
    const groupProjection = AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, request.attributes, request.excludedAttributes);
    const forUsers = { searchedWith: [GROUP_RESOURCE_SCHEMAS] };
    const forGroups = { searchedWith: [USER_RESOURCE_SCHEMAS] };
    // Both translations run before any query, so that a filter or sortBy neither type can take fails as a whole.
    const userWhere = filter && translateUserFilter(filter, forUsers);
    const groupWhere = filter && translateGroupFilter(filter, forGroups);
    const userOrder = userSort(request.sortBy, request.sortOrder, forUsers.searchedWith);
    const groupOrder = groupSort(request.sortBy, request.sortOrder, forGroups.searchedWith);

    const offset = request.startIndex - 1;
    const userPage = await this.accounts.searchUsers(companyId, {
      where: userWhere,
      sort: userOrder,
      offset,
      limit: request.count,
    });
    const groupPage = await this.groups.searchGroups(companyId, {
      where: groupWhere,
      sort: groupOrder,
      offset: Math.max(0, offset - userPage.total),
      limit: request.count - userPage.users.length,
    });
    const users = await this.userPresenter.present(companyId, userPage.users, userProjection);
    const groups = this.groupPresenter.presentResources(companyId, groupPage.groups, {
      projection: groupProjection,
      members: groupProjection.returns('members'),
    });
    const envelope = {
      schemas: [ScimMessageUri.ListResponse],
      totalResults: userPage.total + groupPage.total,
      startIndex: request.startIndex,
      itemsPerPage: users.length + groupPage.groups.length,
    };
    return listBody(envelope, users, groups, groupPage.groups.length > 0);
  }
}

async function* listBody(envelope: object, users: object[], groups: AsyncIterable<string>, hasGroups: boolean): AsyncGenerator<string> {
  const userResources = users.map((user) => JSON.stringify(user)).join(',');
  yield `${JSON.stringify(envelope).slice(0, -1)},"Resources":[${userResources}${userResources && hasGroups ? ',' : ''}`;
  yield* groups;
  yield ']}';
}
