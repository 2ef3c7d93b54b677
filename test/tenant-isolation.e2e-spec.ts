import { DataSource, QueryRunner } from 'typeorm';
import { CompanyScopes } from '../src/common/tenancy/company-scope';
import { TENANT_ROLE } from '../src/database/company-scoped-client';
import {
  createAdmin,
  createConnectorToken,
  createCompany,
  createGroup,
  createProvisioningApiKey,
  createProvisioningToken,
  createUser,
  members,
  setMasterPasswordResetPolicy,
  TestCompany,
  uniqueEmail,
} from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Tenant {
  company: TestCompany;
  token: string;
  apiKey: string;
  adminId: string;
  userId: string;
  userName: string;
  groupId: string;
  resetId: string;
  webhookId: string;
  deliveryId: string;
  snapshotId: string;
  connectorToken: string;
  connectorSnapshotId: string;
}

/** Company A's credentials naming company B's ids, on every route: 404, as if they did not exist, and B unchanged. */
describe('tenant isolation across every route', () => {
  let app: TestApp;
  let a: Tenant;
  let b: Tenant;

  async function tenant(name: string): Promise<Tenant> {
    const company = await createCompany(app, name);
    const token = await createProvisioningToken(app, company, 'okta');
    const apiKey = await createProvisioningApiKey(app, company);
    const admin = await createAdmin(app, company, 'admin');
    const userName = uniqueEmail(name);
    const user = await createUser(app, token, { userName });
    await app.http
      .post(`/api/internal/companies/${company.companyId}/users/${user.id}/master-password-set`)
      .set(bearer(TEST_SERVICE_SECRET))
      .expect(200);
    const group = await createGroup(app, token, { displayName: `${name} team`, members: members([user]) });
    await setMasterPasswordResetPolicy(app, company, true);
    const reset = (await app.http.post(`/api/admin/users/${user.id}/master-password-reset`).set(bearer(company.superAdminKey)).expect(202))
      .body;
    // Nothing listens on the discard port: the test ping fails fast and leaves a delivery in the log. The endpoint is
    // paused, so that no automatic delivery changes B's snapshot.
    const webhook = (
      await app.http.post('/api/admin/webhooks').set(bearer(company.superAdminKey)).send({ url: 'http://127.0.0.1:9/hook' }).expect(201)
    ).body;
    await app.http.patch(`/api/admin/webhooks/${webhook.id}`).set(bearer(company.superAdminKey)).send({ enabled: false }).expect(200);
    const delivery = (await app.http.post(`/api/admin/webhooks/${webhook.id}/test`).set(bearer(company.superAdminKey)).expect(200)).body;
    const directorySnapshot = (await app.http.post('/api/v1/snapshots').set(bearer(apiKey)).expect(201)).body;
    const connectorToken = await createConnectorToken(app, company);
    const connectorSnapshot = (await app.http.post('/api/connector/v1/snapshots').set(bearer(connectorToken)).expect(201)).body;
    return {
      company,
      token,
      apiKey,
      adminId: admin.id,
      userId: user.id,
      userName,
      groupId: group.id,
      resetId: reset.id,
      webhookId: webhook.id,
      deliveryId: delivery.id,
      snapshotId: directorySnapshot.id,
      connectorToken,
      connectorSnapshotId: connectorSnapshot.id,
    };
  }

  /** Everything B can see of itself, minus what reads change (last sync time). */
  async function snapshot(t: Tenant): Promise<unknown> {
    const admin = (path: string) => app.http.get(`/api/admin${path}`).set(bearer(t.company.superAdminKey)).expect(200);
    const read = (path: string) => scim(app, t.token).get(path).expect(200);
    const tabs = (await admin('/directory-integrations')).body;
    return {
      admins: (await admin('/admins')).body,
      user: (await admin(`/users/${t.userId}`)).body,
      members: (await admin(`/groups/${t.groupId}/members`)).body,
      policies: (await admin('/policies')).body,
      webhook: (await admin(`/webhooks/${t.webhookId}`)).body,
      snapshot: (await admin(`/directory-sync/snapshots/${t.snapshotId}`)).body,
      deliveries: (await admin(`/webhooks/${t.webhookId}/deliveries`)).body,
      tabs: JSON.parse(JSON.stringify(tabs, (key, value) => (key === 'lastSyncAt' ? undefined : value))),
      scimUser: (await read(`/Users/${t.userId}`)).body,
      scimGroup: (await read(`/Groups/${t.groupId}`)).body,
      resets: (
        await app.http
          .get(`/api/internal/companies/${t.company.companyId}/master-password-resets?status=pending`)
          .set(bearer(TEST_SERVICE_SECRET))
          .expect(200)
      ).body,
    };
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    a = await tenant('alpha');
    b = await tenant('beta');
  });
  afterAll(() => app.close());

  it('refuses B’s ids on every admin and internal route of the OpenAPI document', async () => {
    const before = await snapshot(b);
    const document = (await app.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const idOf: Record<string, string> = {
      '/api/admin/admins/{id}': b.adminId,
      '/api/admin/users/{id}': b.userId,
      '/api/admin/users/{id}/disable': b.userId,
      '/api/admin/users/{id}/enable': b.userId,
      '/api/admin/users/{id}/master-password-reset': b.userId,
      '/api/admin/groups/{id}/members': b.groupId,
      '/api/internal/companies/{companyId}/users/{id}/master-password-set': b.userId,
      '/api/internal/companies/{companyId}/master-password-resets/{id}/complete': b.resetId,
      '/api/v1/users/{id}': b.userId,
      '/api/v1/users/{id}/disable': b.userId,
      '/api/v1/users/{id}/enable': b.userId,
      '/api/v1/groups/{id}': b.groupId,
      '/api/v1/groups/{id}/members': b.groupId,
      '/api/v1/groups/{id}/members/{userId}': b.groupId,
      ...Object.fromEntries(
        ['', '/changes', '/confirm', '/reject'].map((suffix) => [`/api/admin/directory-sync/snapshots/{id}${suffix}`, b.snapshotId]),
      ),
      ...Object.fromEntries(
        ['', '/changes', '/parts', '/parts/{partNumber}', '/commit'].map((suffix) => [`/api/v1/snapshots/{id}${suffix}`, b.snapshotId]),
      ),
      ...Object.fromEntries(
        ['', '/changes', '/parts/{partNumber}', '/commit'].map((suffix) => [
          `/api/connector/v1/snapshots/{id}${suffix}`,
          b.connectorSnapshotId,
        ]),
      ),
      ...Object.fromEntries(
        ['', '/rotate-secret', '/test', '/deliveries', '/deliveries/{deliveryId}/redeliver'].flatMap((suffix) => [
          [`/api/admin/webhooks/{id}${suffix}`, b.webhookId],
          // An internal service's routes reach only the endpoints of every company, never a company's own.
          [`/api/internal/webhooks/{id}${suffix}`, b.webhookId],
        ]),
      ),
    };
    const walked: string[] = [];
    const leaks: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      if (!path.includes('{id}')) continue;
      // The encryption service serves every company: its key-grant tasks name no company to cross.
      if (path.startsWith('/api/internal/key-grants/')) continue;
      expect(idOf).toHaveProperty([path]);
      for (const method of Object.keys(operations)) {
        const url = path
          .replace('{companyId}', a.company.companyId)
          .replace('{id}', idOf[path])
          .replace('{deliveryId}', b.deliveryId)
          .replace('{userId}', b.userId)
          .replace('{partNumber}', '1');
        const credential = path.startsWith('/api/internal/')
          ? TEST_SERVICE_SECRET
          : path.startsWith('/api/v1/')
            ? a.apiKey
            : path.startsWith('/api/connector/')
              ? a.connectorToken
              : a.company.superAdminKey;
        // A valid body, so that what answers is the lookup of the id.
        const body = path.startsWith('/api/v1/groups/{id}/members')
          ? { userIds: [] }
          : path.endsWith('/commit')
            ? { parts: 1, users: 1 }
            : {};
        const response = await (app.http as unknown as Record<string, (url: string) => any>)
          [method](url)
          .set(bearer(credential))
          .send(body);
        if (response.status !== 404) leaks.push(`${method.toUpperCase()} ${path} → ${response.status}`);
        walked.push(`${method} ${path}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(walked.length).toBeGreaterThanOrEqual(Object.keys(idOf).length);

    const internal = (path: string) =>
      app.http.get(`/api/internal/companies/${a.company.companyId}${path}`).set(bearer(TEST_SERVICE_SECRET));
    await internal(`/users?email=${encodeURIComponent(b.userName)}`).expect(404);
    expect(
      (await internal('/master-password-resets?status=pending').expect(200)).body.items.map((r: { id: string }) => r.id),
    ).not.toContain(b.resetId);
    const aAdmin = (path: string) => app.http.get(`/api/admin${path}`).set(bearer(a.company.superAdminKey)).expect(200);
    expect((await aAdmin(`/users?group=${b.groupId}`)).body.items).toEqual([]);
    expect(JSON.stringify((await aAdmin('/users?limit=200')).body)).not.toContain(b.userId);
    expect(JSON.stringify((await aAdmin('/groups')).body)).not.toContain(b.groupId);
    expect(JSON.stringify((await aAdmin('/audit-log?limit=200')).body)).not.toContain(b.userId);
    expect(JSON.stringify((await aAdmin('/sync-log?limit=200')).body)).not.toContain(b.userId);

    expect(await snapshot(b)).toEqual(before);
  });

  it('refuses B’s ids on every SCIM route', async () => {
    const before = await snapshot(b);
    const asA = scim(app, a.token);
    const userPath = `/Users/${b.userId}`;
    const groupPath = `/Groups/${b.groupId}`;
    for (const request of [
      asA.get(userPath),
      asA.put(userPath).send({ userName: b.userName, displayName: 'taken over' }),
      asA.patch(userPath).send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }),
      asA.delete(userPath),
      asA.get(groupPath),
      asA.put(groupPath).send({ displayName: 'taken over', members: [] }),
      asA.patch(groupPath).send({ schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] }),
      asA.delete(groupPath),
    ]) {
      expect((await request).status).toBe(404);
    }
    const filters = [`userName eq "${b.userName}"`, `id eq "${b.userId}"`, `groups[value eq "${b.groupId}"]`];
    for (const filter of filters) {
      expect((await asA.get('/Users').query({ filter }).expect(200)).body.totalResults).toBe(0);
    }
    expect(
      (
        await asA
          .get('/Groups')
          .query({ filter: `members[value eq "${b.userId}"]` })
          .expect(200)
      ).body.totalResults,
    ).toBe(0);
    expect(
      (
        await asA
          .get('/Groups')
          .query({ filter: `id eq "${b.groupId}"` })
          .expect(200)
      ).body.totalResults,
    ).toBe(0);
    const eitherOfB = `id eq "${b.userId}" or id eq "${b.groupId}" or userName eq "${b.userName}"`;
    expect((await asA.get('').query({ filter: eitherOfB }).expect(200)).body.totalResults).toBe(0);
    expect((await asA.post('/.search').send({ filter: eitherOfB }).expect(200)).body.totalResults).toBe(0);

    // B's user can never become a member of A's group.
    const addForeign = await asA.patch(`/Groups/${a.groupId}`).send({
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: b.userId }] }],
    });
    expect(addForeign.status).toBe(400);
    expect(addForeign.body.scimType).toBe('invalidValue');
    const createForeign = await asA.post('/Groups').send({ displayName: uniqueEmail('g'), members: [{ value: b.userId }] });
    expect(createForeign.status).toBe(400);

    expect(await snapshot(b)).toEqual(before);
  });

  describe('row-level security', () => {
    const dataSource = () => app.running.app.get(DataSource);
    const asSystem = <T>(work: () => Promise<T>) => CompanyScopes.runAsSystem(work);
    const asCompany = <T>(tenant: Tenant, work: () => Promise<T>) => CompanyScopes.runForCompany(tenant.company.companyId, work);

    it('guards every table that holds company rows, for a role that cannot bypass it', async () => {
      const tables: { table: string; rls: boolean; policies: string[] }[] = await asSystem(() =>
        dataSource().query(`
          SELECT c.relname AS table, c.relrowsecurity AS rls,
                 ARRAY(SELECT p.polname::text FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
            FROM pg_class c
           WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
             AND (c.relname = 'companies' OR EXISTS (
                   SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped))
           ORDER BY 1`),
      );
      expect(tables.length).toBeGreaterThanOrEqual(11);
      expect(tables.filter((t) => !t.rls || !t.policies.includes('company_isolation'))).toEqual([]);
      const [role] = await asSystem(() =>
        dataSource().query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, [TENANT_ROLE]),
      );
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    });

    it('lets a query without its company condition read and write only the scope’s company', async () => {
      const companies = await asCompany(a, () => dataSource().query(`SELECT DISTINCT company_id FROM user_accounts`));
      expect(companies).toEqual([{ company_id: a.company.companyId }]);
      expect(await asCompany(a, () => dataSource().query(`SELECT id FROM groups WHERE id = $1`, [b.groupId]))).toEqual([]);
      const [, updated] = await asCompany(a, () =>
        dataSource().query(`UPDATE user_accounts SET display_name = 'taken over' WHERE id = $1`, [b.userId]),
      );
      expect(updated).toBe(0);
      await expect(
        asCompany(a, () =>
          dataSource().query(`INSERT INTO groups (company_id, display_name) VALUES ($1, 'planted')`, [b.company.companyId]),
        ),
      ).rejects.toMatchObject({ driverError: { code: '42501' } });
      const seen = await asSystem(() =>
        dataSource().query(`SELECT DISTINCT company_id FROM user_accounts WHERE id = ANY($1)`, [[a.userId, b.userId]]),
      );
      expect(seen).toHaveLength(2);
    });

    it('enters the scope again when a rollback undid a change of scope made inside the transaction', async () => {
      const companiesSeen = (runner: QueryRunner) =>
        runner.query(`SELECT DISTINCT company_id FROM user_accounts WHERE id = ANY($1)`, [[a.userId, b.userId]]);
      const runner = dataSource().createQueryRunner();
      try {
        await asSystem(() => runner.startTransaction());
        // The scope changes inside the transaction, and the rollback, sent in that scope, undoes the change.
        await asCompany(a, async () => {
          await runner.query('SELECT 1');
          await runner.rollbackTransaction();
        });
        expect(await asCompany(a, () => companiesSeen(runner))).toEqual([{ company_id: a.company.companyId }]);
        expect(await asSystem(() => companiesSeen(runner))).toHaveLength(2);
      } finally {
        await runner.release();
      }
    });

    it('applies to the queries of SCIM, admin and internal requests', async () => {
      const reads = () => [
        scim(app, a.token).get(`/Users/${a.userId}`),
        app.http.get(`/api/admin/users/${a.userId}`).set(bearer(a.company.superAdminKey)),
        app.http
          .get(`/api/internal/companies/${a.company.companyId}/users?email=${encodeURIComponent(a.userName)}`)
          .set(bearer(TEST_SERVICE_SECRET)),
      ];
      for (const response of await Promise.all(reads())) expect(response.status).toBe(200);
      // A policy that admits no row: the requests' own company conditions still match, the policy does not.
      await asSystem(() => dataSource().query(`ALTER POLICY company_isolation ON user_accounts USING (false)`));
      try {
        for (const response of await Promise.all(reads())) expect(response.status).toBe(404);
      } finally {
        await asSystem(() =>
          dataSource().query(
            `ALTER POLICY company_isolation ON user_accounts USING (company_id = NULLIF(current_setting('app.company_id', true), '')::uuid)`,
          ),
        );
      }
      for (const response of await Promise.all(reads())) expect(response.status).toBe(200);
    });
  });
});
