import { ApiProperty } from '@nestjs/swagger';
import { Admin, AdminRole } from '../entities/admin.entity';

export class AdminResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: AdminRole })
  role: AdminRole;

  @ApiProperty({ description: 'Public start of the API key, to recognise it' })
  apiKeyPrefix: string;

  @ApiProperty()
  createdAt: string;

  static from(admin: Admin): AdminResponseDto {
    return {
      id: admin.id,
      email: admin.email,
      role: admin.role,
      apiKeyPrefix: admin.apiKeyPrefix,
      createdAt: admin.createdAt.toISOString(),
    };
  }
}

export class CreatedAdminResponseDto extends AdminResponseDto {
  @ApiProperty({ description: 'The admin API key, shown only in this response' })
  apiKey: string;

  static withKey(admin: Admin, apiKey: string): CreatedAdminResponseDto {
    return { ...AdminResponseDto.from(admin), apiKey };
  }
}
