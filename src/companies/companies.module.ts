import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { AdminsController } from './admins.controller';
import { AdminsRepository } from './admins.repository';
import { AdminsService } from './admins.service';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import { CompanyPoliciesRepository } from './company-policies.repository';
import { CompanyPoliciesService } from './company-policies.service';
import { CurrentAdminController } from './current-admin.controller';
import { DemoCompanySeeder } from './demo-company.seeder';
import { InternalCompaniesController } from './internal-companies.controller';
import { PoliciesController } from './policies.controller';

@Module({
  imports: [AuditModule, CredentialsModule],
  controllers: [AdminsController, CurrentAdminController, InternalCompaniesController, PoliciesController],
  providers: [
    AdminsRepository,
    AdminsService,
    CompaniesRepository,
    CompaniesService,
    CompanyPoliciesRepository,
    CompanyPoliciesService,
    DemoCompanySeeder,
  ],
  exports: [AdminsService, CompaniesService, CompanyPoliciesService],
})
export class CompaniesModule {}
