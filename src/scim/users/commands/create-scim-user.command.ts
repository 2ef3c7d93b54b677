import { Injectable } from '@nestjs/common';
import { AccountsService, UserChange } from '../../../accounts/accounts.service';
import { ScimPrincipal } from '../../../common/auth/scim-principal';
import { normalizeResource } from '../../patch/normalize-resource';
import { AttributeProjection } from '../../projection/attribute-projection';
import { USER_RESOURCE_SCHEMAS } from '../../schema/resource-schemas';
import { toUserChange } from '../scim-user.mapper';
import { ScimUserPresenter } from '../scim-user.presenter';
import { ScimUserResult } from '../scim-user-result';
import { changeSourceOf } from '../../scim-change-source';

/** The result of one create among many: the user, or what execute would have thrown. */
export type CreateOutcome = { result: ScimUserResult } | { error: unknown };

/** POST /Users (RFC 7644 §3.3): a duplicate userName is a 409 uniqueness from the unique index. */
@Injectable()
export class CreateScimUserCommand {
  constructor(
    private readonly accounts: AccountsService,
    private readonly presenter: ScimUserPresenter,
  ) {}

  async execute(principal: ScimPrincipal, body: unknown, projection: AttributeProjection): Promise<ScimUserResult> {
    const { profile, active } = toUserChange(normalizeResource(body, USER_RESOURCE_SCHEMAS));
    const user = await this.accounts.createUser(principal.companyId, changeSourceOf(principal), profile, active ?? true);
    return this.presenter.presentCreated(user, projection);
  }

  /**
   * Creates, in order, what execute would create one by one, with one INSERT for all. A create the INSERT skipped
   * (userName taken) runs through execute, which answers exactly as for a single request; so does every create
   * when the INSERT as a whole fails (e.g. one value too long for its column).
   */
  async executeMany(principal: ScimPrincipal, bodies: unknown[], projection: AttributeProjection): Promise<CreateOutcome[]> {
    const changes = bodies.map((body): UserChange | { error: unknown } => {
      try {
        return toUserChange(normalizeResource(body, USER_RESOURCE_SCHEMAS));
      } catch (error) {
        return { error };
      }
    });
    const valid = changes.flatMap((change, index) => ('error' in change ? [] : [{ index, change }]));
    const created = await this.accounts
      .createUsers(
        principal.companyId,
        changeSourceOf(principal),
        valid.map(({ change }) => ({ profile: change.profile, active: change.active ?? true })),
      )
      .catch(() => valid.map(() => null));
    const outcomes: CreateOutcome[] = [];
    let position = 0;
    for (const [index, change] of changes.entries()) {
      if ('error' in change) {
        outcomes.push(change);
        continue;
      }
      const user = created[position++];
      outcomes.push(
        user
          ? { result: this.presenter.presentCreated(user, projection) }
          : await this.execute(principal, bodies[index], projection).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            ),
      );
    }
    return outcomes;
  }
}
