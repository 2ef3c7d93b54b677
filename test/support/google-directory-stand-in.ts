import { generateKeyPairSync, KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A user as the Directory API's users.list answers it (the fields the sync reads, and a few more). */
export interface StandInUser {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  suspended: boolean;
  archived: boolean;
  orgUnitPath: string;
}

export interface StandInMember {
  type: 'USER' | 'GROUP' | 'CUSTOMER';
  id: string;
}

export interface StandInGroup {
  id: string;
  email: string;
  name: string;
  members: StandInMember[];
}

export type StandInResource = 'token' | 'users' | 'groups' | 'group' | 'members';

/** An answer the stand-in gives instead of the real one, to the next `times` requests that match. */
export interface InjectedFailure {
  resource: StandInResource;
  /** Only the request for this page (0 the first) of a list. */
  page?: number;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times: number;
}

export interface StandInRequest {
  resource: StandInResource;
  page: number;
  status: number;
}

export const STAND_IN_CUSTOMER_ID = 'C0standin';
export const STAND_IN_DOMAIN = 'acme.test';
export const STAND_IN_ADMIN = 'it-admin@acme.test';
const REQUIRED_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
];

/** Google's error body for a Directory API failure. */
export function googleError(code: number, message: string, reason: string): unknown {
  return { error: { code, message, errors: [{ message, domain: 'global', reason }] } };
}

/** The app's settings that point Google's clients at the stand-in, with short backoff waits. */
export function googleEnv(standIn: GoogleDirectoryStandIn): Record<string, string> {
  return {
    GOOGLE_DIRECTORY_API_ROOT: `${standIn.url}/`,
    GOOGLE_OAUTH_TOKEN_URL: standIn.tokenUrl,
    GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY: 'a1'.repeat(32),
    GOOGLE_WORKSPACE_BACKOFF_MS: '5',
    GOOGLE_WORKSPACE_MAX_ATTEMPTS: '4',
  };
}

export const RATE_LIMIT_EXCEEDED = { status: 403, body: googleError(403, 'Rate Limit Exceeded', 'rateLimitExceeded') };

/**
 * A local stand-in of Google's OAuth 2.0 token endpoint and of the Admin SDK Directory API (users.list, groups.list,
 * groups.get, members.list with pageToken paging, in the real response shapes), on 127.0.0.1. The token endpoint
 * verifies the RS256 JWT-bearer assertion against the service account's public key and grants a token only for a
 * delegated subject; tests change the directory between runs and inject failures.
 */
export class GoogleDirectoryStandIn {
  readonly users: StandInUser[] = [];
  readonly groups: StandInGroup[] = [];
  readonly requests: StandInRequest[] = [];
  readonly failures: InjectedFailure[] = [];
  /** Whether domain-wide delegation is granted to the service account, and whether the admin may read the directory. */
  delegation = true;
  adminMayRead = true;
  /** Added to every answer, to make runs overlap. */
  latencyMs = 0;
  url = '';
  private readonly serviceAccount = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly tokens = new Map<string, string>();
  private server: Server | null = null;

  readonly clientEmail = 'dps-sync@acme-project.iam.gserviceaccount.com';
  readonly keyId = randomBytes(20).toString('hex');

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  /** The service account's JSON key file, as Google's console downloads it. */
  keyFile(privateKey: KeyObject = this.serviceAccount.privateKey): string {
    return JSON.stringify({
      type: 'service_account',
      project_id: 'acme-project',
      private_key_id: this.keyId,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: this.clientEmail,
      client_id: '108529384756102938475',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    });
  }

