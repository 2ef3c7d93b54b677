import { Injectable } from '@nestjs/common';
import { UserAccount } from '../../accounts/entities/user-account.entity';
import { GroupsService } from '../../groups/groups.service';
import { AttributeProjection } from '../projection/attribute-projection';
import { weakEtag } from '../scim-etag';
import { ScimVersionOnly } from '../resource/scim-resource-handlers';
import { ScimUrls } from '../scim-urls';
import { subjectOf } from '../sync-log/sync-log-details';
import { ScimResource, toScimUser, UserGroupReference } from './scim-user.mapper';
import { ScimUserResult } from './scim-user-result';

/** Builds SCIM User resources, loading the read-only `groups` attribute only when it will be returned. */
@Injectable()
export class ScimUserPresenter {
  constructor(
    private readonly groups: GroupsService,
    private readonly urls: ScimUrls,
  ) {}

  /** The users' groups come from the groups module, in one query for all of them. */
  async present(companyId: string, users: UserAccount[], projection: AttributeProjection): Promise<ScimResource[]> {
    const groupsByUser = projection.returns('groups')
      ? await this.groups.groupsOfUsers(
          companyId,
          users.map((user) => user.id),
        )
      : undefined;
    return users.map((user) => {
      const groups = groupsByUser?.get(user.id)?.map((group): UserGroupReference => ({
        value: group.id,
        $ref: this.urls.group(group.id),
        display: group.displayName,
        type: 'direct',
      }));
      return projection.apply(toScimUser(user, this.urls.user(user.id), groups));
    });
  }

  /** A single user with what its response headers need. */
  async presentOne(companyId: string, user: UserAccount, projection: AttributeProjection): Promise<ScimUserResult> {
    const [resource] = await this.present(companyId, [user], projection);
    return this.result(user, resource);
  }

  /** A user just created belongs to no group yet: nothing to load. */
  presentCreated(user: UserAccount, projection: AttributeProjection): ScimUserResult {
    return this.result(user, projection.apply(toScimUser(user, this.urls.user(user.id))));
  }

  /** Only the version, for an answer without a body (204, 304). */
  versionOf(user: UserAccount): Required<ScimVersionOnly> {
    return { etag: weakEtag(user.version), subject: subjectOf(user) };
  }

  private result(user: UserAccount, resource: ScimResource): ScimUserResult {
    return { resource, location: this.urls.user(user.id), ...this.versionOf(user) };
  }
}
