import { Body, Controller, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SyncSettingsResponseDto, UpdateSyncSettingsRequestDto } from '../directory-sync/dto/sync-settings.dto';
import { ConnectorAuth, CurrentConnector } from './authentication/connector-auth.decorators';
import { ApiConnectorErrors } from './connector-api-errors.decorator';
import { ConnectorPrincipal } from './connector-principal';
import { DirectoryConnectorService } from './directory-connector.service';
import { ConnectorRunRequestDto } from './dto/connector-run.request.dto';
import { ConnectorRunResponseDto } from './dto/connector-run.response.dto';

/** What the agent tells the service besides its snapshots: its settings and the report of each run. */
@ApiTags('connector')
@ConnectorAuth()
@Controller('api/connector/v1')
export class ConnectorRunsController {
  constructor(private readonly connector: DirectoryConnectorService) {}

  @Put('settings')
  @ApiOperation({
    summary: "Set the tab's deprovisioning settings",
    description: "deprovisionAction and maxDeletePercent from the agent's configuration; audit-logged when they change.",
  })
  @ApiConnectorErrors({ 400: 'An invalid action or percentage' })
  @ApiOkResponse({ type: SyncSettingsResponseDto })
  async settings(
    @CurrentConnector() agent: ConnectorPrincipal,
    @Body() body: UpdateSyncSettingsRequestDto,
  ): Promise<SyncSettingsResponseDto> {
    return SyncSettingsResponseDto.from(await this.connector.applySettings(agent, body));
  }

  @Post('runs')
  @ApiOperation({
    summary: 'Report a run',
    description: 'When it started and ended, its result, what it read and the error that stopped it.',
  })
  @ApiConnectorErrors({ 400: 'An invalid report' })
  @ApiCreatedResponse({ type: ConnectorRunResponseDto })
  async report(@CurrentConnector() agent: ConnectorPrincipal, @Body() body: ConnectorRunRequestDto): Promise<ConnectorRunResponseDto> {
    const run = await this.connector.reportRun(agent, {
      startedAt: new Date(body.startedAt),
      finishedAt: new Date(body.finishedAt),
      result: body.result,
      users: body.users,
      groups: body.groups,
      snapshotId: body.snapshotId ?? null,
      error: body.error ?? null,
    });
    return ConnectorRunResponseDto.from(run);
  }
}
