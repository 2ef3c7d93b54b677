import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { LastSyncRepository } from './last-sync.repository';
import { ScimPrincipal } from '../../common/auth/scim-principal';

/** An integration's lastSyncAt is written at most this often per instance. */
export const LAST_SYNC_WRITE_INTERVAL_MS = 5_000;
/** Above this many remembered integrations, entries older than the interval are forgotten (they no longer matter). */
const SWEEP_ABOVE = 10_000;

/**
 * Keeps "Last sync" current without a database write per SCIM request: remembers when it
 * last wrote each integration's time and writes again only once the interval has passed.
 * The write is never awaited by the request; a failed one is logged and retried by the next request.
 */
@Injectable()
export class LastSyncTracker implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LastSyncTracker.name);
  private readonly lastWritten = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private lastSweep = 0;

  constructor(private readonly lastSync: LastSyncRepository) {}

  seen(principal: ScimPrincipal, now = Date.now()): void {
    const previous = this.lastWritten.get(principal.integrationId);
    if (previous !== undefined && now - previous < LAST_SYNC_WRITE_INTERVAL_MS) return;
    this.lastWritten.set(principal.integrationId, now);
    if (this.lastWritten.size > SWEEP_ABOVE && now - this.lastSweep >= LAST_SYNC_WRITE_INTERVAL_MS) this.sweep(now);
    // In the company's scope, which the request's own queries are about to use.
    const write = CompanyScopes.runForCompany(principal.companyId, () =>
      this.lastSync.recordLastSync(principal.companyId, principal.integrationId, new Date(now)),
    ).catch((error: unknown) => {
      if (this.lastWritten.get(principal.integrationId) === now) this.lastWritten.delete(principal.integrationId);
      this.logger.error({ err: error, integrationId: principal.integrationId }, 'Could not record the last sync time');
    });
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  /** How many integrations are remembered; for tests. */
  get trackedIntegrations(): number {
    return this.lastWritten.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [integrationId, written] of this.lastWritten) {
      if (now - written >= LAST_SYNC_WRITE_INTERVAL_MS) this.lastWritten.delete(integrationId);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Writes started by requests served while the HTTP server closed; the DataSource is still open here. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
