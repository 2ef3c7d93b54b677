import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../directory-integrations/scim-principal';
import { AttributeProjection } from '../../projection/attribute-projection';
import { weakEtag } from '../../scim-etag';
import { ScimUrls } from '../../scim-urls';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';

@Injectable()
export class GetScimUserQuery {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
    private readonly urls: ScimUrls,
  ) {}

  async execute(principal: ScimPrincipal, userId: string, projection: AttributeProjection): Promise<ScimUserResult & { version: number }> {
    const user = await this.accounts.getUser(principal.companyId, userId);
    return {
      resource: await this.presenter.presentOne(principal.companyId, user, projection),
      location: this.urls.user(user.id),
      etag: weakEtag(user.version),
      version: user.version,
    };
  }
}
