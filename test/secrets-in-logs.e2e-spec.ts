import { createAdmin, createCompany, createProvisioningToken } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';

describe('secrets never reach logs, errors or the sync log', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ captureLogs: true });
  });
  afterAll(() => app.close());

  it('keeps admin keys, provisioning tokens and service credentials out of everything written', async () => {
    const company = await createCompany(app);
    const admin = await createAdmin(app, company, 'admin');
    const token = await createProvisioningToken(app, company, 'okta');
    const reset = await app.http.post('/api/admin/directory-integrations/okta/token/reset').set(bearer(company.superAdminKey)).expect(201);
    const secrets = [company.superAdminKey, admin.apiKey, token, reset.body.token, TEST_SERVICE_SECRET];

    const answers: string[] = [];
    const record = (response: { text: string; headers: Record<string, unknown> }) =>
      answers.push(response.text, JSON.stringify(response.headers));
    // Good and bad uses of each credential, in headers and in query strings.
    record(await scim(app, reset.body.token).post('/Users').send({ userName: 'a@acme.test' }));
    record(await scim(app, reset.body.token).post('/Users').send({ userName: 'a@acme.test' }));
    record(await scim(app, token).get('/Users'));
    record(await app.http.get(`/scim/v2/Users?access_token=${reset.body.token}`));
    record(await app.http.get(`/api/admin/admins?api_key=${admin.apiKey}`).set(bearer(admin.apiKey)));
    record(await app.http.get('/api/admin/users').set(bearer(`${company.superAdminKey}x`)));
    record(await app.http.post('/api/internal/companies').set(bearer(TEST_SERVICE_SECRET)).send({ name: '' }));
    record(await app.http.get('/api/admin/sync-log').set(bearer(company.superAdminKey)));
    record(await app.http.get('/api/admin/audit-log?limit=200').set(bearer(company.superAdminKey)));
    record(await app.http.get('/api/admin/directory-integrations').set(bearer(company.superAdminKey)));

    const logs = app.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      // Only the responses that created a secret may show it; none of the later ones does.
      for (const answer of answers) expect(answer).not.toContain(secret);
    }
  });
});
