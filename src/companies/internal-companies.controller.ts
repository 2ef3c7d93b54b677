import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInternalErrors } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../common/auth/service-principal';
import { CompaniesService } from './companies.service';
import { CreateCompanyRequestDto } from './dto/create-company.request.dto';
import { CreatedCompanyResponseDto } from './dto/created-company.response.dto';

@ApiTags('internal: companies')
@InternalAuth()
@Controller('api/internal/companies')
export class InternalCompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a company',
    description:
      'Creates a business account with its first super admin and returns the API key of that super admin, shown only ' +
      'in this answer. Called by the sign-up service; audit-logged with the calling service.',
  })
  @ApiJsonBody(CreateCompanyRequestDto, {
    company: { summary: 'A new company', value: { name: 'Acme Inc.', superAdminEmail: 'owner@acme.test' } },
  })
  @ApiInternalErrors({
    400: {
      description: 'Malformed JSON, or a missing or invalid name or superAdminEmail (each named in details)',
      message: 'superAdminEmail must be an email address',
      details: [{ field: 'superAdminEmail', problem: 'must be an email address' }],
    },
  })
  @ApiCreatedResponse({ type: CreatedCompanyResponseDto, description: 'The super admin key is shown once' })
  async create(@CurrentService() service: ServicePrincipal, @Body() body: CreateCompanyRequestDto): Promise<CreatedCompanyResponseDto> {
    return CreatedCompanyResponseDto.from(await this.companies.createCompany(body.name, body.superAdminEmail, service.serviceName));
  }
}
