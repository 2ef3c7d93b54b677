import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { ifNoneMatchHits, weakEtag } from '../../scim-etag';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimGroupResult, ScimGroupView } from '../scim-group-result';

export type GetScimGroupOutcome = { notModified: true; etag: string } | ({ notModified: false } & ScimGroupResult);

/** GET /Groups/{id}: If-None-Match is answered from the group row, before any member is read. */
@Injectable()
export class GetScimGroupQuery {
  constructor(
    private readonly groups: GroupsService,
    private readonly presenter: ScimGroupPresenter,
  ) {}

  async execute(
    principal: ScimPrincipal,
    groupId: string,
    view: ScimGroupView,
    ifNoneMatch: string | undefined,
  ): Promise<GetScimGroupOutcome> {
    const group = await this.groups.getGroup(principal.companyId, groupId);
    if (ifNoneMatchHits(ifNoneMatch, group.version)) return { notModified: true, etag: weakEtag(group.version) };
    return { notModified: false, ...(await this.presenter.present(principal.companyId, group, view)) };
  }
}
