import { ApiProperty } from '@nestjs/swagger';
import { MasterPasswordResetPolicy } from '../company-policies.service';

export class MasterPasswordResetPolicyResponseDto {
  @ApiProperty({ description: 'Permit super admins to reset master passwords' })
  enabled: boolean;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Active super admins holding the policy' })
  superAdminIds: string[];

  @ApiProperty({ type: String, nullable: true })
  updatedAt: string | null;

  static from(policy: MasterPasswordResetPolicy): MasterPasswordResetPolicyResponseDto {
    return { enabled: policy.enabled, superAdminIds: policy.superAdminIds, updatedAt: policy.updatedAt?.toISOString() ?? null };
  }
}

export class PoliciesResponseDto {
  @ApiProperty({ type: MasterPasswordResetPolicyResponseDto })
  masterPasswordReset: MasterPasswordResetPolicyResponseDto;
}
