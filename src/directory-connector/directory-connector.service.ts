import { Injectable } from '@nestjs/common';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { TransactionHost } from '../database/transaction-host';
import { DirectoryIntegrationsService } from '../directory-integrations/directory-integrations.service';
import { DirectorySnapshotsService } from '../directory-sync/directory-snapshots.service';
import { DirectorySyncSettingsService, SourceSettings } from '../directory-sync/directory-sync-settings.service';
import { SettingsChange } from '../directory-sync/directory-sync-settings.repository';
import { DirectorySnapshot, SnapshotState } from '../directory-sync/entities/directory-snapshot.entity';
import { SnapshotSource } from '../directory-sync/snapshot-items';
import { ConnectorAgentsRepository } from './connector-agents.repository';
import { ConnectorPrincipal } from './connector-principal';
import { ConnectorRunsRepository, NewConnectorRun } from './connector-runs.repository';
import { ConnectorAgent } from './entities/connector-agent.entity';
import { ConnectorRun } from './entities/connector-run.entity';

/** Runs kept per tab: enough history for the tab's view, bounded however often the agent runs. */
const RUNS_KEPT = 200;
const RECENT_ERRORS = 10;
const HELD_SHOWN = 20;

export interface ConnectorStatus {
  integrationId: string | null;
  agent: ConnectorAgent | null;
  lastRun: ConnectorRun | null;
  recentErrors: ConnectorRun[];
  held: DirectorySnapshot[];
  settings: SourceSettings | null;
}

/** The directory connector's side of the service: who the agent is, what its runs reported, and the tab's view of it. */
@Injectable()
export class DirectoryConnectorService {
  constructor(
    private readonly agents: ConnectorAgentsRepository,
    private readonly runs: ConnectorRunsRepository,
    private readonly integrations: DirectoryIntegrationsService,
    private readonly snapshots: DirectorySnapshotsService,
    private readonly settings: DirectorySyncSettingsService,
    private readonly transactions: TransactionHost,
  ) {}

  /** Every authenticated request is a contact; the agent sends a handful per run, so each is written. */
  async recordContact(principal: ConnectorPrincipal): Promise<void> {
    await CompanyScopes.runForCompany(principal.companyId, () =>
      this.agents.recordContact(principal.companyId, principal.integrationId, principal.version),
    );
  }

  async reportRun(principal: ConnectorPrincipal, run: Omit<NewConnectorRun, 'version'>): Promise<ConnectorRun> {
    if (run.finishedAt < run.startedAt) throw new DomainException(DomainErrorCode.InvalidInput, 'finishedAt is before startedAt');
    return this.transactions.run(async () => {
      const recorded = await this.runs.insert(principal.companyId, principal.integrationId, { ...run, version: principal.version });
      await this.runs.keepRecent(principal.companyId, principal.integrationId, RUNS_KEPT);
      return recorded;
    });
  }

  async applySettings(principal: ConnectorPrincipal, change: SettingsChange): Promise<SourceSettings> {
    return this.settings.updateBySource(principal.companyId, principal.integrationId, change);
  }

  async status(actor: AdminPrincipal): Promise<ConnectorStatus> {
    const tab = await this.integrations.getTab(actor, DirectoryProvider.ActiveDirectory);
    const integrationId = tab.summary?.integration.id ?? null;
    if (!integrationId) return { integrationId, agent: null, lastRun: null, recentErrors: [], held: [], settings: null };
    const companyId = actor.companyId;
    const [lastRun] = await this.runs.recent(companyId, integrationId, 1);
    return {
      integrationId,
      agent: await this.agents.find(companyId, integrationId),
      lastRun: lastRun ?? null,
      recentErrors: await this.runs.recent(companyId, integrationId, RECENT_ERRORS, true),
      held: await this.snapshots.list(companyId, { integrationId, state: SnapshotState.Held, limit: HELD_SHOWN }),
      settings: await this.settings.get(companyId, integrationId),
    };
  }
}

/** The snapshot source the agent speaks for. */
export function connectorSource(principal: ConnectorPrincipal): SnapshotSource {
  return { companyId: principal.companyId, integrationId: principal.integrationId, provider: DirectoryProvider.ActiveDirectory };
}
