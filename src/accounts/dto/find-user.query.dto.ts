import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class FindUserQueryDto {
  @ApiProperty({ example: 'alice@acme.test', description: 'The userName (email), case-insensitive' })
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  email: string;
}
