import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuditLogService } from '../../audit/audit-log.service';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { DomainErrorCode, DomainException } from '../../common/errors/domain.exception';
import { TransactionHost } from '../../database/transaction-host';
import { DirectoryIntegrationsRepository } from '../directory-integrations.repository';
import { DirectoryIntegration } from '../entities/directory-integration.entity';
import { ManagedResourceTransfer, TransferredCounts } from './managed-resource.transfer';

export interface OwnershipTransfer extends TransferredCounts {
  fromProvider: DirectoryProvider;
  toProvider: DirectoryProvider;
}

/** Who manages the company's users and groups, tab by tab (docs/ownership.md). Any admin; audit-logged. */
@Injectable()
export class DirectoryOwnershipService {
  constructor(
    private readonly integrations: DirectoryIntegrationsRepository,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Moves every user and group one tab manages to another in one transaction (a move from Okta to Entra ID):
   * from then on only the new tab's provider changes them, and it finds them by its lookups.
   */
  async transfer(actor: AdminPrincipal, fromProvider: DirectoryProvider, toProvider: DirectoryProvider): Promise<OwnershipTransfer> {
    if (fromProvider === toProvider) {
      throw new DomainException(DomainErrorCode.InvalidInput, `toProvider must be another tab than ${fromProvider}`);
    }
    return this.transactions.run(async () => {
      // Locked in one order whatever the direction, so that two opposite transfers cannot deadlock.
      const locked = new Map<DirectoryProvider, DirectoryIntegration>();
      for (const provider of [fromProvider, toProvider].sort())
        locked.set(provider, await this.integrations.ensureLocked(actor.companyId, provider));
      const from = locked.get(fromProvider)!;
      const to = locked.get(toProvider)!;
      const counts = await this.moduleRef
        .get(ManagedResourceTransfer, { strict: false })
        .transfer(actor.companyId, { id: from.id, provider: fromProvider }, { id: to.id, provider: toProvider });
      await this.audit(actor, 'directory_integration.ownership_transferred', from, {
        toProvider,
        toIntegrationId: to.id,
        ...counts,
      });
      return { fromProvider, toProvider, ...counts };
    });
  }

  /** Turns adoption of unmanaged users on or off for the tab; a change is audit-logged, a repeat is not. */
  async setAdoptUnmanagedUsers(actor: AdminPrincipal, provider: DirectoryProvider, adopt: boolean): Promise<void> {
    await this.transactions.run(async () => {
      const integration = await this.integrations.ensureLocked(actor.companyId, provider);
      if (integration.adoptUnmanagedUsers === adopt) return;
      await this.integrations.setAdoptUnmanagedUsers(actor.companyId, integration.id, adopt);
      await this.audit(actor, 'directory_integration.adoption_changed', integration, { adoptUnmanagedUsers: adopt });
    });
  }

  /** Whether a create (or change) from this integration takes over an unmanaged user. */
  async adoptsUnmanagedUsers(companyId: string, integrationId: string): Promise<boolean> {
    return this.integrations.adoptsUnmanagedUsers(companyId, integrationId);
  }

  private async audit(
    actor: AdminPrincipal,
    action: string,
    integration: DirectoryIntegration,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.auditLog.append(actor.companyId, {
      actorType: 'admin',
      actorId: actor.adminId,
      actorEmail: actor.email,
      action,
      targetType: 'directory_integration',
      targetId: integration.id,
      details: { provider: integration.provider, ...details },
    });
  }
}
