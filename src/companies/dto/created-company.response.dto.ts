import { ApiProperty } from '@nestjs/swagger';
import { CreatedCompany } from '../companies.service';

export class CreatedSuperAdminDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ description: 'The super admin API key, shown only in this response' })
  apiKey: string;
}

export class CreatedCompanyResponseDto {
  @ApiProperty({ format: 'uuid' })
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
