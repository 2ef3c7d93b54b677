import { Injectable } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { TransactionHost } from '../database/transaction-host';
import { UserAccount } from './entities/user-account.entity';
import { UserAccountsRepository, UserProfile, UserSearch } from './user-accounts.repository';
import { initialState, LifecycleEvent, nextState, stateForActiveFlag } from './user-lifecycle';

/** A profile change computed from the current user, e.g. by applying a SCIM PATCH to it. */
export interface UserChange {
  profile: UserProfile;
  /** The desired `active` flag; undefined leaves the lifecycle state as it is. */
  active?: boolean;
}

export interface WriteCondition {
  /** The version the caller last saw (If-Match); a different current version fails the write. */
  expectedVersion?: number;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UserAccountsRepository,
    private readonly transactions: TransactionHost,
  ) {}

  async createUser(companyId: string, integrationId: string | null, profile: UserProfile, active: boolean): Promise<UserAccount> {
    return this.users.insert(companyId, integrationId, profile, initialState(active));
  }

  async getUser(companyId: string, userId: string): Promise<UserAccount> {
    const user = await this.users.findById(companyId, userId);
    if (!user) throw DomainException.notFound(`User ${userId}`);
    return user;
  }

  /** Applies `change` to the locked current user: the whole read-modify-write is one transaction. */
  async changeUser(
    companyId: string,
    userId: string,
    change: (current: UserAccount) => UserChange,
    condition: WriteCondition = {},
  ): Promise<UserAccount> {
    return this.transactions.run(async () => {
      const current = await this.lockUser(companyId, userId, condition);
      const { profile, active } = change(current);
      const state = active === undefined ? current.state : stateForActiveFlag(current, active);
      return this.users.update(companyId, userId, profile, state);
    });
  }

  async deleteUser(companyId: string, userId: string, condition: WriteCondition = {}): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.lockUser(companyId, userId, condition);
      nextState(current, LifecycleEvent.Delete);
      await this.users.markDeleted(companyId, userId);
    });
  }

  async searchUsers(companyId: string, search: UserSearch): Promise<UserAccount[]> {
    return this.users.search(companyId, search);
  }

  async countUsers(companyId: string, where?: UserSearch['where']): Promise<number> {
    return this.users.count(companyId, where);
  }

  private async lockUser(companyId: string, userId: string, { expectedVersion }: WriteCondition): Promise<UserAccount> {
    const current = await this.users.findByIdForUpdate(companyId, userId);
    if (!current) throw DomainException.notFound(`User ${userId}`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new DomainException(
        DomainErrorCode.PreconditionFailed,
        `User ${userId} has changed: version ${current.version}, not ${expectedVersion}`,
      );
    }
    return current;
  }
}
