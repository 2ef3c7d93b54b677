import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class CompleteKeyGrantRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The leaseId of the lease that handed out the task' })
  @IsUUID()
  leaseId: string;
}
