import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { AppConfiguration } from '../config/configuration';
import { BackgroundDrain } from '../events/background-drain';
import { GoogleWorkspaceConnectionsRepository } from './google-workspace-connections.repository';
import { GoogleWorkspaceSyncRunner, RUN_LEASE_SECONDS } from './google-workspace-sync.runner';

/** Runs taken per look; the others wait for the next one (or another instance). */
const RUNS_PER_PASS = 3;

/**
 * Scheduled runs. The schedule lives in the database (each tab's next run time), so it survives restarts; every
 * instance looks for due runs every GOOGLE_WORKSPACE_POLL_SECONDS and leases what it takes (SKIP LOCKED), so a run
 * happens on one instance only, and a run whose instance died is taken again once its lease has run out.
 */
@Injectable()
export class GoogleWorkspaceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GoogleWorkspaceScheduler.name);
  private readonly pollIntervalMs: number;
  private readonly drain: BackgroundDrain;

  constructor(
    config: ConfigService<AppConfiguration, true>,
    private readonly connections: GoogleWorkspaceConnectionsRepository,
    private readonly runner: GoogleWorkspaceSyncRunner,
  ) {
    this.pollIntervalMs = config.get('googleWorkspace', { infer: true }).pollIntervalMs;
    this.drain = new BackgroundDrain(
      this.logger,
      'Looking for due Google Workspace runs failed; the next poll retries',
      this.pollIntervalMs,
      () => this.pass(),
    );
  }

  onApplicationBootstrap(): void {
    if (this.pollIntervalMs > 0) this.drain.start(() => () => undefined);
  }

  /** A run under way is stopped; it keeps where it was, and the next run continues from there. */
  async onApplicationShutdown(): Promise<void> {
    await this.drain.stop();
  }

  private async pass(): Promise<void> {
    const due = await CompanyScopes.runAsSystem(() => this.connections.claimDue(this.runner.owner, RUN_LEASE_SECONDS, RUNS_PER_PASS));
    for (const connection of due) await this.runner.run(connection, 'schedule', this.drain.signal);
  }
}
