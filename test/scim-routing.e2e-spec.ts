import { bearer, createCompany, createProvisioningToken, eventually, TestCompany, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('SCIM routing', () => {
  let app: TestApp;
  let company: TestCompany;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    token = await createProvisioningToken(app, company, 'okta');
  });
  afterAll(() => app.close());

  describe('authentication before routing', () => {
    const paths: [string, string][] = [
      ['POST', '/scim/v2/Bulk'],
      ['GET', '/scim/v2/Nope'],
      ['DELETE', '/scim/v2/Users'],
      ['PUT', '/scim/v2/Nope/deeper/still'],
      ['GET', '/scim/v2'],
      ['POST', '/scim/v2/.search'],
      ['GET', '/scim/v2/Users'],
      ['GET', '/scim/v2/ServiceProviderConfig'],
      ['GET', '/Scim/V2/Schemas'],
      ['PATCH', '/scim/v2//Groups/x'],
    ];

    it.each(paths)('answers %s %s without a valid token with a SCIM 401 and WWW-Authenticate: Bearer', async (method, path) => {
      for (const authorization of [undefined, 'Bearer dpsscim_not-a-token', `Basic ${token}`]) {
        const call = app.http[method.toLowerCase() as 'get'](path);
        const response = await (authorization ? call.set('Authorization', authorization) : call).send({});
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
        expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '401', detail: expect.any(String) });
      }
    });

    it.each([
      ['POST', '/scim/v2/Nope'],
      ['GET', '/scim/v2/Nope'],
      ['DELETE', '/scim/v2/Users'],
      ['PUT', '/scim/v2/Nope/deeper/still'],
    ])('answers an authenticated %s %s for no route with a SCIM 404', async (method, path) => {
      const response = await app.http[method.toLowerCase() as 'get'](path).set(bearer(token)).send({});
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '404' });
    });

    it('serves discovery to an authenticated caller only, as before', async () => {
      await app.http.get('/scim/v2/ServiceProviderConfig').set(bearer(token)).expect(200);
      await app.http.get('/scim/v2/ResourceTypes').expect(401);
    });
  });

  describe('repeated slashes', () => {
    it('serves /scim/v2//Users as /scim/v2/Users: normal Location, normal sync-log entry', async () => {
      const userName = uniqueEmail();
      const created = await app.http.post('/scim/v2//Users').set(bearer(token)).send({ schemas: [USER], userName }).expect(201);
      expect(created.headers.location).toBe(`${app.running.config.http.publicBaseUrl}/scim/v2/Users/${created.body.id}`);
      expect(created.body.meta.location).toBe(created.headers.location);

      const found = await app.http
        .get(`//scim/v2//Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)
        .set(bearer(token))
        .expect(200);
      expect(found.body).toMatchObject({ schemas: [LIST], totalResults: 1, Resources: [{ id: created.body.id }] });
      await app.http.get(`/scim/v2//Users//${created.body.id}`).set(bearer(token)).expect(200);

      const entry = await eventually(async () => {
        const page = await app.http.get('/api/admin/sync-log').set(bearer(company.superAdminKey)).expect(200);
        const match = page.body.entries.find((candidate: { resourceId: string }) => candidate.resourceId === created.body.id);
        expect(match).toBeDefined();
        return match;
      });
      expect(entry).toMatchObject({ operation: 'create', resourceType: 'User', status: 201, outcome: 'success' });
    });

    it('keeps doubled slashes inside the query string', async () => {
      const group = await app.http
        .post('/scim/v2//Groups')
        .set(bearer(token))
        .send({ schemas: [GROUP], displayName: `https://x//y ${uniqueEmail()}` })
        .expect(201);
      const response = await app.http
        .get(`/scim/v2//Groups?filter=${encodeURIComponent(`displayName eq "${group.body.displayName}"`)}`)
        .set(bearer(token))
        .expect(200);
      expect(response.body.Resources.map((resource: { id: string }) => resource.id)).toEqual([group.body.id]);
    });
  });
});
