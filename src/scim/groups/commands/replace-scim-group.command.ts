import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { normalizeResource } from '../../patch/normalize-resource';
import { GROUP_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { toGroupDefinition } from '../scim-group.mapper';
import { ScimGroupPresenter } from '../scim-group.presenter';
import { ScimGroupResult, ScimGroupView } from '../scim-group-result';
import { changeSourceOf } from '../../scim-change-source';
import { Skippable, unlessManagedElsewhere } from '../../ownership/skipped-write';

/** PUT /Groups/{id} (RFC 7644 §3.5.1): displayName, externalId and the full member set; no `members` means none. */
@Injectable()
export class ReplaceScimGroupCommand {
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
  ): Promise<ScimGroupResult & Skippable> {
    const definition = toGroupDefinition(normalizeResource(body, GROUP_RESOURCE_SCHEMAS));
    const { companyId } = principal;
    return unlessManagedElsewhere(
      async () =>
        this.presenter.present(
          companyId,
          await this.groups.replaceGroup(companyId, changeSourceOf(principal), groupId, definition, { expectedVersion }),
          view,
        ),
      async () => this.presenter.present(companyId, await this.groups.getGroup(companyId, groupId), view),
    );
  }
}
