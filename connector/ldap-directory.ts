import { readFileSync } from 'node:fs';
import { Client, Entry, InvalidCredentialsError } from 'ldapts';
import { LdapSettings } from './connector-config';
import { DirectoryEntry } from './directory-entries';
import { Logger } from './logger';

/** Attributes read as bytes whatever their syntax. */
const BINARY_ATTRIBUTES = ['objectGUID'];

export interface SearchRequest {
  baseDns: string[];
  filter: string;
  attributes: string[];
}

/** A session with the first of the configured servers that connects and accepts the bind. */
export class LdapDirectory {
  private constructor(
    private readonly client: Client,
    private readonly settings: LdapSettings,
    private readonly logger: Logger,
    readonly url: string,
  ) {}

  /**
   * Tries each URL in order (failover). Wrong credentials stop at once: another server of the same directory would
   * refuse them too, and each attempt counts towards the account's lockout.
   */
  static async connect(settings: LdapSettings, logger: Logger): Promise<LdapDirectory> {
    const ca = settings.caFile ? [readFileSync(settings.caFile)] : undefined;
    const failures: string[] = [];
    for (const url of settings.urls) {
      // ldapts speaks TLS from the start whenever tlsOptions are given: only for ldaps:// addresses.
      const tlsOptions = url.startsWith('ldaps:') ? { ca } : undefined;
      const client = new Client({ url, timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs, tlsOptions });
      try {
        // The upgraded socket is checked against the URL's host (Node.js would otherwise check it against localhost).
        if (settings.startTls) await client.startTLS({ ca, host: new URL(url).hostname });
        await client.bind(settings.bindDn, settings.bindPassword);
        logger.info(`Bound to ${url} as ${settings.bindDn}`);
        return new LdapDirectory(client, settings, logger, url);
      } catch (error) {
        await client.unbind().catch(() => undefined);
        if (error instanceof InvalidCredentialsError) {
          throw new Error(`LDAP bind as ${settings.bindDn} refused by ${url}: invalid credentials`);
        }
        failures.push(`${url}: ${describe(error)}`);
        logger.warn(`Cannot use ${url}: ${describe(error)}`);
      }
    }
    throw new Error(`No LDAP server could be used: ${failures.join('; ')}`);
  }

  /**
   * Every entry under each base DN, with the simple paged results control so that directories over the server's size
   * limit are read whole. Any failure (a lost connection, a limit, a refused page) fails the whole read.
   */
  async search(request: SearchRequest): Promise<DirectoryEntry[]> {
    const entries: DirectoryEntry[] = [];
    for (const baseDn of request.baseDns) {
      const pages = this.client.searchPaginated(baseDn, {
        scope: 'sub',
        filter: request.filter,
        attributes: request.attributes,
        explicitBufferAttributes: BINARY_ATTRIBUTES,
        paged: { pageSize: this.settings.pageSize },
      });
      try {
        for await (const page of pages) {
          entries.push(...page.searchEntries.map(toDirectoryEntry));
          // A referral names part of the tree held elsewhere (another domain): followed by no one, so said aloud.
          for (const referral of page.searchReferences) this.logger.warn(`Not followed: a referral under ${baseDn} to ${referral}`);
        }
      } catch (error) {
        throw new Error(`LDAP search under ${baseDn} with ${request.filter} failed on ${this.url}: ${describe(error)}`);
      }
    }
    return entries;
  }

  async close(): Promise<void> {
    await this.client.unbind().catch(() => undefined);
  }
}

function toDirectoryEntry(entry: Entry): DirectoryEntry {
  const attributes = new Map<string, (string | Buffer)[]>();
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const values = Array.isArray(value) ? value : [value];
    attributes.set(name.toLowerCase(), values);
  }
  return { dn: entry.dn, attributes };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.message || error.name}${typeof code === 'number' || typeof code === 'string' ? ` (${code})` : ''}`;
}
