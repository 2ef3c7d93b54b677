import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { ApiAdminErrors } from '../../common/openapi/api-errors.decorator';
import { SYNC_LOG_DEFAULT_PAGE_SIZE, SyncActivityQueryRequestDto, SyncLogQueryRequestDto } from './dto/sync-log.request.dto';
import { SyncActivityResponseDto } from './dto/sync-activity.response.dto';
import { SyncLogEntryResponseDto, SyncLogPageResponseDto } from './dto/sync-log.response.dto';
import { SyncLogService } from './sync-log.service';

@ApiTags('admin: directory integrations')
@AdminAuth()
@Controller('api/admin/sync-log')
export class SyncLogController {
  constructor(private readonly syncLog: SyncLogService) {}

  @Get()
  @ApiOperation({
    summary: 'Read the sync log',
    description:
      'One page of the SCIM writes your identity providers sent, newest first: operation, the resource and the ' +
      'userName, displayName or externalId it was about, the HTTP status and SCIM error (scimType, detail) answered, ' +
      'and the request id of the log line. Filter by `provider`, by `status` (a code, `success` or `failure`) and by ' +
      'time (`since` inclusive, `until` exclusive); ' +
      'pass `nextCursor` as `cursor` for the next page. Any admin.',
  })
  @ApiAdminErrors({
    400: {
      description: 'An unknown provider, an invalid status, cursor or limit, or an unknown query parameter',
      message: 'status must be an HTTP status code, success or failure',
      details: [{ field: 'status', problem: 'must be an HTTP status code, success or failure' }],
    },
  })
  @ApiOkResponse({ type: SyncLogPageResponseDto, description: 'SCIM writes of every integration, newest first' })
  async page(@CurrentAdmin() actor: AdminPrincipal, @Query() query: SyncLogQueryRequestDto): Promise<SyncLogPageResponseDto> {
    const page = await this.syncLog.page(actor, {
      provider: query.provider,
      status: query.status,
      outcome: query.outcome,
      since: query.since === undefined ? undefined : new Date(query.since),
      until: query.until === undefined ? undefined : new Date(query.until),
      cursor: query.cursor,
      limit: query.limit ?? SYNC_LOG_DEFAULT_PAGE_SIZE,
    });
    return { items: page.items.map(SyncLogEntryResponseDto.from), nextCursor: page.nextCursor };
  }

  @Get('activity')
  @ApiOperation({
    summary: 'Sync activity of the last 7 days',
    description:
      'SCIM writes per hour (UTC) over the last 7 days, and how many failed: the chart of a Directory integrations ' +
      'tab. Each operation of a Bulk request counts once; hours without writes are left out. `provider` limits it to ' +
      "one tab. Open an hour's entries with the sync log's `since` and `until`. Any admin.",
  })
  @ApiAdminErrors({ 400: 'An unknown provider, or an unknown query parameter' })
  @ApiOkResponse({ type: SyncActivityResponseDto, description: 'Hours with writes, oldest first' })
  async activity(@CurrentAdmin() actor: AdminPrincipal, @Query() query: SyncActivityQueryRequestDto): Promise<SyncActivityResponseDto> {
    return SyncActivityResponseDto.from(await this.syncLog.activity(actor, query.provider));
  }
}
