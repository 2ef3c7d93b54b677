import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Agent, request } from 'undici';
import { AppConfiguration } from '../../config/configuration';
import { hostOf, RefusedWebhookAddress, WebhookAddressPolicy } from './webhook-address-policy';

/** What came of one POST to an endpoint. */
export interface PostOutcome {
  succeeded: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

/** Bytes of an answer read before the connection is let go: only its status matters. */
const ANSWER_LIMIT_BYTES = 64 * 1024;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Posts webhook bodies. The address is checked on the connection itself (the resolver the socket uses refuses
 * addresses the policy forbids), so a name that resolved to a public address at creation cannot be pointed at an
 * internal one later (DNS rebinding). Redirects are not followed: a 3xx is a failure.
 */
@Injectable()
export class WebhookTransport implements OnApplicationShutdown {
  readonly policy: WebhookAddressPolicy;
  private readonly timeoutMs: number;
  private readonly agent: Agent;

  constructor(config: ConfigService<AppConfiguration, true>) {
    const webhooks = config.get('webhooks', { infer: true });
    this.policy = new WebhookAddressPolicy(webhooks.allowedHosts);
    this.timeoutMs = webhooks.timeoutMs;
    this.agent = new Agent({ connect: { lookup: (hostname, options, callback) => this.lookup(hostname, options, callback) } });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.destroy();
  }

  async post(url: string, headers: Record<string, string>, body: string, stop?: AbortSignal): Promise<PostOutcome> {
    const startedAt = performance.now();
    const elapsed = () => Math.round(performance.now() - startedAt);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const target = new URL(url);
      const host = hostOf(target);
      // A literal address never reaches the resolver: check it here.
      if (isIP(host) && !this.policy.allowsHost(host)) this.policy.assertAddress(host, host);
      const answer = await request(target, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', 'user-agent': 'directory-provisioning-webhooks/1', ...headers },
        body,
        signal: stop ? AbortSignal.any([timeout, stop]) : timeout,
      });
      await answer.body.dump({ limit: ANSWER_LIMIT_BYTES }).catch(() => undefined);
      const status = answer.statusCode;
      if (status >= 200 && status < 300) return { succeeded: true, responseStatus: status, durationMs: elapsed(), error: null };
      const location = answer.headers.location;
      const error =
        status >= 300 && status < 400
          ? `Redirect (${status}${location ? ` to ${String(location)}` : ''}) not followed: point the endpoint at the final URL`
          : `The endpoint answered ${status}`;
      return { succeeded: false, responseStatus: status, durationMs: elapsed(), error };
    } catch (error) {
      const reason = timeout.aborted ? `No answer within ${this.timeoutMs} ms` : stop?.aborted ? 'The service stopped' : describe(error);
      return { succeeded: false, responseStatus: null, durationMs: elapsed(), error: reason };
    }
  }

  private lookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      try {
        if (!this.policy.allowsHost(hostname)) for (const { address } of addresses) this.policy.assertAddress(hostname, address);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }
}

function describe(error: unknown): string {
  const refusal = findRefusal(error);
  if (refusal) return refusal.message;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException).code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function findRefusal(error: unknown): RefusedWebhookAddress | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof RefusedWebhookAddress) return current;
  }
  return null;
}
