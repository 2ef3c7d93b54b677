import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ProvisioningApiScope } from '../../../common/auth/provisioning-principal';

export class CreateApiKeyRequestDto {
  @ApiProperty({ description: 'What the key is for, to recognise it in the list', example: 'HR nightly sync', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ProvisioningApiScope, description: 'read-only keys may only read (GET)', example: ProvisioningApiScope.ReadWrite })
  @IsEnum(ProvisioningApiScope)
  scope: ProvisioningApiScope;
}
