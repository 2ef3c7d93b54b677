import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export class FailKeyGrantRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The leaseId of the lease that handed out the task' })
  @IsUUID()
  leaseId: string;

  @ApiProperty({ maxLength: 1000, description: 'Why it failed, shown to the company admins; never key material' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ description: 'true: queue it again after a backoff; false: it stays failed, visible in the console' })
  @IsBoolean()
  retryable: boolean;
}
