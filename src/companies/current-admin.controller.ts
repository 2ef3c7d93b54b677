import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors } from '../common/openapi/api-errors.decorator';
import { CurrentAdminResponseDto } from './dto/current-admin.response.dto';

@ApiTags('admin: admins')
@AdminAuth()
@Controller('api/admin/me')
export class CurrentAdminController {
  @Get()
  @ApiOperation({
    summary: 'Who the admin API key belongs to',
    description:
      "The admin behind the key: id, email, role and company. The console signs in with it and shows super admins' " +
      'controls only to super admins. Any admin.',
  })
  @ApiAdminErrors()
  @ApiOkResponse({ type: CurrentAdminResponseDto, description: 'The admin the key belongs to' })
  me(@CurrentAdmin() actor: AdminPrincipal): CurrentAdminResponseDto {
    return CurrentAdminResponseDto.from(actor);
  }
}
