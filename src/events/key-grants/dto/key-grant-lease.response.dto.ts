import { ApiProperty } from '@nestjs/swagger';
import { KeyGrantLease } from '../key-grants.service';
import { KeyGrantTaskResponseDto } from './key-grant-task.response.dto';

export class KeyGrantLeaseResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Complete or fail each task with this id', example: 'c4a1f7e2-9b3d-4e5f-a6b7-c8d9e0f1a2b3' })
  leaseId: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null when no task was leased',
    example: '2026-11-30T10:13:00.000Z',
  })
  leaseExpiresAt: string | null;

  @ApiProperty({ type: [KeyGrantTaskResponseDto], description: 'Oldest first; empty when nothing waits' })
  tasks: KeyGrantTaskResponseDto[];

  static from(lease: KeyGrantLease): KeyGrantLeaseResponseDto {
    return {
      leaseId: lease.leaseId,
      leaseExpiresAt: lease.tasks[0]?.leaseExpiresAt.toISOString() ?? null,
      tasks: lease.tasks.map((task) => KeyGrantTaskResponseDto.from(task)),
    };
  }
}
