import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors } from '../common/openapi/api-errors.decorator';
import { DirectoryConnectorService } from './directory-connector.service';
import { ConnectorStatusResponseDto } from './dto/connector-status.response.dto';

@ApiTags('admin: directory integrations')
@AdminAuth()
@Controller('api/admin/directory-integrations/active-directory/connector')
export class AdminDirectoryConnectorController {
  constructor(private readonly connector: DirectoryConnectorService) {}

  @Get()
  @ApiOperation({
    summary: "The Active Directory connector's state",
    description:
      "The agent's last contact and version, its last run (counts, duration, result), snapshots held for an admin to " +
      'confirm or reject, the latest failed runs, and the deprovisioning settings. The token is on the tab itself. Any admin.',
  })
  @ApiAdminErrors()
  @ApiOkResponse({ type: ConnectorStatusResponseDto })
  async status(@CurrentAdmin() actor: AdminPrincipal): Promise<ConnectorStatusResponseDto> {
    return ConnectorStatusResponseDto.from(await this.connector.status(actor));
  }
}
