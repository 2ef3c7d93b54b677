import { ApiProperty } from '@nestjs/swagger';
import { ConnectorRun, ConnectorRunResult } from '../entities/connector-run.entity';
import { RUN_RESULTS } from './connector-run.request.dto';

export class ConnectorRunResponseDto {
  @ApiProperty({ format: 'uuid', example: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: '0.1.0', description: "The agent's version" })
  version: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:00:00.000Z' })
  startedAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:00:41.000Z' })
  finishedAt: string;

  @ApiProperty({ example: 41000 })
  durationMs: number;

  @ApiProperty({ enum: RUN_RESULTS, example: 'applied' })
  result: ConnectorRunResult;

  @ApiProperty({ example: 1200 })
  users: number;

  @ApiProperty({ example: 40 })
  groups: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a' })
  snapshotId: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  static from(run: ConnectorRun): ConnectorRunResponseDto {
    return {
      id: run.id,
      version: run.version,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt.toISOString(),
      durationMs: run.finishedAt.getTime() - run.startedAt.getTime(),
      result: run.result,
      users: run.users,
      groups: run.groups,
      snapshotId: run.snapshotId,
      error: run.error,
    };
  }
}
