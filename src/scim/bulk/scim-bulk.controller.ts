import { Body, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from '../../common/http/request-id';
import { CurrentIntegration } from '../../directory-integrations/scim-authentication/scim-auth.decorators';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { ScimController } from '../scim-controller.decorator';
import { RecordedWrite, RecordsWritesOf } from '../sync-log/sync-log.decorators';
import { BulkResponse } from './bulk-response';
import { ProcessScimBulkCommand } from './process-scim-bulk.command';

/** RFC 7644 §3.7: 200 with a response per operation, whatever their outcomes. */
@ScimController('Bulk')
@RecordsWritesOf('Bulk')
export class ScimBulkController {
  constructor(private readonly bulk: ProcessScimBulkCommand) {}

  @Post()
  @HttpCode(200)
  @RecordedWrite()
  process(@CurrentIntegration() principal: ScimPrincipal, @Body() body: unknown, @Req() request: Request): Promise<BulkResponse> {
    return this.bulk.execute(
      { principal, authorization: request.headers.authorization, requestId: requestIdOf(request)?.slice(0, 64) ?? null },
      body,
    );
  }
}
