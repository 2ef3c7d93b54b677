import { Readable } from 'node:stream';
import { Body, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';
import { CurrentIntegration } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { parseListRequest } from '../list/list-request';
import { SCIM_CONTENT_TYPE } from '../scim.constants';
import { ScimController } from '../scim-controller.decorator';
import { SearchScimResourcesQuery } from './queries/search-scim-resources.query';

type QueryParameters = Record<string, unknown>;

/** Searches across resource types at the SCIM root: `GET /scim/v2?filter=…` and `POST /scim/v2/.search`. */
@ScimController('')
export class ScimRootController {
  private readonly maxPageSize: number;

  constructor(
    private readonly searchResources: SearchScimResourcesQuery,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.maxPageSize = config.get('scim', { infer: true }).maxPageSize;
  }

  @Get()
  async list(@CurrentIntegration() principal: ScimPrincipal, @Query() query: QueryParameters): Promise<StreamableFile> {
    return jsonStream(await this.searchResources.execute(principal, parseListRequest(query, this.maxPageSize)));
  }

  @Post('.search')
  @HttpCode(200)
  async search(@CurrentIntegration() principal: ScimPrincipal, @Body() body: QueryParameters): Promise<StreamableFile> {
    return jsonStream(await this.searchResources.execute(principal, parseListRequest(body, this.maxPageSize)));
  }
}

function jsonStream(chunks: AsyncIterable<string>): StreamableFile {
  return new StreamableFile(Readable.from(chunks), { type: SCIM_CONTENT_TYPE });
}
