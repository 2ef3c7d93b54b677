import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { AdminPrincipal, isSuperAdmin } from '../common/auth/admin-principal';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { Page, pageOf } from '../common/pagination/page';
import { AdminsService } from '../companies/admins.service';
import { CompanyPoliciesService } from '../companies/company-policies.service';
import { TransactionHost } from '../database/transaction-host';
import { ChangeSources } from '../common/auth/change-source';
import { ChangeEventsOutbox } from '../events/outbox/change-events.outbox';
import { MasterPasswordReset, MasterPasswordResetStatus } from './entities/master-password-reset.entity';
import { UserState } from './entities/user-account.entity';
import { MasterPasswordResetsRepository, MasterPasswordResetView } from './master-password-resets.repository';
import { UserAccountsRepository } from './user-accounts.repository';
import { userSubject } from './user-change-events';

/** How long the vault service may act on a reset request. */
export const MASTER_PASSWORD_RESET_VALIDITY_SECONDS = 24 * 60 * 60;

const POLICY_NAME = '"Permit super admins to reset master passwords"';

/**
 * Master-password resets: a super admin holding the company policy asks, the vault service carries
 * the reset out with the user and reports completion. This service never sees a password.
 */
@Injectable()
export class MasterPasswordResetsService {
  constructor(
    private readonly resets: MasterPasswordResetsRepository,
    private readonly users: UserAccountsRepository,
    private readonly policies: CompanyPoliciesService,
    private readonly admins: AdminsService,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly outbox: ChangeEventsOutbox,
  ) {}

  /** Retention: deletes up to `limit` resets, of every company, completed or expired more than `days` days ago. */
  async purgeFinished(days: number, limit: number): Promise<number> {
    return this.resets.deleteFinishedBefore(days, limit);
  }

  /** A pending request for the vault service; asking again while one is pending returns that one. */
  async requestReset(actor: AdminPrincipal, userId: string): Promise<MasterPasswordReset> {
    await this.requirePolicyHolder(actor);
    return this.transactions.run(async () => {
      const user = await this.users.findAnyById(actor.companyId, userId, true);
      if (!user) throw DomainException.notFound(`User ${userId}`);
      if (user.state !== UserState.Active) {
        throw new DomainException(DomainErrorCode.InvalidStateTransition, refusalForState(user.state));
      }
      if (await this.admins.isSuperAdminEmail(actor.companyId, user.userName)) {
        throw new DomainException(
          DomainErrorCode.Forbidden,
          `${user.userName} is a super admin: a super admin's master password cannot be reset by another admin`,
        );
      }
      const open = await this.resets.findOpenForUser(actor.companyId, userId);
      if (open) return open;
      const reset = await this.resets.create(actor.companyId, userId, actor.adminId, MASTER_PASSWORD_RESET_VALIDITY_SECONDS);
      await this.outbox.append(actor.companyId, ChangeSources.admin(actor.adminId, actor.email), [
        {
          type: 'user.master_password_reset_requested',
          subject: userSubject(user),
          data: { resetId: reset.id, expiresAt: reset.expiresAt.toISOString() },
        },
      ]);
      await this.auditLog.append(actor.companyId, {
        actorType: 'admin',
        actorId: actor.adminId,
        actorEmail: actor.email,
        action: 'user.master_password_reset.requested',
        targetType: 'user',
        targetId: userId,
        details: { userName: user.userName, resetId: reset.id, expiresAt: reset.expiresAt.toISOString() },
      });
      return reset;
    });
  }

  async listPending(companyId: string, page: { cursor?: string; limit: number }): Promise<Page<MasterPasswordResetView>> {
    const rows = await this.resets.listOpen(companyId, page.cursor, page.limit + 1);
    return pageOf(rows, page.limit, (last) => last.reset.id);
  }

  /** The vault service reports the user set a new master password. */
  async complete(companyId: string, resetId: string, serviceName: string): Promise<MasterPasswordReset> {
    return this.transactions.run(async () => {
      const reset = await this.resets.findForUpdate(companyId, resetId);
      if (!reset) throw DomainException.notFound(`Master password reset ${resetId}`);
      if (reset.status === MasterPasswordResetStatus.Completed) {
        throw new DomainException(DomainErrorCode.InvalidStateTransition, `Master password reset ${resetId} is already completed`);
      }
      if (reset.expiresAt.getTime() <= Date.now()) {
        throw new DomainException(DomainErrorCode.InvalidStateTransition, `Master password reset ${resetId} has expired`);
      }
      const completed = await this.resets.markCompleted(companyId, resetId);
      const user = await this.users.findAnyById(companyId, reset.userId);
      await this.outbox.append(companyId, ChangeSources.internal(serviceName), [
        { type: 'user.master_password_reset_completed', subject: userSubject(user!), data: { resetId } },
      ]);
      await this.auditLog.append(companyId, {
        actorType: 'service',
        actorId: serviceName,
        action: 'user.master_password_reset.completed',
        targetType: 'user',
        targetId: reset.userId,
        details: { resetId },
      });
      return completed;
    });
  }

  private async requirePolicyHolder(actor: AdminPrincipal): Promise<void> {
    if (!isSuperAdmin(actor)) {
      throw new DomainException(DomainErrorCode.Forbidden, 'Only a super admin can reset master passwords');
    }
    const policy = await this.policies.getMasterPasswordReset(actor);
    if (!policy.enabled) {
      throw new DomainException(DomainErrorCode.Forbidden, `The policy ${POLICY_NAME} is off for this company`);
    }
    if (!policy.superAdminIds.includes(actor.adminId)) {
      throw new DomainException(DomainErrorCode.Forbidden, `You do not hold the policy ${POLICY_NAME}`);
    }
  }
}

function refusalForState(state: UserState): string {
  switch (state) {
    case UserState.Provisioned:
      return 'The user is provisioned and has not set a master password yet: there is nothing to reset';
    case UserState.Disabled:
      return 'The user is disabled: enable the user before resetting the master password';
    case UserState.Deleted:
      return 'The user is deleted: a deleted user has no master password to reset';
    case UserState.Active:
      return 'The user is active';
  }
}
