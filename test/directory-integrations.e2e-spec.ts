import { DataSource } from 'typeorm';
import { LastSyncTracker } from '../src/directory-integrations/last-sync/last-sync.tracker';
import { TOKEN_CACHE_TTL_MS } from '../src/directory-integrations/provisioning-tokens/provisioning-token.cache';
import { TOKEN_CHANGES_CHANNEL } from '../src/directory-integrations/provisioning-tokens/provisioning-tokens.repository';
import { IntegrationTokenAuthenticator } from '../src/directory-integrations/provisioning-tokens/integration-token.authenticator';
import { SecretKind } from '../src/common/crypto/secret-token';
import {
  createAdmin,
  createCompany,
  createProvisioningToken,
  setMasterPasswordResetPolicy,
  TestCompany,
  uniqueEmail,
} from './support/factories';
import { scim } from './support/scim-client';
import { freePort, spawnService, SpawnedService, waitForHealthy } from './support/spawn-service';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually, waitFor } from './support/wait-for';

const PUBLIC_BASE_URL = 'https://dps.example.test';
const SCIM_BASE_URL = `${PUBLIC_BASE_URL}/scim/v2`;
const SCIM_PROVIDERS = ['okta', 'entra-id', 'onelogin', 'pingone', 'google-workspace', 'jumpcloud', 'generic'];
const PROVIDERS = [...SCIM_PROVIDERS, 'provisioning-api', 'active-directory'];
const TOKEN_SHAPE = /^dpsscim_[A-Za-z0-9_-]{43}$/;
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** The warning an instance logs when its token-change notices stop. */
const NOTICES_INTERRUPTED = 'Token change notices interrupted';

interface Tab {
  provider: string;
  integrationId: string | null;
  scimBaseUrl: string;
  token: { status: string; prefix: string | null; createdAt: string | null; createdBy: { adminId: string; email: string } | null };
  lastSyncAt: string | null;
  counters: { users: number; groups: number };
  failures: { last24Hours: number; latestSummary: string | null; latest: Record<string, unknown> | null };
  warnings: string[];
  setup: { fields: { label: string; kind: string; value: string | null }[]; notes: string[] };
}

