import { Body, Controller, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
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
  @ApiJsonBody(UpdateSyncSettingsRequestDto, {
    settings: { summary: 'From the configuration', value: { deprovisionAction: 'disable', maxDeletePercent: 10 } },
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
  @ApiJsonBody(ConnectorRunRequestDto, {
    applied: {
      summary: 'A run that applied its snapshot',
      value: {
        startedAt: '2026-12-01T09:00:00.000Z',
        finishedAt: '2026-12-01T09:00:41.000Z',
        result: 'applied',
        users: 1200,
        groups: 40,
        snapshotId: '8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a',
      },
    },
    failed: {
      summary: 'A run that failed before sending',
      value: {
        startedAt: '2026-12-01T09:15:00.000Z',
        finishedAt: '2026-12-01T09:15:02.000Z',
        result: 'failed',
        users: 0,
        groups: 0,
        error: 'LDAP bind as cn=connector,ou=service,dc=acme,dc=test refused by ldaps://dc1.acme.test: invalid credentials',
      },
    },
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
