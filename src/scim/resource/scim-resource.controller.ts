import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { CurrentIntegration } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { parseListRequest } from '../list/list-request';
import { versionFromIfMatch } from '../scim-etag';
import { nameAnsweredSubject, noteSkippedWrite } from '../sync-log/answered-subject';
import { Skippable } from '../ownership/skipped-write';
import { RecordedWrite } from '../sync-log/sync-log.decorators';
import {
  isVersionOnly,
  QueryParameters,
  ScimAnswer,
  ScimResourceOperations,
  ScimResourceRendering,
  ScimVersionOnly,
} from './scim-resource-handlers';

/**
 * The routes of a SCIM resource type (RFC 7644 §3.3 to §3.6), declared once with their statuses and headers:
 * create, list, search, get, replace, patch, delete. A subclass (under ScimController) hands in the operations
 * that carry each one out and how their results are rendered.
 */
export abstract class ScimResourceController<View, Result extends { location: string }, Listed, Resource, List> {
  protected constructor(
    private readonly maxPageSize: number,
    private readonly operations: ScimResourceOperations<View, Result, Listed>,
    private readonly rendering: ScimResourceRendering<View, Result, Listed, Resource, List>,
  ) {}

  @Post()
  @HttpCode(201)
  @RecordedWrite()
  async create(
    @CurrentIntegration() principal: ScimPrincipal,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource> {
    const created = await this.operations.create.execute(principal, body, this.rendering.viewOf(query));
    return withHeaders(response, this.rendering.answerOf(created));
  }

  @Get()
  list(@CurrentIntegration() principal: ScimPrincipal, @Query() query: QueryParameters): Promise<List> {
    return this.listResources(principal, query);
  }

  @Post('.search')
  @HttpCode(200)
  search(@CurrentIntegration() principal: ScimPrincipal, @Body() body: QueryParameters): Promise<List> {
    return this.listResources(principal, body);
  }

  @Get(':id')
  async get(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Query() query: QueryParameters,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource | undefined> {
    const found = await this.operations.get.execute(principal, id, this.rendering.viewOf(query), ifNoneMatch);
    return this.answer(response, found, 304);
  }

  @Put(':id')
  @RecordedWrite()
  async replace(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource> {
    const replaced = await this.operations.replace.execute(principal, id, body, versionFromIfMatch(ifMatch), this.rendering.viewOf(query));
    noteSkipped(response, replaced);
    return withHeaders(response, this.rendering.answerOf(replaced));
  }

  @Patch(':id')
  @RecordedWrite()
  async patch(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: QueryParameters,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Resource | undefined> {
    const patched = await this.operations.patch.execute(
      principal,
      id,
      body,
      versionFromIfMatch(ifMatch),
      this.rendering.patchViewOf(query),
    );
    noteSkipped(response, patched);
    return this.answer(response, patched, 204);
  }

  @Delete(':id')
  @HttpCode(204)
  @RecordedWrite()
  async delete(
    @CurrentIntegration() principal: ScimPrincipal,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const { skipped, ...subject } = await this.operations.delete.execute(principal, id, versionFromIfMatch(ifMatch));
    noteSkipped(response, { skipped });
    nameAnsweredSubject(response, subject);
  }

  private async listResources(principal: ScimPrincipal, parameters: QueryParameters): Promise<List> {
    return this.rendering.listAnswerOf(await this.operations.list.execute(principal, parseListRequest(parameters, this.maxPageSize)));
  }

  /** The resource, or only its version with `bodilessStatus`. */
  private answer(response: Response, result: Result | ScimVersionOnly, bodilessStatus: 204 | 304): Resource | undefined {
    if (!isVersionOnly(result)) return withHeaders(response, this.rendering.answerOf(result));
    response.status(bodilessStatus).setHeader('ETag', result.etag);
    if (result.subject) nameAnsweredSubject(response, result.subject);
    return undefined;
  }
}

function noteSkipped(response: Response, { skipped }: Skippable): void {
  if (skipped !== undefined) noteSkippedWrite(response, skipped);
}

function withHeaders<Resource>(response: Response, answer: ScimAnswer<Resource>): Resource {
  response.setHeader('Location', answer.location);
  response.setHeader('ETag', answer.etag);
  nameAnsweredSubject(response, answer.subject);
  return answer.body;
}
