import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInternalErrors, ErrorAnswer } from '../../common/openapi/api-errors.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { InternalAuth } from '../../internal-auth/internal-auth.decorators';
import { ClientGone } from './client-gone.decorator';
import { DEFAULT_EVENTS_LIMIT, EventsFeedQueryDto } from './dto/events-feed.query.dto';
import { EventsPageDto } from './dto/events-page.response.dto';
import { EventsRequest } from './events-page';
import { EventsFeedService } from './events-feed.service';

const INVALID_QUERY: ErrorAnswer = {
  description: 'after is not a cursor, limit is not 1–1000, wait is not 0–30 seconds, or an unknown query parameter',
  message: 'wait must not be greater than 30',
  details: [{ field: 'wait', problem: 'must not be greater than 30' }],
};

const PURGED: ErrorAnswer = {
  description: 'The cursor is older than the oldest event kept (EVENTS_RETENTION_DAYS): resume where the message says and resync',
};

const LONG_POLL =
  'With `wait`, an empty answer is held until an event comes or the seconds pass; resume with `nextCursor`, which is ' +
  '`after` itself when there was none.';

@ApiTags('internal: events')
@InternalAuth()
@Controller('api/internal')
export class EventsFeedController {
  constructor(private readonly feed: EventsFeedService) {}

  @Get('events')
  @ApiOperation({
    summary: 'Read the events of every company',
    description: `Change events of all companies in \`position\` order, gap-free, after the cursor \`after\` (a position). ${LONG_POLL}`,
  })
  @ApiInternalErrors({ 400: INVALID_QUERY, 410: PURGED })
  @ApiOkResponse({ type: EventsPageDto })
  readAll(@Query() query: EventsFeedQueryDto, @ClientGone() gone: AbortSignal): Promise<EventsPageDto> {
    return this.feed.readAll(requestOf(query, gone));
  }

  @Get('companies/:companyId/events')
  @ApiOperation({
    summary: "Read one company's events",
    description:
      `The company's change events in \`sequence\` order, gap-free, after the cursor \`after\` (a sequence of this ` +
      `company). A company without events yet, or none of that id, answers an empty page. ${LONG_POLL}`,
  })
  @ApiUuidParams('companyId')
  @ApiInternalErrors({ 400: INVALID_QUERY, 410: PURGED })
  @ApiOkResponse({ type: EventsPageDto })
  readCompany(
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Query() query: EventsFeedQueryDto,
    @ClientGone() gone: AbortSignal,
  ): Promise<EventsPageDto> {
    return this.feed.readCompany(companyId, requestOf(query, gone));
  }
}

function requestOf(query: EventsFeedQueryDto, gone: AbortSignal): EventsRequest {
  return { after: query.after, limit: query.limit ?? DEFAULT_EVENTS_LIMIT, waitMs: (query.wait ?? 0) * 1000, gone };
}
