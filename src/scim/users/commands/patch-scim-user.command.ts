import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../../accounts/accounts.service';
import { UserAccount } from '../../../accounts/entities/user-account.entity';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { applyPatch } from '../../patch/apply-patch';
import { normalizeResource } from '../../patch/normalize-resource';
import { parsePatchRequest } from '../../patch/patch-request';
import { AttributeProjection } from '../../projection/attribute-projection';
import { USER_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { toScimUser, toUserChange } from '../scim-user.mapper';
import { ScimVersionOnly } from '../../resource/scim-resource-handlers';
import { ScimUrls } from '../../scim-urls';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';
import { USER_PATCH_RULES } from '../user-patch-rules';
import { changeSourceOf } from '../../scim-change-source';
import { Skippable, unlessManagedElsewhere } from '../../ownership/skipped-write';

/**
 * PATCH /Users/{id} (RFC 7644 §3.5.2): all operations apply to the current user, or none do. Without a projection
 * the answer is only the new version.
 */
@Injectable()
export class PatchScimUserCommand {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
    private readonly urls: ScimUrls,
  ) {}

  async execute(
    principal: ScimPrincipal,
    userId: string,
    body: unknown,
    expectedVersion: number | undefined,
    projection: AttributeProjection | undefined,
  ): Promise<(ScimUserResult | ScimVersionOnly) & Skippable> {
    const operations = parsePatchRequest(body);
    return unlessManagedElsewhere(
      async () => this.answer(principal, await this.changeUser(principal, userId, operations, expectedVersion), projection),
      async () => this.answer(principal, await this.accounts.getUser(principal.companyId, userId), projection),
    );
  }

  private async changeUser(
    principal: ScimPrincipal,
    userId: string,
    operations: ReturnType<typeof parsePatchRequest>,
    expectedVersion: number | undefined,
  ): Promise<UserAccount> {
    return this.accounts.changeUser(
      principal.companyId,
      changeSourceOf(principal),
      userId,
      (current) => {
        const patched = applyPatch(toScimUser(current, this.urls.user(current.id)), operations, USER_RESOURCE_SCHEMAS, USER_PATCH_RULES);
        // Drops what rendering added (meta, groups, derived sub-attributes) before storing.
        return toUserChange(normalizeResource(patched, USER_RESOURCE_SCHEMAS));
      },
      { expectedVersion },
    );
  }

  private async answer(
    principal: ScimPrincipal,
    user: UserAccount,
    projection: AttributeProjection | undefined,
  ): Promise<ScimUserResult | ScimVersionOnly> {
    return projection ? this.presenter.presentOne(principal.companyId, user, projection) : this.presenter.versionOf(user);
  }
}
