import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpClient } from './http-client';
import { LatencySummary, summarize } from './load-runner';

interface FeedEvent {
  type: string;
  subject: { id: string };
}

export interface EventLatencyReport {
  /** Deactivations sent while the probe listened. */
  sent: number;
  feed: LatencySummary & { received: number };
  webhook: LatencySummary & { received: number };
}

/** How long the feed reader waits per long-poll; the service caps it at 30 s. */
const LONG_POLL_SECONDS = 25;

/**
 * Measures how long a SCIM deactivation takes to reach the rest of the product: from the moment the provider's
 * PATCH is sent to the moment its `user.disabled` event reaches a long-polling reader of the internal feed and a
 * webhook receiver on loopback, both running beside the load.
 */
export class EventLatencyProbe {
  private readonly sentAt = new Map<string, number>();
  private readonly feedAt = new Map<string, number>();
  private readonly webhookAt = new Map<string, number>();
  private readonly feed: HttpClient;
  private receiver: Server | null = null;
  private cursor = '0';
  private reading: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly baseUrl: string,
    private readonly internalToken: string,
  ) {
    this.feed = new HttpClient(baseUrl, 1, (LONG_POLL_SECONDS + 10) * 1000);
  }

  /** Starts the receiver and registers it as a webhook of the company; the feed reader starts after the newest event. */
  async start(admin: HttpClient, adminKey: string): Promise<void> {
    this.receiver = createServer((request, response) => this.received(request, response));
    await new Promise<void>((resolve) => this.receiver!.listen(0, '127.0.0.1', resolve));
    const { port } = this.receiver.address() as AddressInfo;
    const created = await admin.send('POST', '/api/admin/webhooks', adminKey, {
      url: `http://127.0.0.1:${port}/events`,
      eventTypes: ['user.disabled'],
      description: 'benchmark latency probe',
    });
    if (created.status !== 201)
      throw new Error(`registering the benchmark's webhook answered ${created.status}: ${JSON.stringify(created.body)}`);
    this.cursor = await this.newestCursor();
    this.reading = this.readFeed();
  }

  sending(userId: string): void {
    this.sentAt.set(userId, performance.now());
  }

  /** Waits (bounded) for the events of every deactivation sent, then stops and reports. */
  async finish(timeoutMs: number): Promise<EventLatencyReport> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && (this.feedAt.size < this.sentAt.size || this.webhookAt.size < this.sentAt.size)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.stopped = true;
    this.receiver?.close();
    await Promise.race([this.reading, new Promise((resolve) => setTimeout(resolve, (LONG_POLL_SECONDS + 5) * 1000))]);
    return { sent: this.sentAt.size, feed: this.latencies(this.feedAt), webhook: this.latencies(this.webhookAt) };
  }

  private latencies(arrivals: Map<string, number>): LatencySummary & { received: number } {
    const samples: number[] = [];
    for (const [userId, at] of arrivals) {
      const sent = this.sentAt.get(userId);
      if (sent !== undefined) samples.push(at - sent);
    }
    return { ...summarize(Float64Array.from(samples)), received: samples.length };
  }

  private async newestCursor(): Promise<string> {
    let cursor = '0';
    for (;;) {
      const page = await this.readPage(cursor, 0);
      if (page.events.length === 0) return cursor;
      cursor = page.nextCursor;
    }
  }

  private async readFeed(): Promise<void> {
    while (!this.stopped) {
      const page = await this.readPage(this.cursor, LONG_POLL_SECONDS).catch(() => null);
      if (!page) continue;
      const now = performance.now();
      for (const event of page.events) {
        if (event.type === 'user.disabled' && !this.feedAt.has(event.subject.id)) this.feedAt.set(event.subject.id, now);
      }
      this.cursor = page.nextCursor;
    }
  }

  private async readPage(after: string, waitSeconds: number): Promise<{ events: FeedEvent[]; nextCursor: string }> {
    const response = await this.feed.send('GET', `/api/internal/events?after=${after}&limit=1000&wait=${waitSeconds}`, this.internalToken);
    if (response.status !== 200) throw new Error(`the event feed answered ${response.status}`);
    return response.body as { events: FeedEvent[]; nextCursor: string };
  }

  private received(request: IncomingMessage, response: import('node:http').ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FeedEvent;
        if (event.type === 'user.disabled' && !this.webhookAt.has(event.subject.id)) this.webhookAt.set(event.subject.id, at);
      } catch {
        // not an event: answered 204 all the same
      }
      response.writeHead(204).end();
    });
  }
}
