import { createCompany, createConnectorToken, createProvisioningApiKey, createProvisioningToken, TestCompany } from './support/factories';
import { scim } from './support/scim-client';
import { SHARE_INTERVAL_MS } from '../src/rate-limit/sliding-window-throttler.storage';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually } from './support/wait-for';

const LIMIT = 5;

describe('rate limits per credential', () => {
  let app: TestApp;
  let acme: TestCompany;
  let globex: TestCompany;
  let acmeToken: string;
  let globexToken: string;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        SCIM_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        ADMIN_RATE_LIMIT_PER_MINUTE: String(LIMIT),
        PROVISIONING_API_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      },
    });
    acme = await createCompany(app);
    globex = await createCompany(app);
    acmeToken = await createProvisioningToken(app, acme, 'okta');
    globexToken = await createProvisioningToken(app, globex, 'okta');
  });
  afterAll(() => app.close());

  it('answers a noisy provisioning token with 429, Retry-After and a SCIM error, and leaves others alone', async () => {
    for (let i = 0; i < LIMIT; i++) await scim(app, acmeToken).get('/Users?count=1').expect(200);
    const limited = await scim(app, acmeToken).get('/Users?count=1').expect(429);
    expect(limited.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await scim(app, globexToken).get('/Users?count=1').expect(200);
  });

  it('limits each admin key on its own', async () => {
    // createProvisioningToken used one request of acme's admin key already.
    for (let i = 0; i < LIMIT - 1; i++) await app.http.get('/api/admin/admins').set(bearer(acme.superAdminKey)).expect(200);
    const limited = await app.http.get('/api/admin/admins').set(bearer(acme.superAdminKey)).expect(429);
    expect(limited.body.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await app.http.get('/api/admin/admins').set(bearer(globex.superAdminKey)).expect(200);
  });

  it('counts a refused admin key too: a caller guessing keys gets 429 once the limit is spent, before any key check', async () => {
    const guessed = 'dpsadm_guessed-key-that-does-not-exist-0123456789';
    for (let i = 0; i < LIMIT; i++) await app.http.get('/api/admin/admins').set(bearer(guessed)).expect(401);
    const limited = await app.http.get('/api/admin/admins').set(bearer(guessed)).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts each operation of a Bulk request like a single request: those beyond the limit get 429 in their place', async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'okta');
    const operations = Array.from({ length: LIMIT + 1 }, (_, index) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `u${index}`,
      data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `bulk-${index}-${company.companyId}@acme.test` },
    }));
    const response = await scim(app, token)
      .post('/Bulk')
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: operations })
      .expect(200);
    // The Bulk request is one request, and each operation one more.
    const statuses = response.body.Operations.map((operation: { status: string }) => operation.status);
    expect(statuses).toEqual([...Array(LIMIT - 1).fill('201'), '429', '429']);
    expect(response.body.Operations[LIMIT - 1].response).toMatchObject({
      status: '429',
      detail: expect.stringMatching(/retry after \d+ s/),
    });
    await scim(app, token).get('/Users?count=1').expect(429);
  });

  it('limits each Provisioning API key on its own, with 429, Retry-After and the error shape of /api/v1; a refused write does nothing', async () => {
    const company = await createCompany(app);
    const [noisy, quiet] = [await createProvisioningApiKey(app, company), await createProvisioningApiKey(app, company)];
    const other = await createProvisioningApiKey(app, await createCompany(app));
    for (let i = 0; i < LIMIT; i++) await app.http.get('/api/v1/users').set(bearer(noisy)).expect(200);

    const limited = await app.http.get('/api/v1/users').set(bearer(noisy)).expect(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      code: 'rate_limited',
      message: expect.stringMatching(/^Too many requests: at most 5 per 60 s for this credential; retry after \d+ s$/),
      requestId: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const email = `limited-${company.companyId}@acme.test`;
    await app.http.post('/api/v1/users').set(bearer(noisy)).send({ email }).expect(429);

    await app.http.get('/api/v1/users').set(bearer(other)).expect(200);
    const found = await app.http
      .get(`/api/v1/users?email=${encodeURIComponent(email)}`)
      .set(bearer(quiet))
      .expect(200);
    expect(found.body.items).toEqual([]);
  });

  it('limits each directory connector token on its own, with 429 and Retry-After; a refused snapshot is not opened', async () => {
    const company = await createCompany(app);
    const connector = await createConnectorToken(app, company);
    const snapshots: string[] = [];
    for (let i = 0; i < LIMIT; i++)
      snapshots.push((await app.http.post('/api/connector/v1/snapshots').set(bearer(connector)).expect(201)).body.id);
    const limited = await app.http.post('/api/connector/v1/snapshots').set(bearer(connector)).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const opened = (await app.http.get('/api/admin/directory-sync/snapshots?limit=200').set(bearer(company.superAdminKey)).expect(200))
      .body;
    expect(opened.items.map((snapshot: { id: string }) => snapshot.id).sort()).toEqual(snapshots.sort());
  });

  it('does not count health checks', async () => {
    for (let i = 0; i < LIMIT * 2; i++) await app.http.get('/health').expect(200);
  });
});

// Two instances need one database; on the embedded one a second app gets a database of its own.
const onPostgreSQL = usesEmbeddedDatabase ? describe.skip : describe;

onPostgreSQL('rate limits across instances', () => {
  const SHARED_LIMIT = 10;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { SCIM_RATE_LIMIT_PER_MINUTE: String(SHARED_LIMIT) };
    [first, second] = [await startTestApp({ env }), await startTestApp({ env })];
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('keeps one limit per credential over every instance (or WEB_CONCURRENCY worker)', async () => {
    const company = await createCompany(first);
    const token = await createProvisioningToken(first, company, 'okta');
    for (let i = 0; i < 6; i++) await scim(first, token).get('/ServiceProviderConfig').expect(200);
    // The second instance reads the first one's count when it first meets the credential, once it is shared.
    await new Promise((resolve) => setTimeout(resolve, 4 * SHARE_INTERVAL_MS));
    for (let i = 0; i < 4; i++) await scim(second, token).get('/ServiceProviderConfig').expect(200);
    await scim(second, token).get('/ServiceProviderConfig').expect(429);
    await eventually(() => scim(first, token).get('/ServiceProviderConfig').expect(429), 4 * SHARE_INTERVAL_MS);
  });
});
