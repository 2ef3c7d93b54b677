import { Injectable } from '@nestjs/common';
import { UserAccount } from '../../accounts/entities/user-account.entity';
import { GroupSummary } from '../../groups/groups.repository';
import { GroupsService } from '../../groups/groups.service';
import { AttributeProjection } from '../projection/attribute-projection';
import { ScimUrls } from '../scim-urls';
import { ScimResource, toScimUser, UserGroupReference } from './scim-user.mapper';

/** Builds SCIM User resources, loading the read-only `groups` attribute only when it will be returned. */
@Injectable()
export class ScimUserPresenter {
  constructor(
    private readonly groups: GroupsService,
    private readonly urls: ScimUrls,
  ) {}

  /** `groupsByUser` is used when the caller read the groups already, e.g. in the same query as the users. */
  async present(
    companyId: string,
    users: UserAccount[],
    projection: AttributeProjection,
    groupsByUser?: Map<string, GroupSummary[]>,
  ): Promise<ScimResource[]> {
    if (!groupsByUser && projection.returns('groups')) {
      groupsByUser = await this.groups.groupsOfUsers(companyId, users.map((user) => user.id));
    }
    return users.map((user) => {
      const groups = (projection.returns('groups') ? groupsByUser?.get(user.id) : undefined)?.map(
        (group): UserGroupReference => ({
          value: group.id,
          $ref: this.urls.group(group.id),
          display: group.displayName,
          type: 'direct',
        }),
      );
      return projection.apply(toScimUser(user, this.urls.user(user.id), groups));
    });
  }

  /** A user just created belongs to no group yet: nothing to load. */
  presentCreated(user: UserAccount, projection: AttributeProjection): ScimResource {
    return projection.apply(toScimUser(user, this.urls.user(user.id)));
  }

  async presentOne(companyId: string, user: UserAccount, projection: AttributeProjection): Promise<ScimResource> {
    const [resource] = await this.present(companyId, [user], projection);
    return resource;
  }
}
