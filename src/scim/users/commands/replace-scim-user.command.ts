import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { normalizeResource } from '../../patch/normalize-resource';
import { AttributeProjection } from '../../projection/attribute-projection';
import { USER_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { toUserChange } from '../scim-user.mapper';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';
import { changeSourceOf } from '../../scim-change-source';
import { Skippable, unlessManagedElsewhere } from '../../ownership/skipped-write';

/**
 * PUT /Users/{id} (RFC 7644 §3.5.1): the body replaces every writable attribute; id, meta and groups stay.
 * A body without `active` leaves the lifecycle state alone rather than guessing.
 */
@Injectable()
export class ReplaceScimUserCommand {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
  ) {}

  async execute(
    principal: ScimPrincipal,
    userId: string,
    body: unknown,
    expectedVersion: number | undefined,
    projection: AttributeProjection,
  ): Promise<ScimUserResult & Skippable> {
    const change = toUserChange(normalizeResource(body, USER_RESOURCE_SCHEMAS));
    const { companyId } = principal;
    return unlessManagedElsewhere(
      async () =>
        this.presenter.presentOne(
          companyId,
          await this.accounts.changeUser(companyId, changeSourceOf(principal), userId, () => change, { expectedVersion }),
          projection,
        ),
      async () => this.presenter.presentOne(companyId, await this.accounts.getUser(companyId, userId), projection),
    );
  }
}
