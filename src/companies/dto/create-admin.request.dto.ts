import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum, MaxLength } from 'class-validator';
import { AdminRole } from '../entities/admin.entity';

export class CreateAdminRequestDto {
  @ApiProperty({ example: 'it-admin@acme.test' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: AdminRole, example: AdminRole.Admin })
  @IsEnum(AdminRole)
  role: AdminRole;
}
