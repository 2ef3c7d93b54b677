import { randomUUID } from 'node:crypto';
import { createCompany, TestCompany } from './support/factories';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The one error shape of the admin, internal and health APIs. */
function expectErrorShape(body: Record<string, unknown>, statusCode: number, code: string): void {
  expect(body).toEqual({
    statusCode,
    error: expect.any(String),
    code,
    message: expect.any(String),
    requestId: expect.any(String),
    ...(body.details ? { details: expect.any(Array) } : {}),
  });
  expect((body.requestId as string).length).toBeGreaterThan(0);
}

describe('error responses and request ids', () => {
  let app: TestApp;
  let company: TestCompany;

  beforeAll(async () => {
    app = await startTestApp({ captureLogs: true });
    company = await createCompany(app);
  });
  afterAll(async () => app.close());

  const deeplyNested = '['.repeat(5000) + ']'.repeat(5000);
  const jsonRoutes: { method: 'post' | 'put'; path: string; credential: () => string }[] = [
    { method: 'post', path: '/api/admin/admins', credential: () => company.superAdminKey },
    { method: 'put', path: '/api/admin/policies/master-password-reset', credential: () => company.superAdminKey },
    { method: 'post', path: '/api/internal/companies', credential: () => TEST_SERVICE_SECRET },
  ];

  it.each(jsonRoutes)(
    '$method $path: deep nesting, huge arrays and wrong content types are 4xx that say what to send',
    async (route) => {
      const send = (body: string, contentType = 'application/json') =>
        app.http[route.method](route.path).set(bearer(route.credential())).set('Content-Type', contentType).send(body);

      const deep = await send(deeplyNested).expect(400);
      expectErrorShape(deep.body, 400, 'malformed_json');
      expect(deep.body.message).toMatch(/nested too deeply/);
      expectErrorShape((await send(`{"email":${deeplyNested}}`).expect(400)).body, 400, 'malformed_json');

      const hugeArray = `[${Array.from({ length: 200_000 }, () => '1').join(',')}]`;
      expectErrorShape((await send(hugeArray).expect(400)).body, 400, 'validation_failed');
      const tooLarge = await send(`{"name":"${'x'.repeat(1_100_000)}"}`).expect(413);
      expectErrorShape(tooLarge.body, 413, 'payload_too_large');

      const form = await send('email=a%40b.test&role=admin', 'application/x-www-form-urlencoded').expect(415);
      expectErrorShape(form.body, 415, 'unsupported_media_type');
      expect(form.body.message).toContain('send application/json');
      expectErrorShape((await send('{"email":"x"}', 'text/plain').expect(415)).body, 415, 'unsupported_media_type');

      const malformed = await send('{"email": ').expect(400);
      expectErrorShape(malformed.body, 400, 'malformed_json');
    },
    180_000,
  );

  it('validation failures name each field with its problem', async () => {
    const response = await app.http
      .post('/api/admin/admins')
      .set(bearer(company.superAdminKey))
      .send({ email: 'not-an-email', role: 'owner' })
      .expect(400);
    expectErrorShape(response.body, 400, 'validation_failed');
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', problem: 'email must be an email' },
        { field: 'role', problem: expect.stringContaining('role must be one of') },
      ]),
    );
    const badId = await app.http.delete('/api/admin/admins/not-a-uuid').set(bearer(company.superAdminKey)).expect(400);
    expectErrorShape(badId.body, 400, 'validation_failed');
    expect(badId.body.details).toEqual([{ field: 'id', problem: 'id must be a UUID' }]);
  });

  it('domain errors, unknown routes and 401s share the shape', async () => {
    const missing = await app.http.delete(`/api/admin/admins/${randomUUID()}`).set(bearer(company.superAdminKey)).expect(404);
    expectErrorShape(missing.body, 404, 'not_found');
    expectErrorShape((await app.http.get('/api/admin/nothing-here').expect(404)).body, 404, 'route_not_found');
    expectErrorShape((await app.http.get('/api/admin/admins').expect(401)).body, 401, 'missing_credential');
  });

  it('every answer carries X-Request-Id, the same id as its log line; a sane caller id is kept', async () => {
    const given = 'okta-sync:2026.11.30_abc-123';
    const kept = await app.http.get('/health').set('X-Request-Id', given).expect(200);
    expect(kept.headers['x-request-id']).toBe(given);

    expect((await app.http.get('/health').set('X-Request-Id', 'y'.repeat(64))).headers['x-request-id']).toBe('y'.repeat(64));
    for (const insane of ['x'.repeat(65), 'has space', 'semi;colon', '']) {
      const replaced = await app.http.get('/health').set('X-Request-Id', insane);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }

    const answers = await Promise.all([
      app.http.get('/scim/v2/Users'),
      app.http.get('/scim/v2/nowhere').set(bearer(company.superAdminKey)),
      app.http.get('/nowhere'),
      app.http.post('/api/admin/admins').set(bearer(company.superAdminKey)).set('Content-Type', 'application/json').send('{'),
      app.http.get('/api/admin/admins').set(bearer(company.superAdminKey)),
    ]);
    for (const answer of answers) {
      const id = answer.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      if (answer.body?.requestId) expect(answer.body.requestId).toBe(id);
      await expectLogged(id);
    }
  });

  it('SCIM errors stay SCIM error bodies', async () => {
    const response = await app.http
      .post('/scim/v2/Users')
      .set(bearer(company.superAdminKey))
      .set('Content-Type', 'application/scim+json')
      .send('{}');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });
    expect(response.body).not.toHaveProperty('code');
  });

  async function expectLogged(requestId: string): Promise<void> {
    await eventually(async () => expect(app.logs.some((line) => line.includes(`"id":"${requestId}"`))).toBe(true));
  }
});
