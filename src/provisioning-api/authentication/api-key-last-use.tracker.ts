import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { ProvisioningApiKeysRepository } from '../api-keys/provisioning-api-keys.repository';

/** A key's lastUsedAt is written at most this often per instance. */
export const LAST_USE_WRITE_INTERVAL_MS = 5_000;
/** Above this many remembered keys, those whose interval has passed are forgotten. */
const SWEEP_ABOVE = 10_000;

/**
 * Keeps each API key's "last used" current without a write per request: writes again only once the interval has
 * passed, never awaited by the request; a failed write is logged and retried by the next request.
 */
@Injectable()
export class ApiKeyLastUseTracker implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyLastUseTracker.name);
  private readonly lastWritten = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly keys: ProvisioningApiKeysRepository) {}

  used(principal: ProvisioningPrincipal, now = Date.now()): void {
    const previous = this.lastWritten.get(principal.keyId);
    if (previous !== undefined && now - previous < LAST_USE_WRITE_INTERVAL_MS) return;
    if (this.lastWritten.size > SWEEP_ABOVE) this.sweep(now);
    this.lastWritten.set(principal.keyId, now);
    const write = CompanyScopes.runForCompany(principal.companyId, () =>
      this.keys.recordLastUse(principal.companyId, principal.keyId, new Date(now)),
    ).catch((error: unknown) => {
      if (this.lastWritten.get(principal.keyId) === now) this.lastWritten.delete(principal.keyId);
      this.logger.error({ err: error, keyId: principal.keyId }, 'Could not record when the API key was last used');
    });
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  private sweep(now: number): void {
    for (const [keyId, written] of this.lastWritten) {
      if (now - written >= LAST_USE_WRITE_INTERVAL_MS) this.lastWritten.delete(keyId);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /** Writes started by requests served while the HTTP server closed. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
