import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../directory-integrations/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { parsePatchRequest } from '../../patch/patch-request';
import { planGroupPatch } from '../../patch/plan-group-patch';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimGroupHeaders, ScimGroupResult, ScimGroupView } from '../scim-group-result';

/**
 * PATCH /Groups/{id} (RFC 7644 §3.5.2): the planned steps run in order on the locked group in one transaction,
 * each membership step as one set-based statement, so adding or removing k members costs O(k). Without a view
 * the answer is only its headers, and no member is read.
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
    view: ScimGroupView | undefined,
  ): Promise<ScimGroupResult | ScimGroupHeaders> {
    const plan = planGroupPatch(parsePatchRequest(body));
    const group = await this.groups.changeGroup(principal.companyId, groupId, plan, { expectedVersion });
    return view ? this.presenter.present(principal.companyId, group, view) : this.presenter.headers(group);
  }
}
