import { ApiProperty } from '@nestjs/swagger';
import { SnapshotResponseDto } from '../../directory-sync/dto/snapshot.response.dto';
import { SyncSettingsResponseDto } from '../../directory-sync/dto/sync-settings.dto';
import { ConnectorStatus } from '../directory-connector.service';
import { ConnectorRunResponseDto } from './connector-run.response.dto';

export class ConnectorAgentDto {
  @ApiProperty({ type: String, nullable: true, example: '0.1.0' })
  version: string | null;

  @ApiProperty({ format: 'date-time', description: "The agent's last request to the service", example: '2026-12-01T09:00:41.000Z' })
  lastContactAt: string;
}

export class ConnectorStatusResponseDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null until the tab is first used',
    example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90',
  })
  integrationId: string | null;

  @ApiProperty({ type: ConnectorAgentDto, nullable: true, description: 'Null until the agent first spoke to the service' })
  agent: ConnectorAgentDto | null;

  @ApiProperty({ type: ConnectorRunResponseDto, nullable: true })
  lastRun: ConnectorRunResponseDto | null;

  @ApiProperty({ type: [ConnectorRunResponseDto], description: 'The latest failed runs, newest first' })
  recentErrors: ConnectorRunResponseDto[];

  @ApiProperty({
    type: [SnapshotResponseDto],
    description: 'Snapshots held by the deletion guard: confirm or reject them under /api/admin/directory-sync/snapshots',
  })
  heldSnapshots: SnapshotResponseDto[];

  @ApiProperty({ type: SyncSettingsResponseDto, nullable: true, description: "The source's deprovisioning settings" })
  settings: SyncSettingsResponseDto | null;

  static from(status: ConnectorStatus): ConnectorStatusResponseDto {
    return {
      integrationId: status.integrationId,
      agent: status.agent && { version: status.agent.version, lastContactAt: status.agent.lastContactAt.toISOString() },
      lastRun: status.lastRun && ConnectorRunResponseDto.from(status.lastRun),
      recentErrors: status.recentErrors.map((run) => ConnectorRunResponseDto.from(run)),
      heldSnapshots: status.held.map((snapshot) => SnapshotResponseDto.from(snapshot)),
      settings: status.settings && SyncSettingsResponseDto.from(status.settings),
    };
  }
}
