import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { AppConfiguration } from '../../config/configuration';
import { CurrentIntegration } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { parseListRequest, parseProjectionParameters } from '../list/list-request';
import { AttributeProjection } from '../projection/attribute-projection';
import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimController } from '../scim-controller.decorator';
import { ReadsOnly, RecordsWritesOf } from '../sync-log/sync-log.decorators';
import { ifNoneMatchHits, versionFromIfMatch } from '../scim-etag';
import { ScimListResponse } from '../scim-list-response';
import { CreateScimUserCommand } from './commands/create-scim-user.command';
import { DeleteScimUserCommand } from './commands/delete-scim-user.command';
import { PatchScimUserCommand } from './commands/patch-scim-user.command';
import { ReplaceScimUserCommand } from './commands/replace-scim-user.command';
import { GetScimUserQuery } from './queries/get-scim-user.query';
import { ListScimUsersQuery } from './queries/list-scim-users.query';
import { ScimResource } from './scim-user.mapper';
import { ScimUserResult } from './scim-user-result';

type QueryParameters = Record<string, unknown>;

@ScimController('Users')
@RecordsWritesOf('User')
export class ScimUsersController {
  private readonly maxPageSize: number;

  constructor(
    private readonly createUser: CreateScimUserCommand,
    private readonly replaceUser: ReplaceScimUserCommand,
    private readonly patchUser: PatchScimUserCommand,
    private readonly deleteUser: DeleteScimUserCommand,
    private readonly getUser: GetScimUserQuery,
    private readonly listUsers: ListScimUsersQuery,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.maxPageSize = config.get('scim', { infer: true }).maxPageSize;
  }

  @Post()
  @HttpCode(201)
  async create(
    @CurrentIntegration() principal: ScimPrincipal,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScimResource> {
    return withHeaders(response, await this.createUser.execute(principal, body, projectionOf(query)));
  }

  @Get()
  list(@CurrentIntegration() principal: ScimPrincipal, @Query() query: QueryParameters): Promise<ScimListResponse<ScimResource>> {
    return this.listUsers.execute(principal, parseListRequest(query, this.maxPageSize));
  }

  @Post('.search')
  @HttpCode(200)
  @ReadsOnly()
  search(@CurrentIntegration() principal: ScimPrincipal, @Body() body: QueryParameters): Promise<ScimListResponse<ScimResource>> {
    return this.listUsers.execute(principal, parseListRequest(body, this.maxPageSize));
  }

  @Get(':id')
  async get(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScimResource | undefined> {
    const result = await this.getUser.execute(principal, id, projectionOf(query));
    if (ifNoneMatchHits(ifNoneMatch, result.version)) {
      response.status(304).setHeader('ETag', result.etag);
      return undefined;
    }
    return withHeaders(response, result);
  }

  @Put(':id')
  async replace(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScimResource> {
    const result = await this.replaceUser.execute(principal, id, body, versionFromIfMatch(ifMatch), projectionOf(query));
    return withHeaders(response, result);
  }

  @Patch(':id')
  async patch(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScimResource | undefined> {
    const result = await this.patchUser.execute(principal, id, body, versionFromIfMatch(ifMatch), projectionOf(query));
    // RFC 7644 §3.5.2: 200 with the resource, or 204 when the client asked for no attributes at all.
    if (query.attributes === '') {
      response.status(204).setHeader('ETag', result.etag);
      return undefined;
    }
    return withHeaders(response, result);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.deleteUser.execute(principal, id, versionFromIfMatch(ifMatch));
  }
}

function projectionOf(query: QueryParameters): AttributeProjection {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  return AttributeProjection.parse(USER_RESOURCE_SCHEMAS, attributes, excludedAttributes);
}

function withHeaders(response: Response, result: ScimUserResult): ScimResource {
  response.setHeader('Location', result.location);
  response.setHeader('ETag', result.etag);
  return result.resource;
}
