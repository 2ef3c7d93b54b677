import { ApiProperty } from '@nestjs/swagger';
import { KeyGrantOverview } from '../key-grants.service';
import { KeyGrantTaskResponseDto } from './key-grant-task.response.dto';

export class KeyGrantBacklogResponseDto {
  @ApiProperty({ description: 'Tasks waiting for the encryption service (expired leases and retries included)', example: 3 })
  queued: number;

  @ApiProperty({ description: 'Tasks the encryption service holds under a lease that has not expired', example: 1 })
  leased: number;

  @ApiProperty({ description: 'Tasks the encryption service failed for good', example: 0 })
  failed: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the oldest queued task was made',
    example: '2026-11-30T10:12:00.000Z',
  })
  oldestQueuedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Its age in whole seconds; null when nothing is queued', example: 42 })
  oldestQueuedAgeSeconds: number | null;

  @ApiProperty({ type: [KeyGrantTaskResponseDto], description: 'The 20 most recent tasks failed for good, newest first' })
  recentFailures: KeyGrantTaskResponseDto[];

  static from(overview: KeyGrantOverview): KeyGrantBacklogResponseDto {
    return {
      queued: overview.queued,
      leased: overview.leased,
      failed: overview.failed,
      oldestQueuedAt: overview.oldestQueuedAt?.toISOString() ?? null,
      oldestQueuedAgeSeconds: overview.oldestQueuedAgeSeconds,
      recentFailures: overview.recentFailures.map((task) => KeyGrantTaskResponseDto.from(task)),
    };
  }
}