  /** A key of the same service account that Google does not know (deleted or never registered). */
  unknownKeyFile(): string {
    return this.keyFile(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  }

  addUsers(count: number, from = 0, orgUnitPath = '/'): StandInUser[] {
    const added = Array.from({ length: count }, (_, index) => standInUser(from + index, orgUnitPath));
    this.users.push(...added);
    return added;
  }

  user(email: string): StandInUser {
    const found = this.users.find((user) => user.primaryEmail === email);
    if (!found) throw new Error(`No stand-in user ${email}`);
    return found;
  }

  removeUser(email: string): void {
    this.users.splice(this.users.indexOf(this.user(email)), 1);
  }

  addGroup(name: string, members: StandInMember[]): StandInGroup {
    const group = {
      id: `grp${String(this.groups.length).padStart(6, '0')}`,
      email: `${name.toLowerCase().replace(/\W+/g, '-')}@acme.test`,
      name,
      members,
    };
    this.groups.push(group);
    return group;
  }

  fail(failure: InjectedFailure): void {
    this.failures.push(failure);
  }

  requestsOf(resource: StandInResource): StandInRequest[] {
    return this.requests.filter((request) => request.resource === resource);
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const url = new URL(request.url ?? '/', this.url);
    const route = routeOf(request.method ?? 'GET', url.pathname);
    if (!route) return send(response, 404, googleError(404, 'Not Found', 'notFound'));
    const page = Number(url.searchParams.get('pageToken')?.replace(/^page-/, '') ?? 0);
    const answer = this.injected(route.resource, page) ?? (route.resource === 'token' ? this.token(body) : this.api(route, url, request));
    this.requests.push({ resource: route.resource, page, status: answer.status });
    send(response, answer.status, answer.body, answer.headers);
  }

  private injected(resource: StandInResource, page: number): Answer | null {
    const failure = this.failures.find(
      (candidate) => candidate.resource === resource && (candidate.page ?? page) === page && candidate.times > 0,
    );
    if (!failure) return null;
    failure.times -= 1;
    return {
      status: failure.status,
      body: failure.body ?? googleError(failure.status, 'Backend Error', 'backendError'),
      headers: failure.headers,
    };
  }

  /** RFC 7523 JWT-bearer grant, with Google's answers for a bad signature, a subject it does not know and no delegation. */
  private token(body: string): Answer {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type');
    const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
    if (!header || !payload || !signature) return oauthError(400, 'invalid_request', 'Invalid assertion');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg;
    const signed = Buffer.from(`${header}.${payload}`);
    if (alg !== 'RS256' || !verify('RSA-SHA256', signed, this.serviceAccount.publicKey, Buffer.from(signature, 'base64url'))) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    }
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== this.clientEmail || claims.aud !== this.tokenUrl || typeof claims.exp !== 'number' || claims.exp < now) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.');
    }
    if (claims.sub !== STAND_IN_ADMIN) return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!this.delegation || !REQUIRED_SCOPES.every((scope) => scopes.includes(scope))) {
      return oauthError(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, claims.sub);
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  private api(route: Route, url: URL, request: IncomingMessage): Answer {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return { status: 401, body: googleError(401, 'Login Required.', 'required') };
    if (!this.adminMayRead) return { status: 403, body: googleError(403, 'Not Authorized to access this resource/api', 'forbidden') };
    const pageSize = Math.min(Number(url.searchParams.get('maxResults') ?? 100), route.resource === 'users' ? 500 : 200);
    const offset = Number(url.searchParams.get('pageToken')?.replace(/^page-/, '') ?? 0) * pageSize;
    switch (route.resource) {
      case 'users':
      case 'groups': {
        const customer = url.searchParams.get('customer');
        const domain = url.searchParams.get('domain');
        if (customer !== null ? customer !== STAND_IN_CUSTOMER_ID && customer !== 'my_customer' : domain !== STAND_IN_DOMAIN) {
          return { status: 400, body: googleError(400, 'Bad Request', 'badRequest') };
        }
        return route.resource === 'users'
          ? { status: 200, body: paged('admin#directory#users', 'users', this.users.map(userResource), offset, pageSize) }
          : { status: 200, body: paged('admin#directory#groups', 'groups', this.groups.map(groupResource), offset, pageSize) };
      }
      case 'group': {
        const group = this.findGroup(route.groupKey!);
        return group ? { status: 200, body: groupResource(group) } : notFound(route.groupKey!);
      }
      case 'members': {
        const group = this.findGroup(route.groupKey!);
        if (!group) return notFound(route.groupKey!);
        const members = group.members.map((member) => this.memberResource(member));
        return { status: 200, body: paged('admin#directory#members', 'members', members, offset, pageSize) };
      }
      default:
        return notFound(url.pathname);
    }
  }

  private findGroup(key: string): StandInGroup | undefined {
    return this.groups.find((group) => group.id === key || group.email === key);
  }

  private memberResource(member: StandInMember): Record<string, unknown> {
    const email =
      member.type === 'USER'
        ? this.users.find((user) => user.id === member.id)?.primaryEmail
        : member.type === 'GROUP'
          ? this.groups.find((group) => group.id === member.id)?.email
          : undefined;
    return { kind: 'admin#directory#member', etag: '"e"', id: member.id, email, role: 'MEMBER', type: member.type, status: 'ACTIVE' };
  }
}

