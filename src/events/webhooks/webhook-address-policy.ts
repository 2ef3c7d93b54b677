import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Why an endpoint may not be reached; the message says what to change. */
export class RefusedWebhookAddress extends Error {
  override readonly name = 'RefusedWebhookAddress';
}

/**
 * Which addresses a webhook may reach: public unicast ones only, so that an endpoint cannot make this service call
 * into its own network (loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved, and
 * IPv4 addresses mapped or translated into IPv6), unless WEBHOOK_ALLOWED_HOSTS lists the host, the address or a
 * range holding it.
 */
export class WebhookAddressPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges: [Address, number][] = [];

  constructor(allowed: readonly string[]) {
    for (const entry of allowed) {
      if (ipaddr.isValidCIDR(entry)) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.process(entry);
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else this.hosts.add(entry.toLowerCase());
    }
  }

  /** Whether the host name (as in a URL, without brackets) is listed as it is. */
  allowsHost(host: string): boolean {
    return this.hosts.has(host.toLowerCase());
  }

  /** Throws RefusedWebhookAddress unless the address is public or allowed. */
  assertAddress(host: string, address: string): void {
    const parsed = ipaddr.process(address);
    const range = parsed.range();
    if (range === 'unicast' || this.ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits))) return;
    const shown = host === address ? address : `${host} (${address})`;
    throw new RefusedWebhookAddress(
      `${shown} is a ${range} address, which webhooks may not reach; list the host in WEBHOOK_ALLOWED_HOSTS to allow it`,
    );
  }

  /** Checks every address the host resolves to now (create and update); delivery checks the one it connects to. */
  async assertHost(host: string): Promise<void> {
    if (this.allowsHost(host)) return;
    if (isIP(host)) return this.assertAddress(host, host);
    let addresses: { address: string }[];
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch {
      throw new RefusedWebhookAddress(`${host} does not resolve to an address`);
    }
    for (const { address } of addresses) this.assertAddress(host, address);
  }
}

/** The host of a URL as DNS and the allow-list know it: IPv6 literals lose their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
