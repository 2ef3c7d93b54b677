import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../internal-auth/service-principal';
import { CompaniesService } from './companies.service';
import { CreateCompanyRequestDto } from './dto/create-company.request.dto';
import { CreatedCompanyResponseDto } from './dto/created-company.response.dto';

@ApiTags('internal: companies')
@InternalAuth()
@Controller('api/internal/companies')
export class InternalCompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedCompanyResponseDto, description: 'The super admin key is shown once' })
  async create(
    @CurrentService() service: ServicePrincipal,
    @Body() body: CreateCompanyRequestDto,
  ): Promise<CreatedCompanyResponseDto> {
    return CreatedCompanyResponseDto.from(
      await this.companies.createCompany(body.name, body.superAdminEmail, service.serviceName),
    );
  }
}
