import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { changeSourceOf } from '../../scim-change-source';
import { subjectOf, SyncSubject } from '../../sync-log/sync-log-details';
import { Skippable, unlessManagedElsewhere } from '../../ownership/skipped-write';

/** DELETE /Users/{id} (RFC 7644 §3.6): the user leaves its groups and moves to `deleted`. */
@Injectable()
export class DeleteScimUserCommand {
  constructor(private readonly accounts: AccountsService) {}

  async execute(principal: ScimPrincipal, userId: string, expectedVersion: number | undefined): Promise<SyncSubject & Skippable> {
    return unlessManagedElsewhere(
      async () => subjectOf(await this.accounts.deleteUser(principal.companyId, changeSourceOf(principal), userId, { expectedVersion })),
      async () => subjectOf(await this.accounts.getUser(principal.companyId, userId)),
    );
  }
}
