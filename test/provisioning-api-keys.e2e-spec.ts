import { createCompany, createProvisioningApiKey, createProvisioningToken, TestCompany } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

const PUBLIC_BASE_URL = 'https://dps.example.test';
const KEY_SHAPE = /^dpsprov_[A-Za-z0-9_-]{43}$/;
const KEYS_PATH = '/api/admin/directory-integrations/provisioning-api/keys';

describe('Provisioning API keys', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_BASE_URL } });
  });
  afterAll(() => app.close());

  const admin = (company: TestCompany) => ({
    create: (body: object) => app.http.post(KEYS_PATH).set(bearer(company.superAdminKey)).send(body),
    list: (query = '') => app.http.get(`${KEYS_PATH}${query}`).set(bearer(company.superAdminKey)),
    revoke: (keyId: string) => app.http.delete(`${KEYS_PATH}/${keyId}`).set(bearer(company.superAdminKey)),
    audit: async () => (await app.http.get('/api/admin/audit-log?limit=200').set(bearer(company.superAdminKey)).expect(200)).body.items,
  });
  const listUsers = (key: string) => app.http.get('/api/v1/users').set(bearer(key));

  it('issues a key shown once, lists it without the secret, audits it and opens the provisioning-api tab', async () => {
    const company = await createCompany(app);
    const created = await admin(company).create({ name: 'HR nightly sync', scope: 'read-write' }).expect(201);
    expect(created.body.key).toMatch(KEY_SHAPE);
    expect(created.body).toMatchObject({
      name: 'HR nightly sync',
      scope: 'read-write',
      prefix: created.body.key.slice(0, 14),
      createdBy: company.superAdminId,
      lastUsedAt: null,
      revokedAt: null,
    });

    const listed = (await admin(company).list().expect(200)).body;
    expect(listed).toEqual({ items: [{ ...created.body, key: undefined }], nextCursor: null });
    expect(JSON.stringify(listed)).not.toContain(created.body.key);

    const tab = (await app.http.get('/api/admin/directory-integrations/provisioning-api').set(bearer(company.superAdminKey)).expect(200))
      .body;
    expect(tab).toMatchObject({ provider: 'provisioning-api', displayName: 'Provisioning API', integrationId: created.body.integrationId });
    expect(tab.token.status).toBe('none');
    expect(tab.setup.fields).toContainEqual({ label: 'Base URL', kind: 'apiBaseUrl', value: `${PUBLIC_BASE_URL}/api/v1` });

    const audit = await admin(company).audit();
    expect(audit).toContainEqual(
      expect.objectContaining({
        actorType: 'admin',
        actorId: company.superAdminId,
        action: 'provisioning_api_key.created',
        targetType: 'provisioning_api_key',
        targetId: created.body.id,
        details: expect.objectContaining({ name: 'HR nightly sync', scope: 'read-write', keyPrefix: created.body.prefix }),
      }),
    );
    expect(JSON.stringify(audit)).not.toContain(created.body.key);
  });

  it('authenticates /api/v1 with the key and records when it was last used', async () => {
    const company = await createCompany(app);
    const key = await createProvisioningApiKey(app, company, 'read-only');
    expect((await listUsers(key).expect(200)).body).toEqual({ items: [], nextCursor: null });
    await eventually(async () => {
      const [listed] = (await admin(company).list().expect(200)).body.items;
      expect(listed.lastUsedAt).not.toBeNull();
    });
  });

  it('answers 401 with a reason for no key, another kind of credential, an unknown key and a revoked key', async () => {
    const company = await createCompany(app);
    const none = await app.http.get('/api/v1/users').expect(401);
    expect(none.body).toMatchObject({ code: 'missing_credential', message: expect.stringContaining('Provisioning API key (dpsprov_…)') });
    const adminKey = await listUsers(company.superAdminKey).expect(401);
    expect(adminKey.body).toMatchObject({ code: 'wrong_credential_kind', message: expect.stringContaining('This is an admin API key') });
    const unknown = await listUsers(`dpsprov_${'A'.repeat(43)}`).expect(401);
    expect(unknown.body.code).toBe('unknown_credential');

    const created = (await admin(company).create({ name: 'old script', scope: 'read-write' }).expect(201)).body;
    await listUsers(created.key).expect(200);
    await admin(company).revoke(created.id).expect(204);
    const revoked = await listUsers(created.key).expect(401);
    expect(revoked.body).toMatchObject({ code: 'revoked_credential', message: expect.stringContaining('was revoked on') });
    await admin(company).revoke(created.id).expect(204);
    expect(
      (await admin(company).audit()).filter((entry: { action: string }) => entry.action === 'provisioning_api_key.revoked'),
    ).toHaveLength(1);
    expect((await admin(company).list().expect(200)).body.items[0].revokedAt).not.toBeNull();
  });

  it('refuses invalid key requests, another company’s key id, and a SCIM token for the provisioning-api tab', async () => {
    const company = await createCompany(app);
    const other = await createCompany(app);
    const invalid = await admin(company).create({ name: '', scope: 'admin' }).expect(400);
    expect(invalid.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['name', 'scope']);
    const otherKey = (await admin(other).create({ name: 'theirs', scope: 'read-only' }).expect(201)).body;
    await admin(company).revoke(otherKey.id).expect(404);
    await admin(company).revoke('not-a-uuid').expect(400);

    const token = await app.http
      .post('/api/admin/directory-integrations/provisioning-api/token')
      .set(bearer(company.superAdminKey))
      .expect(400);
    expect(token.body.message).toContain('takes API keys, not a SCIM provisioning token');
    await app.http.post('/api/admin/directory-integrations/provisioning-api/token/reset').set(bearer(company.superAdminKey)).expect(400);
  });

  it('keeps Provisioning API keys and SCIM tokens apart', async () => {
    const company = await createCompany(app);
    const key = await createProvisioningApiKey(app, company);
    const token = await createProvisioningToken(app, company);
    expect((await scim(app, key).get('/Users').expect(401)).body.detail).toContain('Provisioning API key');
    expect((await listUsers(token).expect(401)).body.code).toBe('wrong_credential_kind');
  });

  it('pages the key list by cursor', async () => {
    const company = await createCompany(app);
    for (let n = 0; n < 3; n++) await createProvisioningApiKey(app, company);
    const first = (await admin(company).list('?limit=2').expect(200)).body;
    expect(first.items).toHaveLength(2);
    const second = (await admin(company).list(`?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second).toMatchObject({ items: [expect.anything()], nextCursor: null });
  });
});
