import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class LeaseKeyGrantsRequestDto {
  @ApiPropertyOptional({
    default: 60,
    minimum: 10,
    maximum: 3600,
    description: 'How long the tasks are yours; unfinished by then, they return to the queue',
  })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3600)
  leaseSeconds?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500, description: 'Most tasks to lease' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this company's tasks; every company's when absent" })
  @IsOptional()
  @IsUUID()
  companyId?: string;
}
