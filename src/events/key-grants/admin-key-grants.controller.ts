import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { ApiAdminErrors } from '../../common/openapi/api-errors.decorator';
import { KeyGrantBacklogResponseDto } from './dto/key-grant-backlog.response.dto';
import { KeyGrantsService } from './key-grants.service';

@ApiTags('admin: key grants')
@AdminAuth()
@Controller('api/admin/key-grants')
export class AdminKeyGrantsController {
  constructor(private readonly keyGrants: KeyGrantsService) {}

  @Get()
  @ApiOperation({
    summary: 'Key hand-off backlog',
    description:
      "Your company's group-key grants and revocations waiting for your encryption service, those it holds, those it " +
      'failed for good (the 20 latest with their reasons), and how long the oldest waiting one has waited. A growing ' +
      'age means the encryption service is down or behind. Any admin.',
  })
  @ApiAdminErrors()
  @ApiOkResponse({ type: KeyGrantBacklogResponseDto })
  async backlog(@CurrentAdmin() admin: AdminPrincipal): Promise<KeyGrantBacklogResponseDto> {
    return KeyGrantBacklogResponseDto.from(await this.keyGrants.overview(admin.companyId));
  }
}
