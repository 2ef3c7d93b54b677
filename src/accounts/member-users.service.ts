import { Injectable } from '@nestjs/common';
import { MemberUserView, UserAccountsRepository } from './user-accounts.repository';

export type { MemberUserView };

/**
 * The users as the groups module needs them: to check and lock the users a membership names, and to show a
 * group's members. Apart from AccountsService, which itself depends on the groups module through a port.
 */
@Injectable()
export class MemberUsersService {
  constructor(private readonly users: UserAccountsRepository) {}

  /** Those of the users that exist and are not deleted, locked until the enclosing transaction ends. */
  async lockLiveUsers(companyId: string, userIds: string[]): Promise<MemberUserView[]> {
    return this.users.lockLiveUsers(companyId, userIds);
  }

  /** The given users (ids as the groups module holds them), in that order. */
  async viewsOf(companyId: string, userIds: string[]): Promise<MemberUserView[]> {
    return this.users.memberViews(companyId, userIds);
  }
}