describe('directory integrations and provisioning tokens', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_BASE_URL } });
  });
  afterAll(() => app.close());

  const tabs = async (company: TestCompany): Promise<Tab[]> => {
    const page = (await app.http.get('/api/admin/directory-integrations').set(bearer(company.superAdminKey)).expect(200)).body;
    expect(page.nextCursor).toBeNull();
    return page.items;
  };
  const tab = async (company: TestCompany, provider: string): Promise<Tab> =>
    (await app.http.get(`/api/admin/directory-integrations/${provider}`).set(bearer(company.superAdminKey)).expect(200)).body;
  const scimStatus = async (token: string): Promise<number> => (await scim(app, token).get('/ServiceProviderConfig')).status;
  const reset = (company: TestCompany, provider: string) =>
    app.http.post(`/api/admin/directory-integrations/${provider}/token/reset`).set(bearer(company.superAdminKey));

  describe('tabs', () => {
    it('lists every provider for a new company, with no token, the SCIM base URL and the provider’s own field names', async () => {
      const company = await createCompany(app);
      const list = await tabs(company);
      expect(list.map((entry) => entry.provider)).toEqual(PROVIDERS);
      for (const entry of list) {
        expect(entry).toMatchObject({
          integrationId: null,
          scimBaseUrl: SCIM_BASE_URL,
          token: { status: 'none', prefix: null, createdAt: null, createdBy: null },
          lastSyncAt: null,
          counters: { users: 0, groups: 0 },
          failures: { last24Hours: 0, latestSummary: null, latest: null },
        });
        const tokenFields = entry.setup.fields.filter((field) => field.kind === 'token');
        const takesToken = SCIM_PROVIDERS.includes(entry.provider) || entry.provider === 'active-directory';
        expect(tokenFields).toEqual(takesToken ? [expect.objectContaining({ value: null })] : []);
      }
      const field = (provider: string, label: string) =>
        list.find((entry) => entry.provider === provider)!.setup.fields.find((candidate) => candidate.label === label)?.value;
      expect(field('entra-id', 'Tenant URL')).toBe(SCIM_BASE_URL);
      expect(field('entra-id', 'Secret Token')).toBeNull();
      expect(field('onelogin', 'SCIM Base URL')).toBe(SCIM_BASE_URL);
      expect(field('onelogin', 'SCIM Bearer Token')).toBeNull();
      expect(field('okta', 'SCIM connector base URL')).toBe(SCIM_BASE_URL);
      expect(field('okta', 'Unique identifier field for users')).toBe('userName');
      expect(field('okta', 'Authentication Mode')).toBe('HTTP Header');
      expect(field('generic', 'Authentication Mode')).toBe('HTTP Header');
      const google = list.find((entry) => entry.provider === 'google-workspace')!;
      expect(google.setup.notes.join(' ')).toMatch(/Directory API/);
      expect(google.setup.notes.join(' ')).toMatch(/generic SCIM 2\.0 client/);
    });

    it('shows one tab, a provider named in any case, and answers 400 listing the valid names for an unknown one', async () => {
      const company = await createCompany(app);
      expect((await tab(company, 'jumpcloud')).provider).toBe('jumpcloud');
      expect((await tab(company, 'Okta')).provider).toBe('okta');
      expect((await tab(company, 'ENTRA-ID')).provider).toBe('entra-id');
      const unknown = await app.http.get('/api/admin/directory-integrations/azure-ad').set(bearer(company.superAdminKey)).expect(400);
      expect(unknown.body).toMatchObject({
        statusCode: 400,
        message:
          "unknown provider 'azure-ad'; valid: okta, entra-id, onelogin, pingone, google-workspace, jumpcloud, generic, provisioning-api, active-directory",
      });
      await app.http.post('/api/admin/directory-integrations/myspace/token').set(bearer(company.superAdminKey)).expect(400);
      expect((await tabs(company)).every((entry) => entry.integrationId === null)).toBe(true);
    });

    it('counts each tab’s failed SCIM writes of the last 24 hours and sums up the latest', async () => {
      const company = await createCompany(app);
      const okta = scim(app, await createProvisioningToken(app, company, 'okta'));
      const generic = scim(app, await createProvisioningToken(app, company, 'generic'));
      const userName = uniqueEmail('taken');
      await okta.post('/Users').send({ userName }).expect(201);
      await generic
        .post('/Users')
        .send({ userName: uniqueEmail('other') })
        .expect(201);
      await okta.post('/Users').send({ userName: userName.toUpperCase() }).expect(409);
      const failed = await okta.post('/Users').send({ userName, displayName: 'Twice' }).expect(409);

      const oktaTab = await eventually(async () => {
        const current = await tab(company, 'okta');
        expect(current.failures.last24Hours).toBe(2);
        return current;
      });
      expect(oktaTab.failures.latest).toMatchObject({
        provider: 'okta',
        operation: 'create',
        resourceType: 'User',
        resourceId: null,
        userName,
        displayName: 'Twice',
        status: 409,
        scimType: 'uniqueness',
        detail: failed.body.detail,
      });
      expect(oktaTab.failures.latestSummary).toBe(`create User ${userName}: 409 uniqueness: ${failed.body.detail}`);
      const listed = await tabs(company);
      expect(listed.find((entry) => entry.provider === 'okta')!.failures).toEqual(oktaTab.failures);
      expect(listed.find((entry) => entry.provider === 'generic')!.failures).toEqual({ last24Hours: 0, latestSummary: null, latest: null });

      // A failure older than a day still is the latest one, but no longer counts.
      await app.running.app
        .get(DataSource)
        .query(`UPDATE sync_log SET occurred_at = occurred_at - interval '25 hours' WHERE company_id = $1 AND status >= 400`, [
          company.companyId,
        ]);
      const later = await tab(company, 'okta');
      expect(later.failures.last24Hours).toBe(0);
      expect(later.failures.latest).toMatchObject({ status: 409, displayName: 'Twice' });
    });

    it('requires an admin key: no key, a provisioning token and a service credential are refused', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'okta');
      await app.http.get('/api/admin/directory-integrations').expect(401);
      await app.http.get('/api/admin/directory-integrations').set(bearer(token)).expect(401);
      await app.http.post('/api/admin/directory-integrations/okta/token/reset').set(bearer(token)).expect(401);
      await app.http.get('/api/admin/sync-log').set(bearer(token)).expect(401);
    });
  });

  describe('token lifecycle', () => {
    it('shows a created token once; later reads show only its prefix; a second create gets 409', async () => {
      const company = await createCompany(app);
      const created = await app.http.post('/api/admin/directory-integrations/okta/token').set(bearer(company.superAdminKey)).expect(201);
      expect(created.body).toEqual({
        provider: 'okta',
        token: expect.stringMatching(TOKEN_SHAPE),
        tokenPrefix: expect.any(String),
        scimBaseUrl: SCIM_BASE_URL,
        warnings: expect.any(Array),
      });
      const token: string = created.body.token;
      expect(token.startsWith(created.body.tokenPrefix)).toBe(true);
      expect(await scimStatus(token)).toBe(200);

      const list = await app.http.get('/api/admin/directory-integrations').set(bearer(company.superAdminKey)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(token);
      const okta = list.body.items.find((entry: Tab) => entry.provider === 'okta');
      expect(okta.integrationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(okta.token).toEqual({
        status: 'active',
        prefix: created.body.tokenPrefix,
        createdAt: expect.any(String),
        createdBy: { adminId: company.superAdminId, email: company.superAdminEmail },
      });
      expect(list.body.items.find((entry: Tab) => entry.provider === 'entra-id').token.status).toBe('none');

      const again = await app.http.post('/api/admin/directory-integrations/okta/token').set(bearer(company.superAdminKey)).expect(409);
      expect(again.body.message).toMatch(/already has a provisioning token.*reset/);
      expect(await scimStatus(token)).toBe(200);
    });

    it('resets: the old token gets 401 at once and the new one works', async () => {
      const company = await createCompany(app);
      const old = await createProvisioningToken(app, company, 'entra-id');
      expect(await scimStatus(old)).toBe(200);
      const response = await reset(company, 'entra-id').expect(201);
      const fresh: string = response.body.token;
      expect(fresh).toMatch(TOKEN_SHAPE);
      expect(fresh).not.toBe(old);
      expect(response.body.scimBaseUrl).toBe(SCIM_BASE_URL);
      expect(await scimStatus(old)).toBe(401);
      expect(await scimStatus(fresh)).toBe(200);
      expect((await tab(company, 'entra-id')).token.prefix).toBe(response.body.tokenPrefix);
    });

    it('leaves exactly one working token after 20 concurrent resets, one of those answered', async () => {
      const company = await createCompany(app);
      const first = await createProvisioningToken(app, company, 'onelogin');
      const responses = await Promise.all(Array.from({ length: 20 }, () => reset(company, 'onelogin')));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
      const issued = responses.map((response) => response.body.token as string);
      expect(new Set(issued).size).toBe(20);
      const statuses = await Promise.all([first, ...issued].map(scimStatus));
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 401)).toHaveLength(20);
      expect(statuses[0]).toBe(401);
      const working = issued[statuses.indexOf(200) - 1];
      expect(working.startsWith((await tab(company, 'onelogin')).token.prefix!)).toBe(true);
    });

    it('creates the integration once under concurrent first use', async () => {
      const company = await createCompany(app);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          app.http.post('/api/admin/directory-integrations/pingone/token').set(bearer(company.superAdminKey)),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array(7).fill(409)]);
      const winner = responses.find((response) => response.status === 201)!.body.token;
      expect(await scimStatus(winner)).toBe(200);
    });

    it('revokes: the token then gets a SCIM 401 with WWW-Authenticate; a new one can be created', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'jumpcloud');
      expect(await scimStatus(token)).toBe(200);
      await app.http.delete('/api/admin/directory-integrations/jumpcloud/token').set(bearer(company.superAdminKey)).expect(204);
      const refused = await scim(app, token).get('/ServiceProviderConfig').expect(401);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(refused.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(refused.body).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });
      expect((await tab(company, 'jumpcloud')).token).toEqual({ status: 'none', prefix: null, createdAt: null, createdBy: null });
      await app.http.delete('/api/admin/directory-integrations/jumpcloud/token').set(bearer(company.superAdminKey)).expect(404);
      const again = await createProvisioningToken(app, company, 'jumpcloud');
      expect(await scimStatus(again)).toBe(200);
      expect(await scimStatus(token)).toBe(401);
    });

    it('lets any admin of the company manage tokens, not only super admins', async () => {
      const company = await createCompany(app);
      const plain = await createAdmin(app, company, 'admin');
      const created = await app.http.post('/api/admin/directory-integrations/generic/token').set(bearer(plain.apiKey)).expect(201);
      await app.http.post('/api/admin/directory-integrations/generic/token/reset').set(bearer(plain.apiKey)).expect(201);
      expect(await scimStatus(created.body.token)).toBe(401);
      await app.http.delete('/api/admin/directory-integrations/generic/token').set(bearer(plain.apiKey)).expect(204);
      expect((await tab(company, 'generic')).token.status).toBe('none');
    });

    it('writes token actions to the audit log with the acting admin', async () => {
      const company = await createCompany(app);
      await createProvisioningToken(app, company, 'google-workspace');
      await reset(company, 'google-workspace').expect(201);
      await app.http.delete('/api/admin/directory-integrations/google-workspace/token').set(bearer(company.superAdminKey)).expect(204);
      const rows: {
        action: string;
        actor_type: string;
        actor_id: string;
        actor_email: string;
        target_type: string;
        details: Record<string, unknown>;
      }[] = await app.running.app.get(DataSource).query(
        `SELECT action, actor_type, actor_id, actor_email, target_type, details FROM audit_log
             WHERE company_id = $1 AND action LIKE 'provisioning_token.%' ORDER BY id`,
        [company.companyId],
      );
      expect(rows.map((row) => row.action)).toEqual([
        'provisioning_token.created',
        'provisioning_token.reset',
        'provisioning_token.revoked',
      ]);
      for (const row of rows) {
        expect(row).toMatchObject({
          actor_type: 'admin',
          actor_id: company.superAdminId,
          actor_email: company.superAdminEmail,
          target_type: 'directory_integration',
        });
        expect(row.details).toMatchObject({ provider: 'google-workspace', tokenPrefix: expect.stringMatching(/^dpsscim_/) });
      }
    });
  });

  // Each instance remembers tokens for a few seconds; a change made through another instance must reach it at once.
  (usesEmbeddedDatabase ? describe.skip : describe)('token changes across instances sharing the database', () => {
    let other: SpawnedService;
    let otherUrl: string;

    beforeAll(async () => {
      const port = await freePort();
      otherUrl = `http://127.0.0.1:${port}`;
      other = spawnService({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL, PUBLIC_BASE_URL, LOG_LEVEL: 'warn' });
      await waitForHealthy(otherUrl);
    }, 90_000);
    afterAll(async () => {
      other.child.kill('SIGTERM');
      await other.exited;
    });

    const statusOnOther = async (token: string): Promise<number> =>
      (await fetch(`${otherUrl}/scim/v2/ServiceProviderConfig`, { headers: bearer(token) })).status;

    it('refuses a token revoked or replaced elsewhere well before the cache would forget it', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'okta');
      expect(await statusOnOther(token)).toBe(200);
      await app.http.delete('/api/admin/directory-integrations/okta/token').set(bearer(company.superAdminKey)).expect(204);
      await eventually(async () => expect(await statusOnOther(token)).toBe(401), TOKEN_CACHE_TTL_MS / 2);

      const fresh = await createProvisioningToken(app, company, 'okta');
      expect(await statusOnOther(fresh)).toBe(200);
      const replaced = (await reset(company, 'okta').expect(201)).body.token as string;
      await eventually(async () => expect(await statusOnOther(fresh)).toBe(401), TOKEN_CACHE_TTL_MS / 2);
      expect(await statusOnOther(replaced)).toBe(200);
    });

    it('stops trusting its memory while it cannot hear token changes, and trusts it again once it can', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'jumpcloud');
      expect(await statusOnOther(token)).toBe(200);
      const dataSource = app.running.app.get(DataSource);
      const interruptions = () => other.output().split(NOTICES_INTERRUPTED).length - 1;
      const interruptedBefore = interruptions();
      // A listening connection's last statement starts with its LISTENs (the queries below mention LISTEN too).
      const terminated: unknown[] = await dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %${TOKEN_CHANGES_CHANNEL}%' AND pid <> pg_backend_pid()`,
      );
      expect(terminated.length).toBeGreaterThanOrEqual(1);
      // The other instance notices its closed connection within moments; until it listens again, it asks the database.
      await waitFor('the other instance to notice its LISTEN connection closed', () => interruptions() > interruptedBefore);
      await app.http.delete('/api/admin/directory-integrations/jumpcloud/token').set(bearer(company.superAdminKey)).expect(204);
      expect(await statusOnOther(token)).toBe(401);

      // Listening again (after about a second): changes reach it through notices once more.
      const next = await createProvisioningToken(app, company, 'jumpcloud');
      await eventually(async () => {
        const listeners: unknown[] = await dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %${TOKEN_CHANGES_CHANNEL}%'`,
        );
        expect(listeners.length).toBe(terminated.length);
      });
      expect(await statusOnOther(next)).toBe(200);
      await reset(company, 'jumpcloud').expect(201);
      await eventually(async () => expect(await statusOnOther(next)).toBe(401), TOKEN_CACHE_TTL_MS / 2);
    });
  });

  describe('SCIM authentication', () => {
    it('refuses a missing, malformed, unknown or query-string token with a SCIM 401', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'okta');
      const attempts = [
        app.http.get('/scim/v2/ServiceProviderConfig'),
        app.http.get('/scim/v2/ServiceProviderConfig').set('Authorization', `Basic ${token}`),
        app.http.get('/scim/v2/ServiceProviderConfig').set(bearer('dpsscim_short')),
        app.http.get('/scim/v2/ServiceProviderConfig').set(bearer(`dpsscim_${'A'.repeat(43)}`)),
        app.http.get('/scim/v2/ServiceProviderConfig').set(bearer(company.superAdminKey)),
        app.http.get(`/scim/v2/ServiceProviderConfig?access_token=${token}`),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(response.body).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });
      }
    });

    it('resolves a token to its own company and integration only', async () => {
      const acme = await createCompany(app, 'Acme');
      const globex = await createCompany(app, 'Globex');
      const acmeToken = await createProvisioningToken(app, acme, 'okta');
      const globexToken = await createProvisioningToken(app, globex, 'okta');
      const service = app.running.app.get(IntegrationTokenAuthenticator);
      const acmeOkta = await tab(acme, 'okta');
      expect(await service.authenticate(SecretKind.ProvisioningToken, acmeToken)).toEqual({
        companyId: acme.companyId,
        integrationId: acmeOkta.integrationId,
        provider: 'okta',
      });
      expect((await service.authenticate(SecretKind.ProvisioningToken, globexToken))?.companyId).toBe(globex.companyId);

      expect(await scimStatus(acmeToken)).toBe(200);
      await eventually(async () => expect((await tab(acme, 'okta')).lastSyncAt).not.toBeNull());
      const globexTabs = await tabs(globex);
      expect(JSON.stringify(globexTabs)).not.toContain(acmeOkta.token.prefix!);
      expect(globexTabs.find((entry) => entry.provider === 'okta')!.integrationId).not.toBe(acmeOkta.integrationId);
      // Globex's token was never used, whatever Acme's did.
      expect(globexTabs.find((entry) => entry.provider === 'okta')!.lastSyncAt).toBeNull();
      // Globex's admin resetting its own okta tab leaves Acme's token working.
      await reset(globex, 'okta').expect(201);
      expect(await scimStatus(acmeToken)).toBe(200);
    });

    it('records the last sync time on the first SCIM request, then at most every few seconds', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'pingone');
      expect((await tab(company, 'pingone')).lastSyncAt).toBeNull();
      const before = Date.now();
      expect(await scimStatus(token)).toBe(200);
      const first = await eventually(async () => {
        const lastSyncAt = (await tab(company, 'pingone')).lastSyncAt;
        expect(lastSyncAt).not.toBeNull();
        return lastSyncAt!;
      });
      expect(Date.parse(first)).toBeGreaterThanOrEqual(before - 1000);
      expect(await scimStatus(token)).toBe(200);
      // Any write the second request started has landed before the time is read again.
      await app.running.app.get(LastSyncTracker).beforeApplicationShutdown();
      expect((await tab(company, 'pingone')).lastSyncAt).toBe(first);
    });
  });

  describe('master-password-reset warning', () => {
    const WARNING = /Permit super admins to reset master passwords/;

    const tabWarnings = async (company: TestCompany): Promise<string[][]> => [
      ...(await tabs(company)).map((entry) => entry.warnings),
      (await tab(company, 'pingone')).warnings,
    ];

    it('warns on every tab while no active super admin holds the policy, and stops once one does', async () => {
      const company = await createCompany(app);
      const everyTab = (expected: unknown[]) => Array(PROVIDERS.length + 1).fill(expected);
      expect(await tabWarnings(company)).toEqual(everyTab([expect.stringMatching(WARNING)]));
      const created = await app.http.post('/api/admin/directory-integrations/okta/token').set(bearer(company.superAdminKey)).expect(201);
      expect(created.body.warnings).toEqual([expect.stringMatching(WARNING)]);

      await setMasterPasswordResetPolicy(app, company, true);
      expect((await reset(company, 'okta').expect(201)).body.warnings).toEqual([]);
      expect(await tabWarnings(company)).toEqual(everyTab([]));

      await setMasterPasswordResetPolicy(app, company, false);
      expect((await reset(company, 'okta').expect(201)).body.warnings).toEqual([expect.stringMatching(WARNING)]);

      // The only holder is revoked: the policy no longer covers anyone.
      const second = await createAdmin(app, company, 'super_admin');
      await setMasterPasswordResetPolicy(app, company, true, [second.id]);
      expect((await reset(company, 'okta').expect(201)).body.warnings).toEqual([]);
      await app.http.delete(`/api/admin/admins/${second.id}`).set(bearer(company.superAdminKey)).expect(204);
      expect((await reset(company, 'okta').expect(201)).body.warnings).toEqual([expect.stringMatching(WARNING)]);
      expect(await tabWarnings(company)).toEqual(everyTab([expect.stringMatching(WARNING)]));
    });
  });
});

