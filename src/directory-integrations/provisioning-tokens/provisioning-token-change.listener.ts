import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DatabaseNotices } from '../../database/database-notices';
import { TOKEN_CHANGES_CHANNEL } from './provisioning-tokens.repository';
import { ProvisioningTokenCache } from './provisioning-token.cache';

/**
 * Empties the token cache when another instance changes a token. While the notices are interrupted the cache is
 * bypassed, and emptied again once they are back. On the embedded database there are none; there the cache relies
 * on this instance's own invalidations and its TTL.
 */
@Injectable()
export class ProvisioningTokenChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProvisioningTokenChangeListener.name);
  private unsubscribe: (() => void) | null = null;
  private heard = false;

  constructor(
    private readonly cache: ProvisioningTokenCache,
    private readonly notices: DatabaseNotices,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.notices.subscribe(TOKEN_CHANGES_CHANNEL, {
      notice: () => this.cache.invalidate(),
      listening: (listening) => this.listening(listening),
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private listening(listening: boolean): void {
    if (listening) this.cache.resume();
    else this.cache.suspend();
    if (this.heard && !listening) this.logger.warn('Token change notices interrupted: the token cache is bypassed until they resume');
    this.heard = listening;
  }
}
