import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from 'pg';
import { AppConfiguration } from '../../config/configuration';
import { TOKEN_CHANGES_CHANNEL } from './provisioning-tokens.repository';
import { ProvisioningTokenCache } from './provisioning-token.cache';

const RECONNECT_DELAY_MS = 1_000;

/**
 * Empties the token cache when another instance changes a token, by LISTENing on a connection of
 * its own. While that connection is down the cache is bypassed (notices may be missed), and emptied
 * again once it is back. A single-connection database (the embedded one, DATABASE_POOL_SIZE=1) has
 * no room for it; there the cache relies on this instance's own invalidations and its TTL.
 */
@Injectable()
export class ProvisioningTokenChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProvisioningTokenChangeListener.name);
  private readonly url: string | undefined;
  private current: Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly cache: ProvisioningTokenCache,
    config: ConfigService<AppConfiguration, true>,
  ) {
    const database = config.get('database', { infer: true });
    this.url = database.url && database.poolSize > 1 ? database.url : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.url) return;
    this.cache.suspend();
    await this.listen(this.url);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.current;
    this.current = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    this.current = client;
    client.on('notification', () => this.cache.invalidate());
    client.on('error', (error) => this.lost(client, url, error));
    client.on('end', () => this.lost(client, url));
    try {
      await client.connect();
      await client.query(`LISTEN ${TOKEN_CHANGES_CHANNEL}`);
      if (this.current === client) this.cache.resume();
    } catch (error) {
      this.lost(client, url, error);
      await client.end().catch(() => undefined);
    }
  }

  private lost(client: Client, url: string, error?: unknown): void {
    if (client !== this.current || this.stopped) return;
    this.current = null;
    this.cache.suspend();
    this.logger.warn({ err: error }, 'Token change notices interrupted: the token cache is bypassed until they resume');
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen(url);
    }, RECONNECT_DELAY_MS);
    this.reconnect.unref();
  }
}
