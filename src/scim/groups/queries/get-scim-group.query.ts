import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { ScimVersionOnly } from '../../resource/scim-resource-handlers';
import { ifNoneMatchHits } from '../../scim-etag';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimGroupResult, ScimGroupView } from '../scim-group-result';

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
  ): Promise<ScimGroupResult | ScimVersionOnly> {
    const group = await this.groups.getGroup(principal.companyId, groupId);
    if (ifNoneMatchHits(ifNoneMatch, group.version)) return this.presenter.versionOf(group);
    return this.presenter.present(principal.companyId, group, view);
  }
}
