import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1000;
export const MAX_WAIT_SECONDS = 30;

// A decimal position or sequence; 18 digits at most, so that it always fits PostgreSQL's bigint.
const CURSOR_PATTERN = /^(0|[1-9][0-9]{0,17})$/;

/** `after`, `limit` and `wait` of both event feeds. */
export class EventsFeedQueryDto {
  @ApiPropertyOptional({
    description: 'nextCursor of the previous answer (0: from the very first event); absent: from the oldest event kept',
    example: '1042',
  })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'after must be a nextCursor of this feed (a decimal number), or 0 for the first event' })
  after?: string;

  @ApiPropertyOptional({ default: DEFAULT_EVENTS_LIMIT, minimum: 1, maximum: MAX_EVENTS_LIMIT, example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EVENTS_LIMIT)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Seconds to wait for an event when there is none after the cursor yet (long-poll)',
    default: 0,
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    example: 30,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WAIT_SECONDS)
  wait?: number;
}
