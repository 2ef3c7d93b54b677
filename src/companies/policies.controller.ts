import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { CompanyPoliciesService } from './company-policies.service';
import { MasterPasswordResetPolicyResponseDto, PoliciesResponseDto } from './dto/policies.response.dto';
import { UpdateMasterPasswordResetPolicyRequestDto } from './dto/update-master-password-reset-policy.request.dto';

@ApiTags('admin: policies')
@AdminAuth()
@Controller('api/admin/policies')
export class PoliciesController {
  constructor(private readonly policies: CompanyPoliciesService) {}

  @Get()
  @ApiOkResponse({ type: PoliciesResponseDto, description: 'Any admin of the company' })
  async get(@CurrentAdmin() actor: AdminPrincipal): Promise<PoliciesResponseDto> {
    return { masterPasswordReset: MasterPasswordResetPolicyResponseDto.from(await this.policies.getMasterPasswordReset(actor)) };
  }

  @Put('master-password-reset')
  @ApiOkResponse({ type: MasterPasswordResetPolicyResponseDto })
  @ApiForbiddenResponse({ description: 'Super admins only' })
  @ApiBadRequestResponse({ description: 'An id that is not an active super admin of the company, named in the message' })
  async setMasterPasswordReset(
    @CurrentAdmin() actor: AdminPrincipal,
    @Body() body: UpdateMasterPasswordResetPolicyRequestDto,
  ): Promise<MasterPasswordResetPolicyResponseDto> {
    return MasterPasswordResetPolicyResponseDto.from(
      await this.policies.setMasterPasswordReset(actor, body.enabled, body.superAdminIds),
    );
  }
}
