import { createCompany, createConnectorToken, createProvisioningApiKey, createProvisioningToken } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

/** The agent's API without an agent: credentials, scoping, reports, settings (the agent itself: directory-connector.e2e-spec.ts). */
describe('Directory connector API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const admin = (key: string) => ({
    connector: () => app.http.get('/api/admin/directory-integrations/active-directory/connector').set(bearer(key)),
    audit: async () =>
      (await app.http.get('/api/admin/audit-log?limit=50').set(bearer(key)).expect(200)).body.items as Record<string, any>[],
  });

  it('takes the connector token only, and the token only there', async () => {
    const company = await createCompany(app);
    const scimToken = await createProvisioningToken(app, company, 'okta');
    const connectorToken = await createConnectorToken(app, company);
    expect(connectorToken).toMatch(/^dpsconn_[A-Za-z0-9_-]{43}$/);

    const wrongKind = await app.http.post('/api/connector/v1/snapshots').set(bearer(scimToken)).expect(401);
    expect(wrongKind.body).toMatchObject({
      code: 'wrong_credential_kind',
      message: expect.stringContaining('a connector token (dpsconn_…)'),
    });
    await app.http.post('/api/connector/v1/snapshots').expect(401);
    const onScim = await app.http.get('/scim/v2/Users').set(bearer(connectorToken)).expect(401);
    expect(JSON.stringify(onScim.body)).toContain('This is a directory connector token');
    await app.http.get('/api/admin/users').set(bearer(connectorToken)).expect(401);
    const unknown = await app.http
      .post('/api/connector/v1/snapshots')
      .set(bearer(`dpsconn_${'x'.repeat(43)}`))
      .expect(401);
    expect(unknown.body.code).toBe('unknown_credential');
  });

  it("reaches only its own tab's snapshots, not the Provisioning API's of the same company", async () => {
    const company = await createCompany(app);
    const connectorToken = await createConnectorToken(app, company);
    const apiKey = await createProvisioningApiKey(app, company);
    const theirs = (await app.http.post('/api/v1/snapshots').set(bearer(apiKey)).expect(201)).body;
    await app.http.get(`/api/connector/v1/snapshots/${theirs.id}`).set(bearer(connectorToken)).expect(404);
    const ours = (await app.http.post('/api/connector/v1/snapshots').set(bearer(connectorToken)).expect(201)).body;
    await app.http.get(`/api/v1/snapshots/${ours.id}`).set(bearer(apiKey)).expect(404);
    await app.http.get(`/api/connector/v1/snapshots/${ours.id}`).set(bearer(connectorToken)).expect(200);
  });

  it('records contact and version, run reports, and settings changes (audit-logged once)', async () => {
    const company = await createCompany(app);
    const token = await createConnectorToken(app, company);
    const before = (await admin(company.superAdminKey).connector().expect(200)).body;
    expect(before).toMatchObject({ agent: null, lastRun: null, recentErrors: [], heldSnapshots: [] });

    const agent = { ...bearer(token), 'User-Agent': 'dps-directory-connector/1.2.3' };
    for (let round = 0; round < 2; round++) {
      const settings = await app.http
        .put('/api/connector/v1/settings')
        .set(agent)
        .send({ deprovisionAction: 'delete', maxDeletePercent: 25 });
      expect(settings.status).toBe(200);
      expect(settings.body).toMatchObject({ deprovisionAction: 'delete', maxDeletePercent: 25 });
    }
    const changes = (await admin(company.superAdminKey).audit()).filter((entry) => entry.action === 'directory_sync.settings_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ actorType: 'integration' });

    const report = { startedAt: '2026-12-01T08:00:00.000Z', finishedAt: '2026-12-01T08:00:30.000Z', result: 'failed', users: 0, groups: 0 };
    await app.http
      .post('/api/connector/v1/runs')
      .set(agent)
      .send({ ...report, error: 'LDAP search failed' })
      .expect(201);
    const bad = await app.http
      .post('/api/connector/v1/runs')
      .set(agent)
      .send({ ...report, result: 'fine', users: -1 })
      .expect(400);
    expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['result', 'users']);
    const backwards = { ...report, finishedAt: '2026-12-01T07:59:59.000Z' };
    expect((await app.http.post('/api/connector/v1/runs').set(agent).send(backwards).expect(400)).body.message).toBe(
      'finishedAt is before startedAt',
    );

    const after = (await admin(company.superAdminKey).connector().expect(200)).body;
    expect(after.agent).toEqual({ version: '1.2.3', lastContactAt: expect.any(String) });
    expect(after.lastRun).toMatchObject({ result: 'failed', durationMs: 30_000, version: '1.2.3', error: 'LDAP search failed' });
    expect(after.recentErrors).toHaveLength(1);
    expect(after.settings).toMatchObject({ deprovisionAction: 'delete', maxDeletePercent: 25 });
    await eventually(async () => {
      const tab = await app.http.get('/api/admin/directory-integrations/active-directory').set(bearer(company.superAdminKey)).expect(200);
      expect(tab.body.lastSyncAt).not.toBeNull();
    });

    const other = await createCompany(app);
    expect((await admin(other.superAdminKey).connector().expect(200)).body).toMatchObject({
      integrationId: null,
      agent: null,
      lastRun: null,
    });
  });

  it("logs each snapshot step in the Active Directory tab's sync log: open, parts, the commit and a refused part", async () => {
    const company = await createCompany(app);
    const token = await createConnectorToken(app, company);
    const agent = (method: 'post' | 'put', path: string) => app.http[method](`/api/connector/v1/snapshots${path}`).set(bearer(token));
    const id = (await agent('post', '').expect(201)).body.id as string;
    await agent('put', `/${id}/parts/1`)
      .send({ users: [{ userName: 'ada@acme.test' }, { userName: 'grace@acme.test' }] })
      .expect(200);
    await agent('put', `/${id}/parts/2`)
      .send({ users: [{ userName: 'ADA@acme.test' }] })
      .expect(400);
    await agent('post', `/${id}/commit`).send({ parts: 1, users: 2 }).expect(200);

    const entries = await eventually(async () => {
      const page = await app.http.get('/api/admin/sync-log?provider=active-directory').set(bearer(company.superAdminKey)).expect(200);
      expect(page.body.items).toHaveLength(4);
      return page.body.items as Record<string, any>[];
    });
    expect(entries.reverse().map((entry) => [entry.operation, entry.status, entry.resourceId])).toEqual([
      ['snapshot_open', 201, id],
      ['snapshot_part', 200, id],
      ['snapshot_part', 400, id],
      ['snapshot_commit', 200, id],
    ]);
    expect(entries[1].detail).toBe('part 1: 2 users, 0 groups, 0 member references');
    expect(entries[2].detail).toContain('ada@acme.test');
    expect(entries[3].detail).toMatch(/^applied: users 2 created/);
  });

  it('a revoked token gets 401 at once, saying so', async () => {
    const company = await createCompany(app);
    const token = await createConnectorToken(app, company);
    await app.http.delete('/api/admin/directory-integrations/active-directory/token').set(bearer(company.superAdminKey)).expect(204);
    const refused = await app.http.post('/api/connector/v1/snapshots').set(bearer(token)).expect(401);
    expect(refused.body).toMatchObject({
      code: 'revoked_credential',
      message: expect.stringContaining('This connector token was revoked on'),
    });
    const audit = await admin(company.superAdminKey).audit();
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['provisioning_token.created', 'provisioning_token.revoked']),
    );
  });
});
