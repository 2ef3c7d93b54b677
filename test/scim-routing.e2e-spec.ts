import { createCompany, createProvisioningToken, TestCompany, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

interface Resource {
  id: string;
  schemas: string[];
  [attribute: string]: unknown;
}

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
      ['GET', '/SCIM/v2/Nope'],
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
      await scim(app, token).get('/ServiceProviderConfig').expect(200);
      await app.http.get('/scim/v2/ResourceTypes').expect(401);
    });
  });

  describe('repeated slashes', () => {
    it('serves /scim/v2//Users as /scim/v2/Users: normal Location, normal sync-log entry', async () => {
      const userName = uniqueEmail();
      const created = await app.http
        .post('/scim/v2//Users')
        .set(bearer(token))
        .send({ schemas: [USER], userName })
        .expect(201);
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
        const match = page.body.items.find((candidate: { resourceId: string }) => candidate.resourceId === created.body.id);
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

  describe('search at the root', () => {
    let rootToken: string;
    let tag: string;
    let users: Resource[];
    let groups: Resource[];
    let before: string;

    const search = async (body: Record<string, unknown>) =>
      (
        await scim(app, rootToken)
          .post('/.search')
          .send({ schemas: [SEARCH], ...body })
          .expect(200)
      ).body;
    const ids = (body: { Resources: Resource[] }) => body.Resources.map((resource) => resource.id);

    beforeAll(async () => {
      const acme = await createCompany(app, 'Root search');
      rootToken = await createProvisioningToken(app, acme, 'generic');
      tag = `root-${uniqueEmail().slice(5, 13)}`;
      before = new Date(Date.now() - 1000).toISOString();
      users = [];
      for (const [index, displayName] of ['Bravo', 'alpha', 'Charlie'].entries()) {
        const body = { schemas: [USER], userName: uniqueEmail(), externalId: `${tag}-u${index}`, displayName, title: 'Engineer' };
        users.push((await scim(app, rootToken).post('/Users').send(body).expect(201)).body);
      }
      groups = [];
      for (const [index, displayName] of ['Delta', 'echo'].entries()) {
        const members = index === 0 ? [{ value: users[0].id }] : [];
        const body = { schemas: [GROUP], displayName: `${displayName} ${tag}`, externalId: `${tag}-g${index}`, members };
        groups.push((await scim(app, rootToken).post('/Groups').send(body).expect(201)).body);
      }
      // Another company's look-alikes stay out of every answer.
      const globex = await createCompany(app, 'Globex');
      const globexScim = scim(app, await createProvisioningToken(app, globex, 'generic'));
      const globexUser = { schemas: [USER], userName: uniqueEmail(), externalId: `${tag}-u9` };
      await globexScim.post('/Users').send(globexUser).expect(201);
      const globexGroup = { schemas: [GROUP], displayName: 'G', externalId: `${tag}-g9` };
      await globexScim.post('/Groups').send(globexGroup).expect(201);
    });

    it('finds Users and Groups together, users first, each with its own schemas and resourceType', async () => {
      const body = await search({ filter: `externalId sw "${tag}"` });
      expect(body).toMatchObject({ schemas: [LIST], totalResults: 5, startIndex: 1, itemsPerPage: 5 });
      expect(ids(body)).toEqual([...users, ...groups].map((resource) => resource.id));
      expect(body.Resources[0]).toMatchObject({ schemas: [USER], userName: users[0].userName, meta: { resourceType: 'User' } });
      expect(body.Resources[3]).toMatchObject({
        schemas: [GROUP],
        displayName: groups[0].displayName,
        members: [{ value: users[0].id }],
        meta: { resourceType: 'Group', location: groups[0].meta && (groups[0].meta as { location: string }).location },
      });
    });

    it('answers GET /scim/v2?filter= and GET /scim/v2/?filter= alike', async () => {
      const filter = encodeURIComponent(`externalId sw "${tag}"`);
      for (const path of [`/scim/v2?filter=${filter}`, `/scim/v2/?filter=${filter}&startIndex=2&count=3`]) {
        const response = await app.http.get(path).set(bearer(rootToken)).expect(200);
        expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(response.body.totalResults).toBe(5);
      }
      const page = await scim(app, rootToken).get(`/?filter=${filter}&startIndex=2&count=3`).expect(200);
      expect(ids(page.body)).toEqual([users[1].id, users[2].id, groups[0].id]);
    });

    it('applies an attribute to the type that has it: one a type lacks matches none of that type', async () => {
      expect(ids(await search({ filter: `userName eq "${(users[1].userName as string).toUpperCase()}"` }))).toEqual([users[1].id]);
      expect(ids(await search({ filter: `members[value eq "${users[0].id}"]` }))).toEqual([groups[0].id]);
      const either = await search({
        filter: `userName eq "${users[2].userName as string}" or displayName eq "${groups[1].displayName as string}"`,
      });
      expect(ids(either)).toEqual([users[2].id, groups[1].id]);
      const titled = await search({ filter: `externalId sw "${tag}" and not (title eq "Engineer")` });
      expect(ids(titled)).toEqual(groups.map((group) => group.id));
      expect(ids(await search({ filter: `id eq "${groups[1].id}" or id eq "${users[0].id}"` }))).toEqual([users[0].id, groups[1].id]);
      const recent = await search({ filter: `meta.lastModified gt "${before}" and externalId sw "${tag}"` });
      expect(recent.totalResults).toBe(5);
      const onlyGroups = await search({ filter: `meta.resourceType eq "Group" and externalId sw "${tag}"` });
      expect(ids(onlyGroups)).toEqual(groups.map((group) => group.id));
      // `email`, the name identity-provider admins type, is a User leniency: no group has one.
      expect(ids(await search({ filter: `email eq "${users[2].userName as string}"` }))).toEqual([users[2].id]);
    });

    it('pages through both types as one list with a stable order and the total on every page', async () => {
      const seen: string[] = [];
      for (let startIndex = 1; startIndex <= 5; startIndex += 2) {
        const page = await search({ filter: `externalId sw "${tag}"`, startIndex, count: 2 });
        expect(page).toMatchObject({ totalResults: 5, startIndex, itemsPerPage: Math.min(2, 6 - startIndex) });
        seen.push(...ids(page));
      }
      expect(seen).toEqual([...users, ...groups].map((resource) => resource.id));
      const countOnly = await search({ filter: `externalId sw "${tag}"`, count: 0 });
      expect(countOnly).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
      expect(await search({ filter: `externalId sw "${tag}"`, startIndex: 9 })).toMatchObject({ totalResults: 5, Resources: [] });
    });

    it('sorts each type by sortBy in sortOrder', async () => {
      const body = await search({ filter: `externalId sw "${tag}"`, sortBy: 'displayName', sortOrder: 'descending' });
      expect(body.Resources.map((resource: Resource) => resource.displayName)).toEqual([
        'Charlie',
        'Bravo',
        'alpha',
        groups[1].displayName,
        groups[0].displayName,
      ]);
      const byUserName = await search({ filter: `externalId sw "${tag}"`, sortBy: 'userName' });
      expect(byUserName.totalResults).toBe(5);
      expect(ids(byUserName).slice(0, 3).sort()).toEqual(users.map((user) => user.id).sort());
    });

    it('projects each resource with attributes and excludedAttributes', async () => {
      const narrowed = await search({ filter: `externalId sw "${tag}"`, attributes: ['displayName'] });
      for (const resource of narrowed.Resources) expect(Object.keys(resource).sort()).toEqual(['displayName', 'id', 'schemas']);
      const filter = encodeURIComponent(`externalId sw "${tag}"`);
      const withoutMembers = await scim(app, rootToken).get(`?filter=${filter}&excludedAttributes=members,emails`).expect(200);
      expect(withoutMembers.body.Resources[3]).not.toHaveProperty('members');
      expect(withoutMembers.body.Resources[3]).toHaveProperty('displayName');
      expect(withoutMembers.body.Resources[0]).toHaveProperty('userName');
    });

    it('answers a filter or sortBy that neither type can take with a SCIM 400', async () => {
      const refused = [{ filter: 'nickname2 eq "x"' }, { filter: 'userName eq' }, { sortBy: 'nickname2' }, { filter: 'active eq "maybe"' }];
      for (const body of refused) {
        const response = await scim(app, rootToken)
          .post('/.search')
          .send({ schemas: [SEARCH], ...body })
          .expect(400);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '400' });
      }
      const bad = await scim(app, rootToken)
        .get(`?filter=${encodeURIComponent('nickname2 eq "x"')}`)
        .expect(400);
      expect(bad.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter' });
    });
  });
});
