import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { normalizeResource } from '../../patch/normalize-resource';
import { GROUP_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { toGroupDefinition } from '../scim-group.mapper';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimGroupResult, ScimGroupView } from '../scim-group-result';
import { changeSourceOf } from '../../scim-change-source';

/**
 * POST /Groups (RFC 7644 §3.3): the group and its initial members in one transaction; a displayName taken in
 * any case is a 409 uniqueness from the unique index; a member that is not a user of the company is a 400.
 */
@Injectable()
export class CreateScimGroupCommand {
  constructor(
    private readonly groups: GroupsService,
    private readonly presenter: ScimGroupPresenter,
  ) {}

  async execute(principal: ScimPrincipal, body: unknown, view: ScimGroupView): Promise<ScimGroupResult> {
    const definition = toGroupDefinition(normalizeResource(body, GROUP_RESOURCE_SCHEMAS));
    const group = await this.groups.createGroup(principal.companyId, changeSourceOf(principal), definition);
    return this.presenter.present(principal.companyId, group, view);
  }
}
