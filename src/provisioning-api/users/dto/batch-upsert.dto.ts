import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { ErrorDetailDto } from '../../../common/errors/error-response.dto';
import { CreateApiUserRequestDto } from './api-user.request.dto';

export const MAX_BATCH_USERS = 1000;

export class BatchUpsertUsersRequestDto {
  @ApiProperty({
    type: [CreateApiUserRequestDto],
    description:
      `1 to ${MAX_BATCH_USERS} users, each matched by email: a new email is created, a known one updated with the fields ` +
      'sent (and disabled or re-enabled by `active`). Each item is checked on its own: an invalid one fails alone',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_USERS)
  users: unknown[];
}

export class BatchItemErrorDto {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'invalid_state_transition' })
  code: string;

  @ApiProperty({ example: 'Cannot enable a user in state deleted (from deleted to provisioned is not allowed)' })
  message: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];
}

export type BatchItemOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export class BatchItemResultDto {
  @ApiProperty({ description: 'Position of the item in `users`, from 0', example: 0 })
  index: number;

  @ApiProperty({ type: String, nullable: true, description: 'The email of the item, when it had one', example: 'alice@acme.test' })
  email: string | null;

  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'failed'] })
  outcome: BatchItemOutcome;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user; null when the item failed',
    example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d',
  })
  id: string | null;

  @ApiProperty({
    type: BatchItemErrorDto,
    nullable: true,
    description: 'Why the item failed, in the error shape of the API',
    example: null,
  })
  error: BatchItemErrorDto | null;
}

export class BatchCountsDto {
  @ApiProperty({ example: 998 })
  created: number;

  @ApiProperty({ example: 1 })
  updated: number;

  @ApiProperty({ example: 0 })
  unchanged: number;

  @ApiProperty({ example: 1 })
  failed: number;
}

export class BatchUpsertUsersResponseDto {
  @ApiProperty({ type: BatchCountsDto })
  counts: BatchCountsDto;

  @ApiProperty({ type: [BatchItemResultDto], description: 'One result per item, in the order sent' })
  results: BatchItemResultDto[];
}
