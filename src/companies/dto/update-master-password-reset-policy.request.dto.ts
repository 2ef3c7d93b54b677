import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsUUID } from 'class-validator';

export class UpdateMasterPasswordResetPolicyRequestDto {
  @ApiProperty({ description: 'Permit super admins to reset master passwords', example: true })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The super admins who may reset master passwords: the whole set, replacing the previous one. Empty when disabled.',
    example: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  superAdminIds: string[];
}
