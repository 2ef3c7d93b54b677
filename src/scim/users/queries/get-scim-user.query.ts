import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { AttributeProjection } from '../../projection/attribute-projection';
import { ScimVersionOnly } from '../../resource/scim-resource-handlers';
import { ifNoneMatchHits } from '../../scim-etag';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';

/** GET /Users/{id}: If-None-Match is answered from the user row, before the user's groups are read. */
@Injectable()
export class GetScimUserQuery {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
  ) {}

  async execute(
    principal: ScimPrincipal,
    userId: string,
    projection: AttributeProjection,
    ifNoneMatch: string | undefined,
  ): Promise<ScimUserResult | ScimVersionOnly> {
    const user = await this.accounts.getUser(principal.companyId, userId);
    if (ifNoneMatchHits(ifNoneMatch, user.version)) return this.presenter.versionOf(user);
    return this.presenter.presentOne(principal.companyId, user, projection);
  }
}
