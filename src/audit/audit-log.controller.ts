import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors } from '../common/openapi/api-errors.decorator';
import { AuditLogService } from './audit-log.service';
import { AuditLogEntryDto, AuditLogPageDto, AuditLogQueryDto } from './dto/audit-log.dto';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('admin: audit log')
@AdminAuth()
@Controller('api/admin/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      "One page of your company's audit log, newest first: admin actions, policy changes, provisioning-token actions " +
      "and reports of other services, each with its actor (an admin's email too), action, target and time. Pass " +
      '`nextCursor` as `cursor` for the next page. Any admin.',
  })
  @ApiAdminErrors({
    400: {
      description: 'An invalid cursor or limit, or an unknown query parameter',
      message: 'limit must not be greater than 200',
      details: [{ field: 'limit', problem: 'must not be greater than 200' }],
    },
  })
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
