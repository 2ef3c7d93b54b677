import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';
import { parseProjectionParameters } from '../list/list-request';
import { AttributeProjection } from '../projection/attribute-projection';
import { ScimResourceController } from '../resource/scim-resource.controller';
import { QueryParameters, ScimAnswer } from '../resource/scim-resource-handlers';
import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimController } from '../scim-controller.decorator';
import { ScimListResponse } from '../scim-list-response';
import { RecordsWritesOf } from '../sync-log/sync-log.decorators';
import { CreateScimUserCommand } from './commands/create-scim-user.command';
import { DeleteScimUserCommand } from './commands/delete-scim-user.command';
import { PatchScimUserCommand } from './commands/patch-scim-user.command';
import { ReplaceScimUserCommand } from './commands/replace-scim-user.command';
import { GetScimUserQuery } from './queries/get-scim-user.query';
import { ListScimUsersQuery } from './queries/list-scim-users.query';
import { ScimResource } from './scim-user.mapper';
import { ScimUserResult } from './scim-user-result';

type UserList = ScimListResponse<ScimResource>;

@ScimController('Users')
@RecordsWritesOf('User')
export class ScimUsersController extends ScimResourceController<AttributeProjection, ScimUserResult, UserList, ScimResource, UserList> {
  constructor(
    create: CreateScimUserCommand,
    replace: ReplaceScimUserCommand,
    patch: PatchScimUserCommand,
    remove: DeleteScimUserCommand,
    get: GetScimUserQuery,
    list: ListScimUsersQuery,
    config: ConfigService<AppConfiguration, true>,
  ) {
    super(
      config.get('scim', { infer: true }).maxPageSize,
      { create, list, get, replace, patch, delete: remove },
      { viewOf: projectionOf, patchViewOf, answerOf, listAnswerOf: (list) => list },
    );
  }
}

function projectionOf(query: QueryParameters): AttributeProjection {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  return AttributeProjection.parse(USER_RESOURCE_SCHEMAS, attributes, excludedAttributes);
}

/** RFC 7644 §3.5.2: 200 with the resource, or 204 when the client asked for no attributes at all. */
function patchViewOf(query: QueryParameters): AttributeProjection | undefined {
  const projection = projectionOf(query);
  return query.attributes === '' ? undefined : projection;
}

function answerOf(result: ScimUserResult): ScimAnswer<ScimResource> {
  return { location: result.location, etag: result.etag, body: result.resource, subject: result.subject };
}
