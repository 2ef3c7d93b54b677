import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsUUID } from 'class-validator';

export class UpdateMasterPasswordResetPolicyRequestDto {
  @ApiProperty({ description: 'Permit super admins to reset master passwords' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The super admins who may reset master passwords: the whole set, replacing the previous one. Empty when disabled.',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  superAdminIds: string[];
}
