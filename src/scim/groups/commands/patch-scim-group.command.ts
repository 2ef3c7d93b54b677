import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../directory-integrations/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { parsePatchRequest } from '../../patch/patch-request';
import { planGroupPatch } from '../../patch/plan-group-patch';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimGroupResult, ScimGroupView } from '../scim-group-result';

/**
 * PATCH /Groups/{id} (RFC 7644 §3.5.2): the planned steps run in order on the locked group in one transaction,
 * each membership step as one set-based statement, so adding or removing k members costs O(k).
 */
@Injectable()
export class PatchScimGroupCommand {
  constructor(
    private readonly groups: GroupsService,
    private readonly presenter: ScimGroupPresenter,
  ) {}

  async execute(
    principal: ScimPrincipal,
    groupId: string,
    body: unknown,
    expectedVersion: number | undefined,
    view: ScimGroupView,
  ): Promise<ScimGroupResult> {
    const plan = planGroupPatch(parsePatchRequest(body));
    const group = await this.groups.changeGroup(principal.companyId, groupId, plan, { expectedVersion });
    return this.presenter.present(principal.companyId, group, view);
  }
}
