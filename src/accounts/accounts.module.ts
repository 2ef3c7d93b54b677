import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CompaniesModule } from '../companies/companies.module';
import { AccountsService } from './accounts.service';
import { AdminUsersController } from './admin-users.controller';
import { InternalMasterPasswordResetsController } from './internal-master-password-resets.controller';
import { InternalUsersController } from './internal-users.controller';
import { MasterPasswordResetsRepository } from './master-password-resets.repository';
import { MasterPasswordResetsService } from './master-password-resets.service';
import { UserAccountsRepository } from './user-accounts.repository';

@Module({
  imports: [AuditModule, CompaniesModule],
  controllers: [AdminUsersController, InternalUsersController, InternalMasterPasswordResetsController],
  providers: [AccountsService, UserAccountsRepository, MasterPasswordResetsRepository, MasterPasswordResetsService],
  exports: [AccountsService, MasterPasswordResetsService],
})
export class AccountsModule {}