describe('provisioning tokens in logs', () => {
  it('never writes a token to the log, whatever is done with it', async () => {
    const app = await startTestApp({ captureLogs: true });
    try {
      const company = await createCompany(app);
      const created = await createProvisioningToken(app, company, 'okta');
      const reset = (
        await app.http.post('/api/admin/directory-integrations/okta/token/reset').set(bearer(company.superAdminKey)).expect(201)
      ).body.token as string;
      await scim(app, reset).get('/ServiceProviderConfig').expect(200);
      await scim(app, reset).get('/Schemas').expect(200);
      await scim(app, created).get('/ServiceProviderConfig').expect(401);
      await scim(app, created).post('/Users').send({ userName: 'x@acme.test' }).expect(401);
      await app.http.delete('/api/admin/directory-integrations/okta/token').set(bearer(company.superAdminKey)).expect(204);
      const last = await scim(app, reset).get('/ServiceProviderConfig').expect(401);
      const lastId = last.headers['x-request-id'];
      await waitFor('the last request in the log', () => app.logs.some((line) => line.includes(`"id":"${lastId}"`)));

      const output = app.logs.join('\n');
      expect(output).toContain('/scim/v2/ServiceProviderConfig');
      expect(output).toContain('/token/reset');
      for (const token of [created, reset]) {
        expect(output).not.toContain(token);
        expect(output).not.toContain(token.slice(20));
      }
    } finally {
      await app.close();
    }
  });
});
