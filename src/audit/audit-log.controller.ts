import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogEntryDto, AuditLogPageDto, AuditLogQueryDto } from './dto/audit-log.dto';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('admin: audit log')
@AdminAuth()
@Controller('api/admin/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogRepository) {}

  @Get()
  @ApiOkResponse({ type: AuditLogPageDto, description: 'Admin actions, policy changes and service reports, newest first' })
  async list(@CurrentAdmin() admin: AdminPrincipal, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const entries = await this.auditLog.listPage(admin.companyId, limit + 1, query.cursor);
    const page = entries.slice(0, limit);
    return {
      items: page.map(AuditLogEntryDto.from),
      nextCursor: entries.length > limit ? String(page[page.length - 1].id) : null,
    };
  }
}
