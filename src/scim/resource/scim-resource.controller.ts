import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { CurrentIntegration } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { ListRequest, parseListRequest } from '../list/list-request';
import { versionFromIfMatch } from '../scim-etag';
import { nameAnsweredSubject } from '../sync-log/answered-subject';
import { SyncSubject } from '../sync-log/sync-log-details';
import { ReadsOnly } from '../sync-log/sync-log.decorators';

export type QueryParameters = Record<string, unknown>;

/** A resource as answered, with its Location and ETag headers, and whom the sync log names for a write of it. */
export interface ScimAnswer<Resource> {
  location: string;
  etag: string;
  body: Resource;
  subject: SyncSubject;
}

/** An answer without a body: a GET of the version the client has (304), a PATCH asked for no attributes (204). */
export interface ScimVersionOnly {
  etag: string;
  subject?: SyncSubject;
}

/**
 * The routes of a SCIM resource type (RFC 7644 §3.3 to §3.6), declared once with their statuses and headers:
 * create, list, search, get, replace, patch, delete. A subclass (under ScimController) carries each one out.
 */
export abstract class ScimResourceController<Resource, List> {
  protected constructor(private readonly maxPageSize: number) {}

  @Post()
  @HttpCode(201)
  async create(
    @CurrentIntegration() principal: ScimPrincipal,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource> {
    return withHeaders(response, await this.createResource(principal, body, query));
  }

  @Get()
  list(@CurrentIntegration() principal: ScimPrincipal, @Query() query: QueryParameters): Promise<List> {
    return this.listResources(principal, parseListRequest(query, this.maxPageSize));
  }

  @Post('.search')
  @HttpCode(200)
  @ReadsOnly()
  search(@CurrentIntegration() principal: ScimPrincipal, @Body() body: QueryParameters): Promise<List> {
    return this.listResources(principal, parseListRequest(body, this.maxPageSize));
  }

  @Get(':id')
  async get(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource | undefined> {
    const found = await this.getResource(principal, id, query, ifNoneMatch);
    if (!('body' in found)) {
      response.status(304).setHeader('ETag', found.etag);
      return undefined;
    }
    return withHeaders(response, found);
  }

  @Put(':id')
  async replace(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource> {
    return withHeaders(response, await this.replaceResource(principal, id, body, versionFromIfMatch(ifMatch), query));
  }

  @Patch(':id')
  async patch(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource | undefined> {
    const patched = await this.patchResource(principal, id, body, versionFromIfMatch(ifMatch), query);
    if (!('body' in patched)) {
      response.status(204).setHeader('ETag', patched.etag);
      if (patched.subject) nameAnsweredSubject(response, patched.subject);
      return undefined;
    }
    return withHeaders(response, patched);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.deleteResource(principal, id, versionFromIfMatch(ifMatch));
  }

  protected abstract createResource(principal: ScimPrincipal, body: unknown, query: QueryParameters): Promise<ScimAnswer<Resource>>;

  protected abstract listResources(principal: ScimPrincipal, request: ListRequest): Promise<List>;

  protected abstract getResource(
    principal: ScimPrincipal,
    id: string,
    query: QueryParameters,
    ifNoneMatch: string | undefined,
  ): Promise<ScimAnswer<Resource> | ScimVersionOnly>;

  protected abstract replaceResource(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    version: number | undefined,
    query: QueryParameters,
  ): Promise<ScimAnswer<Resource>>;

  protected abstract patchResource(
    principal: ScimPrincipal,
    id: string,
    body: unknown,
    version: number | undefined,
    query: QueryParameters,
  ): Promise<ScimAnswer<Resource> | ScimVersionOnly>;

  protected abstract deleteResource(principal: ScimPrincipal, id: string, version: number | undefined): Promise<void>;
}

function withHeaders<Resource>(response: Response, answer: ScimAnswer<Resource>): Resource {
  response.setHeader('Location', answer.location);
  response.setHeader('ETag', answer.etag);
  nameAnsweredSubject(response, answer.subject);
  return answer.body;
}
