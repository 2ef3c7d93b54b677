import { ConfigService } from '@nestjs/config';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { AppConfiguration } from '../../config/configuration';
import { ListRequest, parseProjectionParameters } from '../list/list-request';
import { AttributeProjection } from '../projection/attribute-projection';
import { QueryParameters, ScimAnswer, ScimResourceController, ScimVersionOnly } from '../resource/scim-resource.controller';
import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimController } from '../scim-controller.decorator';
import { ifNoneMatchHits } from '../scim-etag';
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

@ScimController('Users')
@RecordsWritesOf('User')
export class ScimUsersController extends ScimResourceController<ScimResource, ScimListResponse<ScimResource>> {
  constructor(
    private readonly createUser: CreateScimUserCommand,
    private readonly replaceUser: ReplaceScimUserCommand,
    private readonly patchUser: PatchScimUserCommand,
    private readonly deleteUser: DeleteScimUserCommand,
    private readonly getUser: GetScimUserQuery,
    private readonly listUsers: ListScimUsersQuery,
    config: ConfigService<AppConfiguration, true>,
  ) {
    super(config.get('scim', { infer: true }).maxPageSize);
  }

  protected async createResource(principal: ScimPrincipal, body: unknown, query: QueryParameters): Promise<ScimAnswer<ScimResource>> {
    return answerOf(await this.createUser.execute(principal, body, projectionOf(query)));
  }

  protected listResources(principal: ScimPrincipal, request: ListRequest): Promise<ScimListResponse<ScimResource>> {
    return this.listUsers.execute(principal, request);
  }

  protected async getResource(
    principal: ScimPrincipal,
    id: string,
    query: QueryParameters,
    ifNoneMatch: string | undefined,
  ): Promise<ScimAnswer<ScimResource> | ScimVersionOnly> {
    const result = await this.getUser.execute(principal, id, projectionOf(query));
    return ifNoneMatchHits(ifNoneMatch, result.version) ? { etag: result.etag } : answerOf(result);
  }

  protected async replaceResource(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    version: number | undefined,
    query: QueryParameters,
  ): Promise<ScimAnswer<ScimResource>> {
    return answerOf(await this.replaceUser.execute(principal, id, body, version, projectionOf(query)));
  }

  protected async patchResource(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    version: number | undefined,
    query: QueryParameters,
  ): Promise<ScimAnswer<ScimResource> | ScimVersionOnly> {
    const result = await this.patchUser.execute(principal, id, body, version, projectionOf(query));
    // RFC 7644 §3.5.2: 200 with the resource, or 204 when the client asked for no attributes at all.
    return query.attributes === '' ? { etag: result.etag, subject: result.subject } : answerOf(result);
  }

  protected deleteResource(principal: ScimPrincipal, id: string, version: number | undefined): Promise<void> {
    return this.deleteUser.execute(principal, id, version);
  }
}

function projectionOf(query: QueryParameters): AttributeProjection {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  return AttributeProjection.parse(USER_RESOURCE_SCHEMAS, attributes, excludedAttributes);
}

function answerOf(result: ScimUserResult): ScimAnswer<ScimResource> {
  return { location: result.location, etag: result.etag, body: result.resource, subject: result.subject };
}
