import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_DELAY_MS = 1_000;

/** What a module hears on a channel of PostgreSQL's LISTEN/NOTIFY. */
export interface NoticeSubscriber {
  notice(payload: string): void;
  /** False while the listening connection is down: notices sent meanwhile are lost, so act as if anything changed. */
  listening(listening: boolean): void;
}

/**
 * Notices other instances send with `pg_notify`, heard on one connection of this instance's own, for every channel.
 * While the connection is down its subscribers are told so, and told again once it is back. A single-connection
 * database (the embedded one) has no room for it: there `url` is undefined, subscribers hear nothing and are never
 * told they listen, and rely on this instance's own signals.
 */
@Injectable()
export class DatabaseNotices implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseNotices.name);
  private readonly channels = new Map<string, Set<NoticeSubscriber>>();
  private current: Client | null = null;
  private connected = false;
  private reconnect: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly url: string | undefined) {}

  /** `channel` is a lower-case identifier of the code's own, never input. */
  subscribe(channel: string, subscriber: NoticeSubscriber): () => void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    const subscribers = this.channels.get(channel) ?? new Set<NoticeSubscriber>();
    const isNew = subscribers.size === 0;
    subscribers.add(subscriber);
    this.channels.set(channel, subscribers);
    if (this.url && this.connected && !isNew) subscriber.listening(true);
    else if (this.url) {
      subscriber.listening(false);
      if (this.connected) void this.listenLate(this.current!, channel);
    }
    return () => subscribers.delete(subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.url) await this.connect(this.url);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.current;
    this.current = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    this.current = client;
    client.on('notification', ({ channel, payload }) => this.channels.get(channel)?.forEach((each) => each.notice(payload ?? '')));
    client.on('error', (error) => this.lost(client, url, error));
    client.on('end', () => this.lost(client, url));
    try {
      await client.connect();
      // One statement for every channel: pg_stat_activity shows the listening connection by its LISTENs.
      if (this.channels.size > 0) await client.query([...this.channels.keys()].map((channel) => `LISTEN ${channel}`).join('; '));
      if (this.current !== client) return;
      this.connected = true;
      this.tell(true);
    } catch (error) {
      this.lost(client, url, error);
      await client.end().catch(() => undefined);
    }
  }

  /** A channel first subscribed to after the connection was made. */
  private async listenLate(client: Client, channel: string): Promise<void> {
    try {
      await client.query(`LISTEN ${channel}`);
      if (this.current === client) this.channels.get(channel)?.forEach((each) => each.listening(true));
    } catch (error) {
      this.lost(client, this.url!, error);
    }
  }

  private lost(client: Client, url: string, error?: unknown): void {
    if (client !== this.current || this.stopped) return;
    this.current = null;
    this.connected = false;
    this.tell(false);
    this.logger.warn({ err: error }, 'Database notices interrupted: their subscribers fall back until they resume');
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect(url);
    }, RECONNECT_DELAY_MS);
    this.reconnect.unref();
  }

  private tell(listening: boolean): void {
    for (const subscribers of this.channels.values()) subscribers.forEach((each) => each.listening(listening));
  }
}
