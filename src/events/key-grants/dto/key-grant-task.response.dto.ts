import { ApiProperty } from '@nestjs/swagger';
import { KeyGrantKind, KeyGrantState, KeyGrantTask } from '../key-grant-task';

export class KeyGrantTaskResponseDto {
  @ApiProperty({ format: 'uuid', example: '3d6f0a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6' })
  id: string;

  @ApiProperty({ enum: KeyGrantKind, description: "`grant`: wrap the group's key for the user; `revoke`: take it away" })
  kind: KeyGrantKind;

  @ApiProperty({ enum: KeyGrantState })
  state: KeyGrantState;

  @ApiProperty({ format: 'uuid', example: '5b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b' })
  companyId: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: every group the user belongs to (a revoke: every group key the user holds)',
    example: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968',
  })
  groupId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "null: every holder of the group's key (the group was deleted: retire its key)",
    example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d',
  })
  userId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The userName when the task was made, for logs', example: 'alice@acme.test' })
  userName: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The group displayName when the task was made, for logs', example: 'Finance' })
  groupDisplayName: string | null;

  @ApiProperty({ format: 'uuid', description: 'The change event the task came from', example: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b' })
  eventId: string;

  @ApiProperty({ description: 'Leases so far, this one included', example: 1 })
  attempt: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:12:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed', example: null })
  lastError: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When it completed, failed for good or was cancelled',
    example: null,
  })
  finishedAt: string | null;

  static from(task: KeyGrantTask): KeyGrantTaskResponseDto {
    return {
      id: task.id,
      kind: task.kind,
      state: task.state,
      companyId: task.companyId,
      groupId: task.groupId,
      userId: task.userId,
      userName: task.userName,
      groupDisplayName: task.groupDisplayName,
      eventId: task.eventId,
      attempt: task.attempt,
      createdAt: task.createdAt.toISOString(),
      lastError: task.lastError,
      finishedAt: task.finishedAt?.toISOString() ?? null,
    };
  }
}
