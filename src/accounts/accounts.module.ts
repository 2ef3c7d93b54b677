import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CompaniesModule } from '../companies/companies.module';
import { EventsModule } from '../events/events.module';
import { AccountsService } from './accounts.service';
import { AdminUsersController } from './admin-users.controller';
import { InternalMasterPasswordResetsController } from './internal-master-password-resets.controller';
import { InternalUsersController } from './internal-users.controller';
import { ListingCursors } from './listing-cursors';
import { MemberUsersService } from './member-users.service';
import { MasterPasswordResetsRepository } from './master-password-resets.repository';
import { MasterPasswordResetsService } from './master-password-resets.service';
import { UserAccountsRepository } from './user-accounts.repository';

@Module({
  imports: [AuditModule, CompaniesModule, EventsModule],
  controllers: [AdminUsersController, InternalUsersController, InternalMasterPasswordResetsController],
  providers: [
    AccountsService,
    ListingCursors,
    UserAccountsRepository,
    MasterPasswordResetsRepository,
    MasterPasswordResetsService,
    MemberUsersService,
  ],
  exports: [AccountsService, MasterPasswordResetsService, MemberUsersService],
})
export class AccountsModule {}
