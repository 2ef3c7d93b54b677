import { ApiProperty } from '@nestjs/swagger';
import { MasterPasswordResetPolicy } from '../company-policies.service';

export class MasterPasswordResetPolicyResponseDto {
  @ApiProperty({ description: 'Permit super admins to reset master passwords', example: true })
  enabled: boolean;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Active super admins holding the policy',
    example: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
  })
  superAdminIds: string[];

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2026-11-30T09:20:03.000Z' })
  updatedAt: string | null;

  static from(policy: MasterPasswordResetPolicy): MasterPasswordResetPolicyResponseDto {
    return { enabled: policy.enabled, superAdminIds: policy.superAdminIds, updatedAt: policy.updatedAt?.toISOString() ?? null };
  }
}

export class PoliciesResponseDto {
  @ApiProperty({ type: MasterPasswordResetPolicyResponseDto })
  masterPasswordReset: MasterPasswordResetPolicyResponseDto;
}
