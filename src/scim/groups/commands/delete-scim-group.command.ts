import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { GroupsService } from '../../../groups/groups.service';
import { changeSourceOf } from '../../scim-change-source';
import { subjectOf, SyncSubject } from '../../sync-log/sync-log-details';
import { Skippable, unlessManagedElsewhere } from '../../ownership/skipped-write';

/** DELETE /Groups/{id} (RFC 7644 §3.6): the memberships go with the group. */
@Injectable()
export class DeleteScimGroupCommand {
  constructor(private readonly groups: GroupsService) {}

  async execute(principal: ScimPrincipal, groupId: string, expectedVersion: number | undefined): Promise<SyncSubject & Skippable> {
    return unlessManagedElsewhere(
      async () => subjectOf(await this.groups.deleteGroup(principal.companyId, changeSourceOf(principal), groupId, { expectedVersion })),
      async () => subjectOf(await this.groups.getGroup(principal.companyId, groupId)),
    );
  }
}