export async function startGoogleDirectoryStandIn(): Promise<GoogleDirectoryStandIn> {
  return new GoogleDirectoryStandIn().start();
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Route {
  resource: StandInResource;
  groupKey?: string;
}

function routeOf(method: string, path: string): Route | null {
  if (method === 'POST' && path === '/token') return { resource: 'token' };
  if (method !== 'GET') return null;
  if (path === '/admin/directory/v1/users') return { resource: 'users' };
  if (path === '/admin/directory/v1/groups') return { resource: 'groups' };
  const members = /^\/admin\/directory\/v1\/groups\/([^/]+)\/members$/.exec(path);
  if (members) return { resource: 'members', groupKey: decodeURIComponent(members[1]) };
  const group = /^\/admin\/directory\/v1\/groups\/([^/]+)$/.exec(path);
  return group ? { resource: 'group', groupKey: decodeURIComponent(group[1]) } : null;
}

function paged(kind: string, field: string, items: unknown[], offset: number, pageSize: number): Record<string, unknown> {
  const page: Record<string, unknown> = { kind, etag: '"stand-in"', [field]: items.slice(offset, offset + pageSize) };
  if (offset + pageSize < items.length) page.nextPageToken = `page-${offset / pageSize + 1}`;
  if (items.length === 0) delete page[field];
  return page;
}

function standInUser(index: number, orgUnitPath: string): StandInUser {
  const number = String(index).padStart(6, '0');
  return {
    id: `1${number.padStart(20, '0')}`,
    primaryEmail: `user${number}@acme.test`,
    name: { givenName: `Given${number}`, familyName: `Family${number}`, fullName: `Given${number} Family${number}` },
    suspended: false,
    archived: false,
    orgUnitPath,
  };
}

function userResource(user: StandInUser): Record<string, unknown> {
  return {
    kind: 'admin#directory#user',
    id: user.id,
    etag: '"u"',
    primaryEmail: user.primaryEmail,
    name: user.name,
    isAdmin: false,
    isDelegatedAdmin: false,
    lastLoginTime: '1970-01-01T00:00:00.000Z',
    creationTime: '2024-01-01T00:00:00.000Z',
    agreedToTerms: true,
    suspended: user.suspended,
    archived: user.archived,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: [{ address: user.primaryEmail, primary: true }],
    customerId: STAND_IN_CUSTOMER_ID,
    orgUnitPath: user.orgUnitPath,
    isMailboxSetup: true,
    includeInGlobalAddressList: true,
  };
}

function groupResource(group: StandInGroup): Record<string, unknown> {
  return {
    kind: 'admin#directory#group',
    id: group.id,
    etag: '"g"',
    email: group.email,
    name: group.name,
    directMembersCount: String(group.members.length),
    description: '',
    adminCreated: true,
  };
}

function notFound(key: string): Answer {
  return { status: 404, body: googleError(404, `Resource Not Found: ${key}`, 'notFound') };
}

function oauthError(status: number, error: string, description: string): Answer {
  return { status, body: { error, error_description: description } };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}
