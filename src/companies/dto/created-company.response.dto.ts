import { ApiProperty } from '@nestjs/swagger';
import { CreatedCompany } from '../companies.service';

export class CreatedSuperAdminDto {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  id: string;

  @ApiProperty({ example: 'owner@acme.test' })
  email: string;

  @ApiProperty({
    description: 'The super admin API key, shown only in this response',
    example: 'dpsadm_EXAMPLE0example0EXAMPLE0example0EXAMPLE0exa',
  })
  apiKey: string;
}

export class CreatedCompanyResponseDto {
  @ApiProperty({ format: 'uuid', example: 'c2a1e5d4-7b3f-4e9a-8d1c-6f0b2a4e8c13' })
  companyId: string;

  @ApiProperty({ type: CreatedSuperAdminDto })
  superAdmin: CreatedSuperAdminDto;

  static from({ company, superAdmin }: CreatedCompany): CreatedCompanyResponseDto {
    return {
      companyId: company.id,
      superAdmin: { id: superAdmin.admin.id, email: superAdmin.admin.email, apiKey: superAdmin.apiKey },
    };
  }
}
