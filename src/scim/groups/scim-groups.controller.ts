import { Readable } from 'node:stream';
import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import { AppConfiguration } from '../../config/configuration';
import { CurrentIntegration } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { parseListRequest, parseProjectionParameters } from '../list/list-request';
import { AttributeProjection } from '../projection/attribute-projection';
import { GROUP_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { SCIM_CONTENT_TYPE } from '../scim.constants';
import { ScimController } from '../scim-controller.decorator';
import { ReadsOnly, RecordsWritesOf } from '../sync-log/sync-log.decorators';
import { versionFromIfMatch } from '../scim-etag';
import { CreateScimGroupCommand } from './commands/create-scim-group.command';
import { DeleteScimGroupCommand } from './commands/delete-scim-group.command';
import { PatchScimGroupCommand } from './commands/patch-scim-group.command';
import { ReplaceScimGroupCommand } from './commands/replace-scim-group.command';
import { GetScimGroupQuery } from './queries/get-scim-group.query';
import { ListScimGroupsQuery } from './queries/list-scim-groups.query';
import { ScimGroupResult, ScimGroupView } from './scim-group-result';

type QueryParameters = Record<string, unknown>;

/** Group bodies are JSON text in pieces (a group can have 100,000 members), streamed rather than serialised whole. */
@ScimController('Groups')
@RecordsWritesOf('Group')
export class ScimGroupsController {
  private readonly maxPageSize: number;

  constructor(
    private readonly createGroup: CreateScimGroupCommand,
    private readonly replaceGroup: ReplaceScimGroupCommand,
    private readonly patchGroup: PatchScimGroupCommand,
    private readonly deleteGroup: DeleteScimGroupCommand,
    private readonly getGroup: GetScimGroupQuery,
    private readonly listGroups: ListScimGroupsQuery,
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
  ): Promise<StreamableFile> {
    return withHeaders(response, await this.createGroup.execute(principal, body, viewOf(query)));
  }

  @Get()
  async list(@CurrentIntegration() principal: ScimPrincipal, @Query() query: QueryParameters): Promise<StreamableFile> {
    return jsonStream(await this.listGroups.execute(principal, parseListRequest(query, this.maxPageSize)));
  }

  @Post('.search')
  @HttpCode(200)
  @ReadsOnly()
  async search(@CurrentIntegration() principal: ScimPrincipal, @Body() body: QueryParameters): Promise<StreamableFile> {
    return jsonStream(await this.listGroups.execute(principal, parseListRequest(body, this.maxPageSize)));
  }

  @Get(':id')
  async get(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    const outcome = await this.getGroup.execute(principal, id, viewOf(query), ifNoneMatch);
    if (outcome.notModified) {
      response.status(304).setHeader('ETag', outcome.etag);
      return undefined;
    }
    return withHeaders(response, outcome);
  }

  @Put(':id')
  async replace(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const result = await this.replaceGroup.execute(principal, id, body, versionFromIfMatch(ifMatch), viewOf(query));
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
  ): Promise<StreamableFile | undefined> {
    const result = await this.patchGroup.execute(principal, id, body, versionFromIfMatch(ifMatch), patchViewOf(query));
    if (!('body' in result)) {
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
    await this.deleteGroup.execute(principal, id, versionFromIfMatch(ifMatch));
  }
}

function viewOf(query: QueryParameters): ScimGroupView {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  const projection = AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, attributes, excludedAttributes);
  return { projection, members: projection.returns('members') };
}

/**
 * RFC 7644 §3.5.2 lets a PATCH answer 200 with the whole resource or 204. Without `attributes` or
 * `excludedAttributes` (or with `attributes=`) the answer is 204: the whole resource would make a one-member change
 * to a 100,000-member group read and send the whole group, and Okta and Entra ID take 204. A projection asked for
 * is answered 200 with exactly that projection, members included when it returns them.
 */
function patchViewOf(query: QueryParameters): ScimGroupView | undefined {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  return attributes === undefined && excludedAttributes === undefined ? undefined : viewOf(query);
}

function withHeaders(response: Response, result: ScimGroupResult): StreamableFile {
  response.setHeader('Location', result.location);
  response.setHeader('ETag', result.etag);
  return jsonStream(result.body);
}

function jsonStream(chunks: Iterable<string> | AsyncIterable<string>): StreamableFile {
  return new StreamableFile(Readable.from(chunks), { type: SCIM_CONTENT_TYPE });
}
