import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { SYNC_LOG_DEFAULT_PAGE_SIZE, SyncLogQueryRequestDto } from './dto/sync-log.request.dto';
import { SyncLogEntryResponseDto, SyncLogPageResponseDto } from './dto/sync-log.response.dto';
import { SyncLogService } from './sync-log.service';

@ApiTags('admin: directory integrations')
@AdminAuth()
@Controller('api/admin/sync-log')
export class SyncLogController {
  constructor(private readonly syncLog: SyncLogService) {}

  @Get()
  @ApiOkResponse({ type: SyncLogPageResponseDto, description: 'SCIM writes of every integration, newest first' })
  async page(@CurrentAdmin() actor: AdminPrincipal, @Query() query: SyncLogQueryRequestDto): Promise<SyncLogPageResponseDto> {
    const page = await this.syncLog.page(actor, {
      provider: query.provider,
      status: query.status,
      outcome: query.outcome,
      cursor: query.cursor,
      limit: query.limit ?? SYNC_LOG_DEFAULT_PAGE_SIZE,
    });
    return { items: page.items.map(SyncLogEntryResponseDto.from), nextCursor: page.nextCursor };
  }
}
