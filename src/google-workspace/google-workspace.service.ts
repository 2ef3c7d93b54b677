import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { TransactionHost } from '../database/transaction-host';
import { DirectoryIntegrationsService } from '../directory-integrations/directory-integrations.service';
import { DirectorySnapshotsService } from '../directory-sync/directory-snapshots.service';
import { DirectorySyncSettingsService, SourceSettings } from '../directory-sync/directory-sync-settings.service';
import { DeprovisionAction } from '../directory-sync/entities/directory-sync-settings.entity';
import { DirectorySnapshot, SnapshotState } from '../directory-sync/entities/directory-snapshot.entity';
import { GoogleWorkspaceConnection } from './entities/google-workspace-connection.entity';
import { GoogleWorkspaceRun } from './entities/google-workspace-run.entity';
import { ConnectionTestResult, GoogleConnectionTester } from './google-connection.tester';
import { ConnectionChange, GoogleWorkspaceConnectionsRepository } from './google-workspace-connections.repository';
import { GoogleWorkspaceRunsRepository } from './google-workspace-runs.repository';
import { assertComplete, missingSetup } from './google-workspace-setup';
import { GoogleWorkspaceSyncRunner, RUN_LEASE_SECONDS } from './google-workspace-sync.runner';
import { ServiceAccountKeyCipher } from './service-account-key.cipher';
import { parseServiceAccountKey } from './service-account-key';

const RECENT_RUNS = 10;
const HELD_SNAPSHOTS = 20;

export interface GoogleWorkspaceChange extends ConnectionChange {
  deprovisionAction?: DeprovisionAction;
  maxDeletePercent?: number;
}

/** What the tab shows: the setup (never the key itself), the source settings, the runs and what waits for an admin. */
export interface GoogleWorkspaceOverview {
  integrationId: string;
  connection: GoogleWorkspaceConnection | null;
  missing: string[];
  settings: SourceSettings;
  running: boolean;
  runs: GoogleWorkspaceRun[];
  heldSnapshots: DirectorySnapshot[];
}

/** The Google Workspace tab's admin operations: setup, Test connection, Sync now, and its status. */
@Injectable()
export class GoogleWorkspaceService {
  constructor(
    private readonly connections: GoogleWorkspaceConnectionsRepository,
    private readonly runs: GoogleWorkspaceRunsRepository,
    private readonly integrations: DirectoryIntegrationsService,
    private readonly syncSettings: DirectorySyncSettingsService,
    private readonly snapshots: DirectorySnapshotsService,
    private readonly cipher: ServiceAccountKeyCipher,
    private readonly tester: GoogleConnectionTester,
    private readonly runner: GoogleWorkspaceSyncRunner,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
  ) {}

  async overview(actor: AdminPrincipal): Promise<GoogleWorkspaceOverview> {
    const integrationId = await this.integrationId(actor);
    const connection = await this.connections.find(actor.companyId, integrationId);
    return {
      integrationId,
      connection,
      missing: missingSetup(connection),
      settings: await this.syncSettings.get(actor.companyId, integrationId),
      running: connection?.leaseUntil ? connection.leaseUntil.getTime() > Date.now() : false,
      runs: await this.runs.recent(actor.companyId, integrationId, RECENT_RUNS),
      heldSnapshots: await this.snapshots.list(actor.companyId, { integrationId, state: SnapshotState.Held, limit: HELD_SNAPSHOTS }),
    };
  }

  /** Validates, encrypts and stores the JSON key, replacing any earlier one; audit-logged without the key. */
  async uploadKey(actor: AdminPrincipal, keyFile: string): Promise<GoogleWorkspaceOverview> {
    const key = parseServiceAccountKey(keyFile);
    const encryptedKey = this.cipher.encrypt(keyFile);
    await this.transactions.run(async () => {
      const integrationId = await this.integrationId(actor);
      const before = await this.connections.find(actor.companyId, integrationId);
      await this.connections.saveKey(
        actor.companyId,
        integrationId,
        { serviceAccountEmail: key.clientEmail, keyId: key.privateKeyId, encryptedKey },
        actor.adminId,
      );
      await this.audit(actor, integrationId, 'google_workspace.key_uploaded', {
        serviceAccountEmail: key.clientEmail,
        keyId: key.privateKeyId,
        replacedKeyId: before?.keyId ?? null,
      });
    });
    return this.overview(actor);
  }

