import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { UserAccountsRepository } from './user-accounts.repository';

@Module({
  providers: [AccountsService, UserAccountsRepository],
  exports: [AccountsService],
})
export class AccountsModule {}
