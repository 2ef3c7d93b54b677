import { ApiProperty } from '@nestjs/swagger';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { AdminRole } from '../entities/admin.entity';

export class CurrentAdminResponseDto {
  @ApiProperty({ format: 'uuid', example: '1e3a5c7d-2b4f-4a6e-8c0d-9f1b3d5e7a9c' })
  id: string;

  @ApiProperty({ example: 'it-admin@acme.test' })
  email: string;

  @ApiProperty({ enum: AdminRole })
  role: AdminRole;

  @ApiProperty({ format: 'uuid', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  companyId: string;

  static from(principal: AdminPrincipal): CurrentAdminResponseDto {
    return { id: principal.adminId, email: principal.email, role: principal.role as AdminRole, companyId: principal.companyId };
  }
}
