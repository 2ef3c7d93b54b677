import { createCompany, createProvisioningToken, createUser, uniqueEmail } from './support/factories';
import { scim } from './support/scim-client';
import { startTestApp, TestApp } from './support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('SCIM Users', () => {
  let app: TestApp;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    token = await createProvisioningToken(app, await createCompany(app), 'okta');
    otherToken = await createProvisioningToken(app, await createCompany(app), 'entra-id');
  });
  afterAll(() => app.close());

  function oktaUser(email = uniqueEmail('okta')) {
    return {
      schemas: [USER],
      userName: email,
      name: { givenName: 'Alice', familyName: 'Smith' },
      emails: [{ primary: true, value: email, type: 'work' }],
      displayName: 'Alice Smith',
      locale: 'en-US',
      externalId: `00u${Math.random().toString(36).slice(2, 12)}`,
      groups: [],
      password: 'Sup3rSecret!',
      active: true,
    };
  }

  function entraUser(email = uniqueEmail('entra')) {
    return {
      schemas: [USER, ENTERPRISE],
      externalId: `obj-${Math.random().toString(36).slice(2, 12)}`,
      userName: email,
      active: true,
      displayName: 'Bob Jones',
      emails: [{ primary: true, type: 'work', value: email }],
      name: { formatted: 'Bob Jones', familyName: 'Jones', givenName: 'Bob' },
      [ENTERPRISE]: { employeeNumber: '701984', department: 'Finance', manager: { value: 'mgr-1' } },
    };
  }

  describe('discovery', () => {
    it('describes the service truthfully', async () => {
      const response = await scim(app, token)
        .get('/ServiceProviderConfig')
        .expect(200)
        .expect('content-type', /application\/scim\+json/);
      expect(response.body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 4 * 1024 * 1024 },
        filter: { supported: true, maxResults: expect.any(Number) },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      });
    });

    it('lists resource types and schemas with every attribute characteristic', async () => {
      const types = await scim(app, token).get('/ResourceTypes').expect(200);
      expect(types.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
      await scim(app, token).get('/ResourceTypes/User').expect(200);
      const schemas = await scim(app, token).get('/Schemas').expect(200);
      expect(schemas.body.totalResults).toBe(3);
      const enterprise = await scim(app, token).get(`/Schemas/${ENTERPRISE}`).expect(200);
      const manager = enterprise.body.attributes.find((attribute: { name: string }) => attribute.name === 'manager');
      expect(manager.subAttributes.map((sub: { name: string }) => sub.name)).toEqual(['value', '$ref', 'displayName']);
      const user = await scim(app, token).get(`/Schemas/${USER}`).expect(200);
      for (const attribute of user.body.attributes) {
        expect(Object.keys(attribute)).toEqual(
          expect.arrayContaining(['name', 'type', 'multiValued', 'required', 'caseExact', 'mutability', 'returned', 'uniqueness']),
        );
      }
      const missing = await scim(app, token).get('/Schemas/urn:nope').expect(404);
      expect(missing.body.schemas).toEqual([ERROR]);
    });
  });

  describe('create', () => {
    it('creates an Okta-shaped user: 201, Location, ETag, meta, no password', async () => {
      const body = oktaUser();
      const response = await scim(app, token)
        .post('/Users', body)
        .expect(201)
        .expect('content-type', /application\/scim\+json/);
      const user = response.body;
      expect(response.headers.location).toBe(user.meta.location);
      expect(response.headers.location).toMatch(new RegExp(`/scim/v2/Users/${user.id}$`));
      expect(response.headers.etag).toBe(user.meta.version);
      expect(user.meta).toEqual({
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: expect.any(String),
        version: expect.stringMatching(/^W\/".+"$/),
      });
      expect(user).toMatchObject({
        userName: body.userName,
        externalId: body.externalId,
        active: true,
        name: body.name,
        emails: body.emails,
        displayName: 'Alice Smith',
        locale: 'en-US',
      });
      expect(user.password).toBeUndefined();
      expect(JSON.stringify((await scim(app, token).get(`/Users/${user.id}`)).body)).not.toContain('Sup3rSecret!');
    });

    it('stores and returns the enterprise extension as Entra ID sends it', async () => {
      const user = await createUser(app, token, entraUser());
      expect(user.schemas).toEqual([USER, ENTERPRISE]);
      expect(user[ENTERPRISE]).toEqual({ employeeNumber: '701984', department: 'Finance', manager: { value: 'mgr-1' } });
      const read = await scim(app, token).get(`/Users/${user.id}`).expect(200);
      expect(read.body[ENTERPRISE].department).toBe('Finance');
    });

    it('ignores read-only attributes sent by the client', async () => {
      const body = { ...oktaUser(), id: 'client-chosen', meta: { created: '2001-01-01T00:00:00Z' }, groups: [{ value: 'x' }] };
      const user = await createUser(app, token, body);
      expect(user.id).not.toBe('client-chosen');
      expect(user.meta.created).not.toBe('2001-01-01T00:00:00Z');
      expect(user.groups).toBeUndefined();
    });

    it('creates an inactive user as inactive', async () => {
      const user = await createUser(app, token, { ...oktaUser(), active: false });
      expect(user.active).toBe(false);
    });

    it('answers a duplicate userName, in any case, with 409 uniqueness', async () => {
      const body = oktaUser();
      await createUser(app, token, body);
      const duplicate = await scim(app, token)
        .post('/Users', { ...body, userName: body.userName.toUpperCase() })
        .expect(409);
      expect(duplicate.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    });

    it('lets exactly one of concurrent creates of the same userName win', async () => {
      const body = oktaUser();
      const responses = await Promise.all(Array.from({ length: 10 }, () => scim(app, token).post('/Users', body)));
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(responses.filter((response) => response.status === 409)).toHaveLength(9);
    });

    it('requires userName', async () => {
      const response = await scim(app, token)
        .post('/Users', { schemas: [USER], name: { givenName: 'X' } })
        .expect(400);
      expect(response.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });

    it('accepts application/json and answers application/scim+json', async () => {
      const response = await scim(app, token).post('/Users').send(oktaUser()).expect(201);
      expect(response.headers['content-type']).toMatch(/application\/scim\+json/);
    });
  });

  describe('read', () => {
    it('answers 404 with a SCIM error for unknown ids, UUIDs or not', async () => {
      for (const id of ['6d3d5f0e-0000-4000-8000-000000000000', 'not-a-uuid', '1']) {
        const response = await scim(app, token).get(`/Users/${id}`).expect(404);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '404' });
      }
    });

    it('narrows a multi-valued attribute to the values a filter selects, on reads, lists, searches and writes', async () => {
      const body = {
        ...oktaUser(),
        emails: [
          { value: uniqueEmail('work'), type: 'work', primary: true },
          { value: uniqueEmail('home'), type: 'home' },
        ],
      };
      const user = await createUser(app, token, body);
      const [work, home] = body.emails;
      const query = (list: string, parameter = 'attributes') => `${parameter}=${encodeURIComponent(list)}`;
      const read = await scim(app, token)
        .get(`/Users/${user.id}?${query('emails[type eq "work"]')}`)
        .expect(200);
      expect(read.body).toEqual({ schemas: [USER], id: user.id, emails: [work] });
      const listed = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}&${query('userName,emails[type eq "home"].value')}`)
        .expect(200);
      expect(listed.body.Resources).toEqual([{ schemas: [USER], id: user.id, userName: user.userName, emails: [{ value: home.value }] }]);
      const searched = await scim(app, token)
        .post('/Users/.search', { filter: `userName eq "${user.userName}"`, attributes: ['emails[type eq "work"].value', 'displayName'] })
        .expect(200);
      expect(searched.body.Resources).toEqual([
        { schemas: [USER], id: user.id, displayName: user.displayName, emails: [{ value: work.value }] },
      ]);
      const excluded = await scim(app, token)
        .get(`/Users/${user.id}?${query('emails[type eq "work"]', 'excludedAttributes')}`)
        .expect(200);
      expect(excluded.body.emails).toEqual([home]);
      const patched = await scim(app, token)
        .patch(`/Users/${user.id}?${query('emails[primary eq true]')}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'title', value: 'CTO' }],
        })
        .expect(200);
      expect(patched.body).toEqual({ schemas: [USER], id: user.id, emails: [work] });
      const replaced = await scim(app, token)
        .put(`/Users/${user.id}?${query('emails[type eq "home"]')}`, body)
        .expect(200);
      expect(replaced.body).toEqual({ schemas: [USER], id: user.id, emails: [home] });
      const created = await scim(app, token)
        .post(`/Users?${query('emails[type eq "work"].type')}`, oktaUser())
        .expect(201);
      expect(created.body.emails).toEqual([{ type: 'work' }]);
      const bad = await scim(app, token)
        .get(`/Users/${user.id}?${query('emails[type ne "work"]')}`)
        .expect(400);
      expect(bad.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter' });
    });

    it('never shows another company’s user', async () => {
      const user = await createUser(app, token, oktaUser());
      await scim(app, otherToken).get(`/Users/${user.id}`).expect(404);
      await scim(app, otherToken)
        .patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
        .expect(404);
      await scim(app, otherToken).delete(`/Users/${user.id}`).expect(404);
      const list = await scim(app, otherToken)
        .get(`/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`)
        .expect(200);
      expect(list.body.totalResults).toBe(0);
      expect((await scim(app, token).get(`/Users/${user.id}`)).body.active).toBe(true);
    });

    it('projects attributes and excludedAttributes', async () => {
      const user = await createUser(app, token, entraUser());
      const narrowed = await scim(app, token).get(`/Users/${user.id}?attributes=userName,${ENTERPRISE}:department`).expect(200);
      expect(narrowed.body).toEqual({
        schemas: user.schemas,
        id: user.id,
        userName: user.userName,
        [ENTERPRISE]: { department: 'Finance' },
      });
      const excluded = await scim(app, token).get(`/Users/${user.id}?excludedAttributes=emails,name`).expect(200);
      expect(excluded.body.emails).toBeUndefined();
      expect(excluded.body.name).toBeUndefined();
      expect(excluded.body.userName).toBe(user.userName);
    });
  });

  describe('list and filter', () => {
    it('answers a test-connection lookup of an unknown user with 200 and an empty list', async () => {
      const response = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`userName eq "${uniqueEmail('nobody')}"`)}&startIndex=1&count=1`)
        .expect(200);
      expect(response.body).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('finds a user by userName in any case, quoted or bare, and by externalId', async () => {
      const user = await createUser(app, token, oktaUser());
      for (const filter of [
        `userName eq "${user.userName.toUpperCase()}"`,
        `userName eq ${user.userName}`,
        `USERNAME Eq "${user.userName}"`,
        `externalId eq "${user.externalId}"`,
        `${USER}:userName eq "${user.userName}"`,
      ]) {
        const response = await scim(app, token)
          .get(`/Users?filter=${encodeURIComponent(filter)}&startIndex=1&count=100`)
          .expect(200);
        expect(response.body.totalResults).toBe(1);
        expect(response.body.Resources[0].id).toBe(user.id);
      }
      const wrongCase = await scim(app, token).get(
        `/Users?filter=${encodeURIComponent(`externalId eq "${user.externalId.toUpperCase()}"`)}`,
      );
      expect(wrongCase.body.totalResults).toBe(0);
    });

    it('finds a user by email, the name admins type as the unique identifier: its userName or any of its emails', async () => {
      const user = await createUser(app, token, { ...oktaUser(), emails: [{ value: uniqueEmail('alias'), type: 'other' }] });
      const [alias] = user.emails;
      const other = await createUser(app, token, oktaUser());
      const find = async (filter: string) => {
        const response = await scim(app, token)
          .get(`/Users?filter=${encodeURIComponent(filter)}&startIndex=1&count=100`)
          .expect(200);
        return response.body.Resources.map((found: { id: string }) => found.id);
      };
      expect(await find(`email eq "${user.userName.toUpperCase()}"`)).toEqual([user.id]);
      expect(await find(`email eq "${alias.value}"`)).toEqual([user.id]);
      expect(await find(`Email eq ${alias.value.toUpperCase()}`)).toEqual([user.id]);
      expect(await find(`email eq "${other.userName}"`)).toEqual([other.id]);
      expect(await find('email eq "nobody@acme.test"')).toEqual([]);
      await scim(app, token)
        .patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `emails[value eq "${alias.value}"]` }] })
        .expect(200);
      expect(await find(`email eq "${alias.value}"`)).toEqual([]);
      expect(await find(`email co "${alias.value.split('@')[0]}"`)).toEqual([]);
      const foreign = await scim(app, otherToken)
        .get(`/Users?filter=${encodeURIComponent(`email eq "${user.userName}"`)}`)
        .expect(200);
      expect(foreign.body.totalResults).toBe(0);
    });

    it('finds inactive users too', async () => {
      const user = await createUser(app, token, { ...oktaUser(), active: false });
      const response = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`)
        .expect(200);
      expect(response.body.Resources[0]).toMatchObject({ id: user.id, active: false });
    });

    it('translates the rest of the grammar', async () => {
      const tag = Math.random().toString(36).slice(2, 8);
      const a = await createUser(app, token, { ...entraUser(`a-${tag}@acme.test`), name: { givenName: 'Ann', familyName: `Fam${tag}` } });
      const b = await createUser(app, token, {
        ...oktaUser(`b-${tag}@acme.test`),
        name: { givenName: 'Ben', familyName: `Fam${tag}` },
        active: false,
      });
      const ids = async (filter: string) => {
        const response = await scim(app, token)
          .get(`/Users?filter=${encodeURIComponent(filter)}&sortBy=userName`)
          .expect(200);
        return response.body.Resources.map((user: { id: string }) => user.id);
      };
      expect(await ids(`name.familyName eq "Fam${tag}"`)).toEqual([a.id, b.id]);
      expect(await ids(`name.familyName eq "Fam${tag}" and active eq false`)).toEqual([b.id]);
      expect(await ids(`name.familyName eq "Fam${tag}" and not (active eq false)`)).toEqual([a.id]);
      expect(await ids(`emails[type eq "work" and value co "${tag}@acme"]`)).toEqual([a.id, b.id]);
      expect(await ids(`emails[type eq "work"].value eq "a-${tag}@acme.test"`)).toEqual([a.id]);
      expect(await ids(`userName sw "a-${tag}" or userName sw "b-${tag}"`)).toEqual([a.id, b.id]);
      expect(await ids(`${ENTERPRISE}:department eq "Finance" and userName ew "${tag}@acme.test"`)).toEqual([a.id]);
      expect(await ids(`${ENTERPRISE}:manager.value eq "mgr-1" and name.familyName eq "Fam${tag}"`)).toEqual([a.id]);
      expect(await ids(`meta.lastModified gt "2000-01-01T00:00:00Z" and name.familyName eq "Fam${tag}"`)).toEqual([a.id, b.id]);
      expect(await ids(`meta.lastModified lt "2000-01-01T00:00:00Z" and name.familyName eq "Fam${tag}"`)).toEqual([]);
      expect(await ids(`name.familyName eq "Fam${tag}" and ${ENTERPRISE}:employeeNumber pr`)).toEqual([a.id]);
      const descending = await scim(app, token).get(
        `/Users?filter=${encodeURIComponent(`name.familyName eq "Fam${tag}"`)}&sortBy=userName&sortOrder=descending`,
      );
      expect(descending.body.Resources.map((user: { id: string }) => user.id)).toEqual([b.id, a.id]);
    });

    it('rejects filters it cannot evaluate with 400 invalidFilter, never an empty list', async () => {
      for (const filter of ['userName eq', 'userName xx "a"', 'nope eq "a"', '(userName eq "a"', 'emails[type eq "work"']) {
        const response = await scim(app, token)
          .get(`/Users?filter=${encodeURIComponent(filter)}`)
          .expect(400);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
        expect(response.body.detail).toEqual(expect.any(String));
      }
    });

    it('pages with startIndex and count over a stable order, and count=0 gives only the total', async () => {
      const fresh = await createCompany(app);
      const pagingToken = await createProvisioningToken(app, fresh, 'generic');
      const created = [];
      for (let i = 0; i < 7; i++) created.push((await scim(app, pagingToken).post('/Users', oktaUser()).expect(201)).body.id);
      const seen: string[] = [];
      for (let startIndex = 1; startIndex <= 7; startIndex += 3) {
        const page = await scim(app, pagingToken).get(`/Users?startIndex=${startIndex}&count=3`).expect(200);
        expect(page.body).toMatchObject({ totalResults: 7, startIndex, itemsPerPage: Math.min(3, 8 - startIndex) });
        seen.push(...page.body.Resources.map((user: { id: string }) => user.id));
      }
      expect([...seen].sort()).toEqual([...created].sort());
      const countOnly = await scim(app, pagingToken).get('/Users?count=0').expect(200);
      expect(countOnly.body).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
      await scim(app, pagingToken).get('/Users?count=abc').expect(400);
    });

    it('answers every page of an import as paging by offset would, from where earlier pages ended or not', async () => {
      const fresh = await createCompany(app);
      const pagingToken = await createProvisioningToken(app, fresh, 'generic');
      const created: string[] = [];
      for (let i = 0; i < 12; i++) created.push((await scim(app, pagingToken).post('/Users', oktaUser()).expect(201)).body.id);
      const page = async (startIndex: number): Promise<{ total: number; ids: string[] }> => {
        const response = await scim(app, pagingToken).get(`/Users?startIndex=${startIndex}&count=4`).expect(200);
        return { total: response.body.totalResults, ids: response.body.Resources.map((user: { id: string }) => user.id) };
      };
      const inOrder = async (): Promise<string[]> => [...(await page(1)).ids, ...(await page(5)).ids, ...(await page(9)).ids];
      expect(await inOrder()).toEqual(created);
      // The ends of those pages no longer fall where they did: the users after a deleted one move up.
      await scim(app, pagingToken).delete(`/Users/${created[2]}`).expect(204);
      const remaining = created.filter((id) => id !== created[2]);
      expect(await page(5)).toEqual({ total: 11, ids: remaining.slice(4, 8) });
      expect(await page(6)).toEqual({ total: 11, ids: remaining.slice(5, 9) });
      expect(await page(9)).toEqual({ total: 11, ids: remaining.slice(8) });
      const added = (await scim(app, pagingToken).post('/Users', oktaUser()).expect(201)).body.id as string;
      await scim(app, pagingToken)
        .patch(`/Users/${created[0]}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
        .expect(200);
      expect(await inOrder()).toEqual([...remaining, added]);
      expect(await page(9)).toEqual({ total: 12, ids: [...remaining.slice(8), added] });
      expect(await page(13)).toEqual({ total: 12, ids: [] });
    });

    it('searches with POST /Users/.search', async () => {
      const user = await createUser(app, token, oktaUser());
      const response = await scim(app, token)
        .post('/Users/.search', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          filter: `userName eq "${user.userName}"`,
          attributes: ['userName'],
          startIndex: 1,
          count: 10,
        })
        .expect(200);
      expect(response.body.Resources).toEqual([{ schemas: [USER], id: user.id, userName: user.userName }]);
    });
  });

  describe('replace', () => {
    it('replaces the resource, keeping id and created', async () => {
      const user = await createUser(app, token, entraUser());
      const replacement = { schemas: [USER], userName: user.userName, displayName: 'New Name', active: true, externalId: user.externalId };
      const response = await scim(app, token)
        .put(`/Users/${user.id}`, { ...replacement, id: 'other' })
        .expect(200);
      expect(response.body).toMatchObject({ id: user.id, displayName: 'New Name' });
      expect(response.body.name).toBeUndefined();
      expect(response.body[ENTERPRISE]).toBeUndefined();
      expect(response.body.meta.created).toBe(user.meta.created);
      expect(response.body.meta.version).not.toBe(user.meta.version);
    });

    it('enforces userName uniqueness and deactivates through PUT', async () => {
      const first = await createUser(app, token, oktaUser());
      const second = await createUser(app, token, oktaUser());
      const clash = await scim(app, token)
        .put(`/Users/${second.id}`, { ...oktaUser(first.userName) })
        .expect(409);
      expect(clash.body.scimType).toBe('uniqueness');
      const deactivated = await scim(app, token)
        .put(`/Users/${second.id}`, { ...oktaUser(second.userName), active: false })
        .expect(200);
      expect(deactivated.body.active).toBe(false);
    });
  });

  describe('patch', () => {
    const patch = (id: string, Operations: unknown[]) => scim(app, token).patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations });

    it('deactivates and reactivates the Okta way', async () => {
      const user = await createUser(app, token, oktaUser());
      const off = await patch(user.id, [{ op: 'replace', value: { active: false } }]).expect(200);
      expect(off.body.active).toBe(false);
      const on = await patch(user.id, [{ op: 'replace', value: { active: true } }]).expect(200);
      expect(on.body.active).toBe(true);
    });

    it('applies Entra ID quirks', async () => {
      const user = await createUser(app, token, entraUser());
      const response = await patch(user.id, [
        { op: 'Replace', path: 'displayName', value: 'Robert Jones' },
        { op: 'Add', path: 'nickName', value: 'Bobby' },
        { op: 'Add', path: 'title', value: 'Analyst' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'robert@acme.test' },
        { op: 'Replace', path: 'name.givenName', value: 'Robert' },
        { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
        { op: 'Replace', path: `${ENTERPRISE}:manager`, value: 'mgr-2' },
        { op: 'Replace', value: { 'name.familyName': 'Jonas', [`${ENTERPRISE}:employeeNumber`]: '42' } },
        { op: 'Replace', path: 'active', value: 'False' },
      ]).expect(200);
      expect(response.body).toMatchObject({
        displayName: 'Robert Jones',
        nickName: 'Bobby',
        title: 'Analyst',
        active: false,
        name: expect.objectContaining({ givenName: 'Robert', familyName: 'Jonas' }),
        [ENTERPRISE]: expect.objectContaining({ employeeNumber: '42', manager: { value: 'mgr-2' } }),
      });
      expect(response.body.emails).toEqual([expect.objectContaining({ type: 'work', value: 'robert@acme.test' })]);
      expect(response.body.addresses).toEqual([expect.objectContaining({ type: 'work', streetAddress: '1 Main St' })]);
      const removed = await patch(user.id, [{ op: 'Remove', path: `${ENTERPRISE}:manager` }]).expect(200);
      expect(removed.body[ENTERPRISE].manager).toBeUndefined();
    });

    it('applies all operations or none', async () => {
      const user = await createUser(app, token, oktaUser());
      await patch(user.id, [
        { op: 'replace', path: 'displayName', value: 'Changed' },
        { op: 'replace', path: 'noSuchAttribute', value: 'x' },
      ]).expect(400);
      expect((await scim(app, token).get(`/Users/${user.id}`)).body.displayName).toBe('Alice Smith');
    });

    it('refuses to remove userName', async () => {
      const user = await createUser(app, token, oktaUser());
      const response = await patch(user.id, [{ op: 'remove', path: 'userName' }]).expect(400);
      expect(response.body.schemas).toEqual([ERROR]);
      expect(response.body.scimType).toEqual(expect.any(String));
    });

    it('sets, keeps and clears the Enterprise extension named by its URN path', async () => {
      const user = await createUser(app, token, entraUser());
      const added = await patch(user.id, [
        { op: 'add', path: ENTERPRISE, value: { schemas: [ENTERPRISE], costCenter: 'CC-7', department: 'Sales' } },
      ]).expect(200);
      expect(added.body[ENTERPRISE]).toEqual({
        employeeNumber: '701984',
        department: 'Sales',
        costCenter: 'CC-7',
        manager: { value: 'mgr-1' },
      });
      const replaced = await patch(user.id, [{ op: 'replace', path: ENTERPRISE.toLowerCase(), value: { manager: 'mgr-2' } }]).expect(200);
      expect(replaced.body[ENTERPRISE]).toEqual({
        employeeNumber: '701984',
        department: 'Sales',
        costCenter: 'CC-7',
        manager: { value: 'mgr-2' },
      });
      const removed = await patch(user.id, [{ op: 'remove', path: ENTERPRISE }]).expect(200);
      expect(removed.body[ENTERPRISE]).toBeUndefined();
      expect(removed.body.schemas).toEqual([USER]);
      const read = await scim(app, token).get(`/Users/${user.id}`).expect(200);
      expect(read.body[ENTERPRISE]).toBeUndefined();
      const unknown = await patch(user.id, [{ op: 'add', path: ENTERPRISE, value: { favouriteColour: 'blue' } }]).expect(400);
      expect(unknown.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidPath', detail: expect.stringContaining('favouriteColour') });
    });

    it('answers 400 naming every operation it would not apply, and changes nothing', async () => {
      const user = await createUser(app, token, entraUser());
      const cases: [unknown, string, string][] = [
        [{ op: 'remove', path: 'active' }, 'mutability', 'active'],
        [{ op: 'replace', path: 'active', value: null }, 'mutability', 'active'],
        [{ op: 'replace', path: 'id', value: 'another-id' }, 'mutability', 'id'],
        [{ op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }, 'mutability', 'meta.created'],
        [{ op: 'remove', path: 'meta' }, 'mutability', 'meta'],
        [{ op: 'add', path: 'groups', value: [{ value: user.id }] }, 'mutability', 'groups'],
        [{ op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'Boss' }, 'mutability', 'manager.displayName'],
        [{ op: 'remove', path: 'schemas' }, 'mutability', 'schemas'],
        [{ op: 'replace', path: 'schemas', value: [USER] }, 'invalidValue', ENTERPRISE],
        [{ op: 'replace', path: 'name', value: { givenName: 'Bo', nickname: 'B' } }, 'invalidValue', 'nickname'],
        [{ op: 'replace', path: 'phoneNumbers[type pr].value', value: '+1 555 0100' }, 'noTarget', 'phoneNumbers'],
      ];
      for (const [operation, scimType, named] of cases) {
        const response = await patch(user.id, [{ op: 'replace', path: 'title', value: 'Changed' }, operation]);
        expect({ operation, status: response.status, body: response.body }).toMatchObject({
          status: 400,
          body: { schemas: [ERROR], status: '400', scimType, detail: expect.stringContaining(named) },
        });
      }
      const after = await scim(app, token).get(`/Users/${user.id}`).expect(200);
      expect(after.body).toEqual({ ...user, meta: { ...user.meta } });
    });

    it('accepts read-only values echoed unchanged, as Entra ID and full-resource clients send them', async () => {
      const user = await createUser(app, token, entraUser());
      const response = await patch(user.id, [
        { op: 'Replace', value: { id: user.id, schemas: user.schemas, meta: user.meta, displayName: 'Echoed' } },
        { op: 'replace', path: 'meta.created', value: user.meta.created },
      ]).expect(200);
      expect(response.body).toMatchObject({ id: user.id, displayName: 'Echoed', meta: { created: user.meta.created } });
    });

    it('answers a malformed PATCH body with 400', async () => {
      const user = await createUser(app, token, oktaUser());
      const response = await scim(app, token).patch(`/Users/${user.id}`, { Operations: 'nope' }).expect(400);
      expect(response.body.schemas).toEqual([ERROR]);
    });
  });

  describe('delete', () => {
    it('deletes: 204, then 404, and the userName can be provisioned again', async () => {
      const user = await createUser(app, token, oktaUser());
      await scim(app, token).delete(`/Users/${user.id}`).expect(204);
      await scim(app, token).get(`/Users/${user.id}`).expect(404);
      await scim(app, token).delete(`/Users/${user.id}`).expect(404);
      const again = await createUser(app, token, oktaUser(user.userName));
      expect(again.id).not.toBe(user.id);
    });
  });

  describe('ETags', () => {
    it('sends ETag, honours If-None-Match and refuses a stale If-Match with 412', async () => {
      const user = await createUser(app, token, oktaUser());
      const read = await scim(app, token).get(`/Users/${user.id}`).expect(200);
      expect(read.headers.etag).toBe(user.meta.version);
      await scim(app, token).get(`/Users/${user.id}`).set('If-None-Match', read.headers.etag).expect(304);

      const changed = await scim(app, token)
        .patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'A' }] })
        .set('If-Match', read.headers.etag)
        .expect(200);
      const stale = await scim(app, token)
        .patch(`/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'B' }] })
        .set('If-Match', read.headers.etag)
        .expect(412);
      expect(stale.body).toMatchObject({ schemas: [ERROR], status: '412' });
      await scim(app, token).put(`/Users/${user.id}`, oktaUser(user.userName)).set('If-Match', read.headers.etag).expect(412);
      await scim(app, token).delete(`/Users/${user.id}`).set('If-Match', read.headers.etag).expect(412);
      await scim(app, token).delete(`/Users/${user.id}`).set('If-Match', changed.headers.etag).expect(204);
    });
  });

  describe('protocol', () => {
    it('answers unknown SCIM routes, bad JSON and oversized bodies with SCIM errors', async () => {
      const unknown = await scim(app, token).get('/Nope').expect(404);
      expect(unknown.body).toMatchObject({ schemas: [ERROR], status: '404' });
      const badJson = await scim(app, token).post('/Users').set('Content-Type', 'application/scim+json').send('{"userName": ').expect(400);
      expect(badJson.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
      const huge = await scim(app, token)
        .post('/Users', { ...oktaUser(), title: 'x'.repeat(2 * 1024 * 1024) })
        .expect(413);
      expect(huge.body).toMatchObject({ schemas: [ERROR], status: '413' });
    });

    it('requires a provisioning token', async () => {
      const response = await app.http.get('/scim/v2/Users').expect(401);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '401' });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    });
  });

  describe('provider lifecycles', () => {
    it('follows Okta: create → filter → update → deactivate → reactivate', async () => {
      const body = oktaUser();
      const created = await createUser(app, token, body);
      const found = await scim(app, token).get(
        `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}&startIndex=1&count=100`,
      );
      expect(found.body.Resources[0].id).toBe(created.id);
      const updated = await scim(app, token)
        .put(`/Users/${created.id}`, { ...body, id: created.id, name: { givenName: 'Alicia', familyName: 'Smith' } })
        .expect(200);
      expect(updated.body.name.givenName).toBe('Alicia');
      const deactivated = await scim(app, token)
        .put(`/Users/${created.id}`, { ...body, active: false })
        .expect(200);
      expect(deactivated.body.active).toBe(false);
      const lookup = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}`)
        .expect(200);
      expect(lookup.body.Resources[0]).toMatchObject({ id: created.id, active: false });
      const reactivated = await scim(app, token)
        .patch(`/Users/${created.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] })
        .expect(200);
      expect(reactivated.body.active).toBe(true);
    });

    it('follows Entra ID: filter by externalId → create → Replace ops → soft delete → delete', async () => {
      const body = entraUser();
      const before = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`externalId eq "${body.externalId}"`)}`)
        .expect(200);
      expect(before.body.totalResults).toBe(0);
      const created = await createUser(app, token, body);
      await scim(app, token)
        .patch(`/Users/${created.id}`, {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'Replace', path: 'displayName', value: 'Bobby Jones' },
            { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Sales' },
          ],
        })
        .expect(200);
      const softDeleted = await scim(app, token)
        .patch(`/Users/${created.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
        .expect(200);
      expect(softDeleted.body).toMatchObject({
        active: false,
        displayName: 'Bobby Jones',
        [ENTERPRISE]: expect.objectContaining({ department: 'Sales' }),
      });
      const after = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`externalId eq "${body.externalId}"`)}`)
        .expect(200);
      expect(after.body.Resources[0]).toMatchObject({ id: created.id, active: false });
      await scim(app, token).delete(`/Users/${created.id}`).expect(204);
      await scim(app, token).get(`/Users/${created.id}`).expect(404);
    });
  });
});
