import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AdminsController } from './admins.controller';
import { AdminsRepository } from './admins.repository';
import { AdminsService } from './admins.service';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import { DemoCompanySeeder } from './demo-company.seeder';
import { InternalCompaniesController } from './internal-companies.controller';

@Module({
  imports: [AuditModule],
  controllers: [AdminsController, InternalCompaniesController],
  providers: [AdminsRepository, AdminsService, CompaniesRepository, CompaniesService, DemoCompanySeeder],
  exports: [AdminsService, CompaniesService],
})
export class CompaniesModule {}