  /** The setup and the source settings; audit-logged with the values before and after. */
  async update(actor: AdminPrincipal, change: GoogleWorkspaceChange): Promise<GoogleWorkspaceOverview> {
    const { deprovisionAction, maxDeletePercent, ...connectionChange } = change;
    assertScope(connectionChange);
    await this.transactions.run(async () => {
      const integrationId = await this.integrationId(actor);
      const before = await this.connections.find(actor.companyId, integrationId);
      const after = await this.connections.update(actor.companyId, integrationId, connectionChange, actor.adminId);
      if (deprovisionAction !== undefined || maxDeletePercent !== undefined) {
        await this.syncSettings.update(actor, integrationId, { deprovisionAction, maxDeletePercent });
      }
      await this.audit(actor, integrationId, 'google_workspace.settings_changed', {
        before: before ? auditedSetup(before) : null,
        after: auditedSetup(after),
      });
    });
    return this.overview(actor);
  }

  async testConnection(actor: AdminPrincipal): Promise<ConnectionTestResult> {
    const integrationId = await this.integrationId(actor);
    const connection = await this.connections.find(actor.companyId, integrationId);
    assertComplete(connection);
    const result = await this.tester.test(connection);
    await this.audit(actor, integrationId, 'google_workspace.connection_tested', { ok: result.ok, failed: result.failed });
    return result;
  }

  /** Runs a sync now on this instance and answers when it ends; refused while a run is under way on any instance. */
  async syncNow(actor: AdminPrincipal): Promise<GoogleWorkspaceRun> {
    const integrationId = await this.integrationId(actor);
    assertComplete(await this.connections.find(actor.companyId, integrationId));
    const claimed = await this.connections.claim(actor.companyId, integrationId, this.runner.owner, RUN_LEASE_SECONDS);
    if (!claimed) {
      throw new DomainException(DomainErrorCode.InvalidStateTransition, 'A sync of this tab is under way: wait for it to end');
    }
    await this.audit(actor, integrationId, 'google_workspace.sync_requested', {});
    return this.runner.run(claimed, 'manual');
  }

  private async integrationId(actor: AdminPrincipal): Promise<string> {
    return this.transactions.run(
      async () => (await this.integrations.ensureIntegration(actor.companyId, DirectoryProvider.GoogleWorkspace)).id,
    );
  }

  private async audit(actor: AdminPrincipal, integrationId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.auditLog.append(actor.companyId, {
      actorType: 'admin',
      actorId: actor.adminId,
      actorEmail: actor.email,
      action,
      targetType: 'directory_integration',
      targetId: integrationId,
      details,
    });
  }
}

/** A scope of groups or org units names at least one; org unit paths start with a slash; `all` names none. */
function assertScope(change: ConnectionChange): void {
  if (change.scopeKind === undefined) return;
  const values = change.scopeKind === 'all' ? [] : (change.scopeValues ?? []).map((value) => value.trim());
  if (change.scopeKind !== 'all' && values.length === 0) {
    throw new DomainException(DomainErrorCode.InvalidInput, `A scope of ${change.scopeKind} names at least one in scope.values`);
  }
  const notPaths = change.scopeKind === 'org_units' ? values.filter((value) => !value.startsWith('/')) : [];
  if (notPaths.length > 0) {
    throw new DomainException(DomainErrorCode.InvalidInput, `Org unit paths start with "/": ${notPaths.join(', ')}`);
  }
  change.scopeValues = [...new Set(values)];
}

function auditedSetup(connection: GoogleWorkspaceConnection): Record<string, unknown> {
  return {
    adminEmail: connection.adminEmail,
    customerId: connection.customerId,
    domain: connection.domain,
    scope: { kind: connection.scopeKind, values: connection.scopeValues },
    scheduleMinutes: connection.scheduleMinutes,
  };
}
