import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../directory-integrations/scim-principal';
import { normalizeResource } from '../../patch/normalize-resource';
import { AttributeProjection } from '../../projection/attribute-projection';
import { USER_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { toUserChange } from '../scim-user.mapper';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';

/** POST /Users (RFC 7644 §3.3): a duplicate userName is a 409 uniqueness from the unique index. */
@Injectable()
export class CreateScimUserCommand {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
  ) {}

  async execute(principal: ScimPrincipal, body: unknown, projection: AttributeProjection): Promise<ScimUserResult> {
    const { profile, active } = toUserChange(normalizeResource(body, USER_RESOURCE_SCHEMAS));
    const user = await this.accounts.createUser(principal.companyId, principal.integrationId, profile, active ?? true);
    return this.presenter.presentCreated(user, projection);
  }
}
