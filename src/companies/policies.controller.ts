import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { CompanyPoliciesService } from './company-policies.service';
import { MasterPasswordResetPolicyResponseDto, PoliciesResponseDto } from './dto/policies.response.dto';
import { UpdateMasterPasswordResetPolicyRequestDto } from './dto/update-master-password-reset-policy.request.dto';

@ApiTags('admin: policies')
@AdminAuth()
@Controller('api/admin/policies')
export class PoliciesController {
  constructor(private readonly policies: CompanyPoliciesService) {}

  @Get()
  @ApiOperation({
    summary: "Read the company's policies",
    description:
      'The master-password-reset policy ("Permit super admins to reset master passwords"): whether it is on and which ' +
      'super admins hold it. Any admin.',
  })
  @ApiAdminErrors()
  @ApiOkResponse({ type: PoliciesResponseDto, description: 'Any admin of the company' })
  async get(@CurrentAdmin() actor: AdminPrincipal): Promise<PoliciesResponseDto> {
    return { masterPasswordReset: MasterPasswordResetPolicyResponseDto.from(await this.policies.getMasterPasswordReset(actor)) };
  }

  @Put('master-password-reset')
  @ApiOperation({
    summary: 'Set the master-password-reset policy',
    description:
      'Turns "Permit super admins to reset master passwords" on or off and replaces the whole set of super admins who ' +
      'hold it. Turn it on before issuing a provisioning token. Super admins only; audit-logged.',
  })
  @ApiJsonBody(UpdateMasterPasswordResetPolicyRequestDto, {
    on: {
      summary: 'On, for two super admins',
      value: { enabled: true, superAdminIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7', '1e3a5c7d-2b4f-4a6e-8c0d-9f1b3d5e7a9c'] },
    },
    off: { summary: 'Off', value: { enabled: false, superAdminIds: [] } },
  })
  @ApiAdminErrors({
    400: {
      description:
        'Malformed JSON or invalid fields; holders named while turning it off, none named while turning it on, or an id ' +
        'that is not an active super admin of the company (named in the message)',
      code: 'invalid_input',
      message: 'superAdminIds: 1e3a5c7d-2b4f-4a6e-8c0d-9f1b3d5e7a9c is not an active super admin of this company',
    },
    403: { description: 'You are not a super admin', message: 'Only a super admin can change company policies' },
  })
  @ApiOkResponse({ type: MasterPasswordResetPolicyResponseDto })
  async setMasterPasswordReset(
    @CurrentAdmin() actor: AdminPrincipal,
    @Body() body: UpdateMasterPasswordResetPolicyRequestDto,
  ): Promise<MasterPasswordResetPolicyResponseDto> {
    return MasterPasswordResetPolicyResponseDto.from(await this.policies.setMasterPasswordReset(actor, body.enabled, body.superAdminIds));
  }
}
