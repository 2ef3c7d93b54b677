import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { AttributeProjection } from '../../projection/attribute-projection';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';

@Injectable()
export class GetScimUserQuery {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
  ) {}

  async execute(principal: ScimPrincipal, userId: string, projection: AttributeProjection): Promise<ScimUserResult> {
    const user = await this.accounts.getUser(principal.companyId, userId);
    return this.presenter.presentOne(principal.companyId, user, projection);
  }
}
