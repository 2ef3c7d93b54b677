import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { Group } from '../../../groups/entities/group.entity';
import { assertEchoesMatch } from '../../patch/changeable-target';
import { parsePatchRequest } from '../../patch/patch-request';
import { planGroupPatch } from '../../patch/plan-group-patch';
import { ScimUrls } from '../../scim-urls';
import { toScimGroup } from '../scim-group.mapper';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimVersionOnly } from '../../resource/scim-resource-handlers';
import { ScimGroupResult, ScimGroupView } from '../scim-group-result';
import { changeSourceOf } from '../../scim-change-source';
import { Skippable, unlessManagedElsewhere } from '../../ownership/skipped-write';

/**
 * PATCH /Groups/{id} (RFC 7644 §3.5.2): the planned steps run in order on the locked group in one transaction,
 * each membership step as one set-based statement, so adding or removing k members costs O(k). Without a view
 * the answer is only the new version, and no member is read.
 */
@Injectable()
export class PatchScimGroupCommand {
  constructor(
    private readonly groups: GroupsService,
    private readonly presenter: ScimGroupPresenter,
    private readonly urls: ScimUrls,
  ) {}

  async execute(
    principal: ScimPrincipal,
    groupId: string,
    body: unknown,
    expectedVersion: number | undefined,
    view: ScimGroupView | undefined,
  ): Promise<(ScimGroupResult | ScimVersionOnly) & Skippable> {
    const { steps, echoes } = planGroupPatch(parsePatchRequest(body), groupId);
    if (echoes.length > 0) {
      // Only a request echoing `meta` pays for this read; the steps below lock the group themselves.
      assertEchoesMatch(toScimGroup(await this.groups.getGroup(principal.companyId, groupId), this.urls.group(groupId)), echoes);
    }
    const answer = async (group: Group): Promise<ScimGroupResult | ScimVersionOnly> =>
      view ? this.presenter.present(principal.companyId, group, view) : this.presenter.versionOf(group);
    return unlessManagedElsewhere(
      async () =>
        answer(await this.groups.changeGroup(principal.companyId, changeSourceOf(principal), groupId, steps, { expectedVersion })),
      async () => answer(await this.groups.getGroup(principal.companyId, groupId)),
    );
  }
}
