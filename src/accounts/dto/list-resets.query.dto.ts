import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ListResetsQueryDto {
  @ApiProperty({ enum: ['pending'], description: 'Only pending, unexpired requests are listed' })
  @IsIn(['pending'])
  status: 'pending';
}
