import { ApiProperty } from '@nestjs/swagger';
import { ConnectorRun, ConnectorRunResult } from '../entities/connector-run.entity';
import { RUN_RESULTS } from './connector-run.request.dto';

export class ConnectorRunResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: '0.1.0', description: "The agent's version" })
  version: string | null;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  finishedAt: string;

  @ApiProperty({ example: 41000 })
  durationMs: number;

  @ApiProperty({ enum: RUN_RESULTS, example: 'applied' })
  result: ConnectorRunResult;

  @ApiProperty({ example: 1200 })
  users: number;

  @ApiProperty({ example: 40 })
  groups: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
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
