import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { admin, admin_directory_v1 } from '@googleapis/admin';
import { JWT } from 'google-auth-library';
import { AppConfiguration, GOOGLE_TOKEN_URL, GoogleWorkspaceConfiguration } from '../config/configuration';
import { classifyGoogleError, GoogleApiError, isRetryable, retryAfterMsOf } from './google-api-error';
import { ServiceAccountKey } from './service-account-key';

/** Read-only access to users and to groups with their members: what the admin grants in domain-wide delegation. */
export const DIRECTORY_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
];

/** The most the Directory API answers per page. */
const USERS_PAGE_SIZE = 500;
const GROUPS_PAGE_SIZE = 200;
const MEMBERS_PAGE_SIZE = 200;
/** The longest wait between attempts, whatever Retry-After asks. */
const MAX_BACKOFF_MS = 60_000;

export interface DirectoryAccount {
  key: ServiceAccountKey;
  adminEmail: string;
  /** One of the two names the directory; the customer id wins. */
  customerId: string | null;
  domain: string | null;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string | null;
}

export type DirectoryUser = admin_directory_v1.Schema$User;
export type DirectoryGroup = admin_directory_v1.Schema$Group;
export type DirectoryMember = admin_directory_v1.Schema$Member;

/** Opens sessions on the Directory API as a service account acting for an admin (domain-wide delegation). */
@Injectable()
export class GoogleDirectoryClient {
  private readonly settings: GoogleWorkspaceConfiguration;

  constructor(config: ConfigService<AppConfiguration, true>) {
    this.settings = config.get('googleWorkspace', { infer: true });
  }

  open(account: DirectoryAccount, signal?: AbortSignal): DirectorySession {
    return new DirectorySession(account, this.settings, signal);
  }
}

/**
 * One run's access: Google's JWT client signs the RS256 assertion for the impersonated admin and caches the token;
 * each page is asked for with backoff on quota answers (429, `rateLimitExceeded`) and server errors.
 */
export class DirectorySession {
  private readonly auth: JWT;
  private readonly directory: admin_directory_v1.Admin;

  constructor(
    private readonly account: DirectoryAccount,
    private readonly settings: GoogleWorkspaceConfiguration,
    private readonly signal?: AbortSignal,
  ) {
    const tokenUrl = settings.tokenUrl;
    this.auth = new JWT({
      email: account.key.clientEmail,
      key: account.key.privateKey,
      keyId: account.key.privateKeyId,
      subject: account.adminEmail,
      scopes: DIRECTORY_SCOPES,
      // The assertion's audience is the token endpoint it is sent to.
      additionalClaims: tokenUrl === GOOGLE_TOKEN_URL ? undefined : { aud: tokenUrl },
    });
    if (tokenUrl !== GOOGLE_TOKEN_URL) {
      // Google's client has the token endpoint built in; a configured one (a stand-in) replaces it on the way out.
      this.auth.transporter.interceptors.request.add({
        resolved: (options) => {
          if (options.url.href === GOOGLE_TOKEN_URL) options.url = new URL(tokenUrl);
          return Promise.resolve(options);
        },
      });
    }
    this.directory = admin({ version: 'directory_v1', auth: this.auth, rootUrl: settings.apiRoot });
  }

  /** Exchanges the signed assertion for an access token: proves the key and the delegation. */
  async authorize(): Promise<void> {
    await this.withBackoff('token', () => this.auth.authorize());
  }

  async usersPage(pageToken: string | null): Promise<Page<DirectoryUser>> {
    const { data } = await this.withBackoff('api', () =>
      this.directory.users.list(
        { ...this.directoryName(), maxResults: USERS_PAGE_SIZE, pageToken: pageToken ?? undefined, projection: 'basic', orderBy: 'email' },
        { retry: false, signal: this.signal },
      ),
    );
    return { items: data.users ?? [], nextPageToken: data.nextPageToken ?? null };
  }

  async groupsPage(pageToken: string | null): Promise<Page<DirectoryGroup>> {
    const { data } = await this.withBackoff('api', () =>
      this.directory.groups.list(
        { ...this.directoryName(), maxResults: GROUPS_PAGE_SIZE, pageToken: pageToken ?? undefined },
        { retry: false, signal: this.signal },
      ),
    );
    return { items: data.groups ?? [], nextPageToken: data.nextPageToken ?? null };
  }

  async group(groupKey: string): Promise<DirectoryGroup> {
    const { data } = await this.withBackoff('api', () => this.directory.groups.get({ groupKey }, { retry: false, signal: this.signal }));
    return data;
  }

  async membersPage(groupKey: string, pageToken: string | null): Promise<Page<DirectoryMember>> {
    const { data } = await this.withBackoff('api', () =>
      this.directory.members.list(
        { groupKey, maxResults: MEMBERS_PAGE_SIZE, pageToken: pageToken ?? undefined },
        { retry: false, signal: this.signal },
      ),
    );
    return { items: data.members ?? [], nextPageToken: data.nextPageToken ?? null };
  }

  private directoryName(): { customer: string } | { domain: string } {
    if (this.account.customerId) return { customer: this.account.customerId };
    return { domain: this.account.domain ?? '' };
  }

  /** Exponential backoff with full jitter, or what Retry-After asks; gives up after the configured attempts. */
  private async withBackoff<T>(context: 'token' | 'api', call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (this.signal?.aborted) throw new GoogleApiError('unavailable', 'The run was stopped');
        const failure = classifyGoogleError(error, context);
        if (!isRetryable(failure) || attempt >= this.settings.maxAttempts) throw failure;
        const exponential = this.settings.backoffBaseMs * 2 ** (attempt - 1);
        const wait = Math.min(MAX_BACKOFF_MS, retryAfterMsOf(error) ?? Math.random() * exponential + exponential / 2);
        await sleep(wait, undefined, { signal: this.signal }).catch(() => undefined);
      }
    }
  }
}
