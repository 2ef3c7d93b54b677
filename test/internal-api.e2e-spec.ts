import { createCompany, uniqueEmail } from './support/factories';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';

describe('internal API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates a business account with its super admin, showing the key once', async () => {
    const superAdminEmail = uniqueEmail('owner');
    const response = await app.http
      .post('/api/internal/companies')
      .set(bearer(TEST_SERVICE_SECRET))
      .send({ name: 'Initech', superAdminEmail })
      .expect(201);
    expect(response.body).toEqual({
      companyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      superAdmin: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: superAdminEmail, apiKey: expect.stringMatching(/^dpsadm_/) },
    });
    const admins = await app.http.get('/api/admin/admins').set(bearer(response.body.superAdmin.apiKey)).expect(200);
    expect(admins.body).toEqual({ items: [expect.objectContaining({ email: superAdminEmail, role: 'super_admin' })], nextCursor: null });
  });

  it('refuses a missing, wrong or admin credential', async () => {
    const company = await createCompany(app);
    const body = { name: 'Nope', superAdminEmail: uniqueEmail() };
    await app.http.post('/api/internal/companies').send(body).expect(401);
    await app.http.post('/api/internal/companies').set(bearer('wrong-secret-0123456789')).send(body).expect(401);
    await app.http
      .post('/api/internal/companies')
      .set(bearer(`${TEST_SERVICE_SECRET}x`))
      .send(body)
      .expect(401);
    await app.http.post('/api/internal/companies').set(bearer(company.superAdminKey)).send(body).expect(401);
  });

  it('refuses the service credential on admin routes', async () => {
    await app.http.get('/api/admin/admins').set(bearer(TEST_SERVICE_SECRET)).expect(401);
  });

  it('validates the request body', async () => {
    const response = await app.http
      .post('/api/internal/companies')
      .set(bearer(TEST_SERVICE_SECRET))
      .send({ name: '', superAdminEmail: 'nope' })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('name should not be empty') });
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        { field: 'name', problem: 'name should not be empty' },
        { field: 'superAdminEmail', problem: 'superAdminEmail must be an email' },
      ]),
    );
  });
});
