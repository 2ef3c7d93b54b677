import { randomUUID } from 'node:crypto';
import { changeEventValidator } from './support/change-event-validator';
import { companyEvents, FeedEvent } from './support/events-feed';
import { createCompany, createProvisioningApiKey, TestCompany, uniqueEmail } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

describe('Provisioning API: users and groups', () => {
  let app: TestApp;
  let company: TestCompany;
  let key: string;
  let readOnlyKey: string;
  let integrationId: string;

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    key = await createProvisioningApiKey(app, company);
    readOnlyKey = await createProvisioningApiKey(app, company, 'read-only');
    integrationId = (
      await app.http.get('/api/admin/directory-integrations/provisioning-api').set(bearer(company.superAdminKey)).expect(200)
    ).body.integrationId;
  });
  afterAll(() => app.close());

  const api = (credential = key) => ({
    get: (path: string) => app.http.get(`/api/v1${path}`).set(bearer(credential)),
    post: (path: string, body?: object) => app.http.post(`/api/v1${path}`).set(bearer(credential)).send(body),
    patch: (path: string, body: object) => app.http.patch(`/api/v1${path}`).set(bearer(credential)).send(body),
    put: (path: string, body: object) => app.http.put(`/api/v1${path}`).set(bearer(credential)).send(body),
    delete: (path: string) => app.http.delete(`/api/v1${path}`).set(bearer(credential)),
  });
  const newUser = async (fields: object = {}) =>
    (
      await api()
        .post('/users', { email: uniqueEmail('api'), ...fields })
        .expect(201)
    ).body;

  describe('users', () => {
    it('creates a user managed by the Provisioning API tab, reads it, and refuses a taken email', async () => {
      const email = uniqueEmail('alice');
      const created = await api()
        .post('/users', { email, externalId: 'hr-1', displayName: 'Alice Martin', givenName: 'Alice', familyName: 'Martin' })
        .expect(201);
      expect(created.body).toMatchObject({
        email,
        externalId: 'hr-1',
        displayName: 'Alice Martin',
        givenName: 'Alice',
        familyName: 'Martin',
        state: 'provisioned',
        managedBy: { integrationId, provider: 'provisioning-api' },
        version: 1,
      });
      expect((await api(readOnlyKey).get(`/users/${created.body.id}`).expect(200)).body).toEqual(created.body);
      const admin = await app.http.get(`/api/admin/users/${created.body.id}`).set(bearer(company.superAdminKey)).expect(200);
      expect(admin.body.emails).toEqual([{ value: email, type: 'work', primary: true }]);

      const taken = await api().post('/users', { email: email.toUpperCase() }).expect(409);
      expect(taken.body).toMatchObject({ code: 'already_exists', message: expect.stringContaining('already exists') });
      const disabled = await newUser({ active: false });
      expect(disabled.state).toBe('disabled');
    });

    it('answers invalid input, unknown ids and another company’s user with the one error shape', async () => {
      const invalid = await api().post('/users', { email: 'not-an-email', nickname: 'x' }).expect(400);
      expect(invalid.body).toMatchObject({ statusCode: 400, code: 'validation_failed', requestId: expect.any(String) });
      expect(invalid.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['email', 'nickname']);
      await api().get('/users/not-a-uuid').expect(400);
      expect((await api().get(`/users/${randomUUID()}`).expect(404)).body.code).toBe('not_found');

      const other = await createCompany(app);
      const theirs = (
        await app.http
          .post('/api/v1/users')
          .set(bearer(await createProvisioningApiKey(app, other)))
          .send({ email: uniqueEmail('theirs') })
          .expect(201)
      ).body;
      await api().get(`/users/${theirs.id}`).expect(404);
      await api().patch(`/users/${theirs.id}`, { displayName: 'x' }).expect(404);
      await api().post(`/users/${theirs.id}/disable`).expect(404);
      await api().delete(`/users/${theirs.id}`).expect(404);
      expect(JSON.stringify((await api().get('/users?limit=200').expect(200)).body)).not.toContain(theirs.id);
    });

    it('lets a read-only key read and nothing else', async () => {
      const user = await newUser();
      await api(readOnlyKey).get('/users').expect(200);
      await api(readOnlyKey).get('/groups').expect(200);
      for (const response of [
        await api(readOnlyKey).post('/users', { email: uniqueEmail() }),
        await api(readOnlyKey).patch(`/users/${user.id}`, { displayName: 'x' }),
        await api(readOnlyKey).post(`/users/${user.id}/disable`),
        await api(readOnlyKey).delete(`/users/${user.id}`),
        await api(readOnlyKey).post('/users/batch', { users: [{ email: uniqueEmail() }] }),
        await api(readOnlyKey).post('/groups', { displayName: 'Nope' }),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('read-only') });
      }
      expect((await api().get(`/users/${user.id}`).expect(200)).body.version).toBe(1);
    });

    it('updates only the fields sent, null clearing one, and moves the lifecycle', async () => {
      const user = await newUser({ givenName: 'Bob', familyName: 'Stone', displayName: 'Bob Stone', externalId: 'hr-2' });
      const email = uniqueEmail('robert');
      const updated = await api().patch(`/users/${user.id}`, { email, givenName: 'Robert', externalId: null }).expect(200);
      expect(updated.body).toMatchObject({
        email,
        givenName: 'Robert',
        familyName: 'Stone',
        displayName: 'Bob Stone',
        externalId: null,
        version: 2,
      });
      await api().patch(`/users/${user.id}`, { email: null }).expect(400);

      expect((await api().post(`/users/${user.id}/disable`).expect(200)).body.state).toBe('disabled');
      expect((await api().post(`/users/${user.id}/disable`).expect(200)).body.version).toBe(3);
      expect((await api().post(`/users/${user.id}/enable`).expect(200)).body.state).toBe('provisioned');
      await api().delete(`/users/${user.id}`).expect(204);
      await api().delete(`/users/${user.id}`).expect(204);
      expect((await api().get(`/users/${user.id}`).expect(200)).body.state).toBe('deleted');
      expect((await api().post(`/users/${user.id}/enable`).expect(409)).body.code).toBe('invalid_state_transition');
    });

    it('lists users by email, state, group and updatedSince, page by page', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const [first, second, third] = [await newUser(), await newUser(), await newUser({ active: false })];
      const group = (
        await api()
          .post('/groups', { displayName: `List ${randomUUID()}`, memberIds: [first.id, third.id] })
          .expect(201)
      ).body;
      const ids = async (query: string) =>
        (await api().get(`/users?${query}`).expect(200)).body.items.map((user: { id: string }) => user.id);

      expect(await ids(`email=${encodeURIComponent(second.email.toUpperCase())}`)).toEqual([second.id]);
      expect(await ids(`group=${group.id}`)).toEqual([first.id, third.id].sort());
      expect(await ids(`group=${group.id}&state=disabled`)).toEqual([third.id]);
      expect(await ids(`state=disabled&limit=200`)).toContain(third.id);
      expect(await ids(`state=disabled&limit=200`)).not.toContain(first.id);
      const since = await ids(`updatedSince=${encodeURIComponent(before)}&limit=200`);
      expect(since).toEqual(expect.arrayContaining([first.id, second.id, third.id]));
      expect(await ids(`updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);

      await api().delete(`/users/${second.id}`).expect(204);
      expect(await ids(`email=${encodeURIComponent(second.email)}`)).toEqual([]);
      expect(await ids(`email=${encodeURIComponent(second.email)}&state=deleted`)).toEqual([second.id]);

      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await api()
            .get(`/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200)
        ).body;
        pages.push(...page.items.map((user) => user.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual([...pages].sort());
      expect(pages).toEqual(expect.arrayContaining([first.id, third.id]));
      expect((await api().get('/users?updatedSince=yesterday').expect(400)).body.details[0].field).toBe('updatedSince');
      await api().get('/users?state=gone').expect(400);
    });
  });

  describe('groups', () => {
    it('creates, reads, lists, renames and deletes a group', async () => {
      const member = await newUser();
      const name = `Eng ${randomUUID()}`;
      const created = await api()
        .post('/groups', { displayName: name, externalId: 'dept-eng', memberIds: [member.id] })
        .expect(201);
      expect(created.body).toMatchObject({ displayName: name, externalId: 'dept-eng', managedByIntegrationId: integrationId, version: 1 });
      expect((await api(readOnlyKey).get(`/groups/${created.body.id}`).expect(200)).body).toEqual(created.body);
      const listed = (
        await api()
          .get(`/groups?q=${encodeURIComponent(name)}`)
          .expect(200)
      ).body;
      expect(listed).toEqual({ items: [created.body], nextCursor: null });

      expect((await api().post('/groups', { displayName: name.toUpperCase() }).expect(409)).body.code).toBe('already_exists');
      const unknown = await api()
        .post('/groups', { displayName: `Other ${randomUUID()}`, memberIds: [randomUUID()] })
        .expect(400);
      expect(unknown.body.message).toContain('Members must be users of this company');

      const renamed = await api()
        .patch(`/groups/${created.body.id}`, { displayName: `${name} Platform` })
        .expect(200);
      expect(renamed.body).toMatchObject({ displayName: `${name} Platform`, externalId: 'dept-eng', version: 2 });
      await api().delete(`/groups/${created.body.id}`).expect(204);
      await api().get(`/groups/${created.body.id}`).expect(404);
      await api().delete(`/groups/${created.body.id}`).expect(404);
    });

    it('adds, removes and replaces members, and pages them', async () => {
      const users = [await newUser(), await newUser(), await newUser()];
      const [a, b, c] = users;
      const group = (
        await api()
          .post('/groups', { displayName: `Members ${randomUUID()}` })
          .expect(201)
      ).body;
      const memberIds = async (query = '') =>
        (await api().get(`/groups/${group.id}/members${query}`).expect(200)).body.items.map((member: { id: string }) => member.id);

      await api()
        .post(`/groups/${group.id}/members`, { userIds: [a.id, b.id] })
        .expect(200);
      await api()
        .post(`/groups/${group.id}/members`, { userIds: [a.id] })
        .expect(200);
      expect(await memberIds()).toEqual([a.id, b.id].sort());
      const page = (await api().get(`/groups/${group.id}/members?limit=1`).expect(200)).body;
      expect(page).toMatchObject({ memberCount: 2, items: [{ id: [a.id, b.id].sort()[0] }] });
      expect(await memberIds(`?limit=1&cursor=${page.nextCursor}`)).toEqual([[a.id, b.id].sort()[1]]);

      await api().delete(`/groups/${group.id}/members/${a.id}`).expect(204);
      await api().delete(`/groups/${group.id}/members/${a.id}`).expect(204);
      expect(await memberIds()).toEqual([b.id]);
      await api()
        .put(`/groups/${group.id}/members`, { userIds: [a.id, c.id] })
        .expect(200);
      expect(await memberIds()).toEqual([a.id, c.id].sort());
      await api().put(`/groups/${group.id}/members`, { userIds: [] }).expect(200);
      expect(await memberIds()).toEqual([]);
      await api()
        .post(`/groups/${group.id}/members`, { userIds: ['nope'] })
        .expect(400);
      await api()
        .post(`/groups/${randomUUID()}/members`, { userIds: [a.id] })
        .expect(404);
    });
  });

  describe('batch upsert', () => {
    it('creates new emails, updates known ones, reports each failed item, and changes nothing when sent again', async () => {
      const known = await newUser({ givenName: 'Kim' });
      const leaving = await newUser();
      const fresh = [uniqueEmail('fresh'), uniqueEmail('fresh')];
      const batch = {
        users: [
          { email: fresh[0], givenName: 'Fresh', familyName: 'One' },
          { email: known.email.toUpperCase(), givenName: 'Kimberly' },
          { email: 'not-an-email' },
          { email: leaving.email, active: false },
          { email: fresh[1], active: false },
          { email: fresh[0] },
          'nobody',
          { email: uniqueEmail(), role: 'admin' },
        ],
      };
      const first = (await api().post('/users/batch', batch).expect(200)).body;
      expect(first.counts).toEqual({ created: 2, updated: 2, unchanged: 0, failed: 4 });
      expect(first.results.map((result: { outcome: string }) => result.outcome)).toEqual([
        'created',
        'updated',
        'failed',
        'updated',
        'created',
        'failed',
        'failed',
        'failed',
      ]);
      expect(first.results[1]).toMatchObject({ index: 1, id: known.id, error: null });
      expect(first.results[2]).toMatchObject({
        index: 2,
        email: 'not-an-email',
        id: null,
        error: { statusCode: 400, code: 'validation_failed' },
      });
      expect(first.results[5].error).toMatchObject({ statusCode: 409, message: expect.stringContaining('item 0') });
      expect(first.results[6]).toMatchObject({ email: null, error: { statusCode: 400 } });
      expect(first.results[7].error.details).toEqual([expect.objectContaining({ field: 'role' })]);

      expect((await api().get(`/users/${known.id}`).expect(200)).body).toMatchObject({ givenName: 'Kimberly', version: 2 });
      expect((await api().get(`/users/${leaving.id}`).expect(200)).body.state).toBe('disabled');
      const created = (await api().get(`/users/${first.results[0].id}`).expect(200)).body;
      expect(created).toMatchObject({ email: fresh[0], givenName: 'Fresh', state: 'provisioned', managedBy: { integrationId } });
      expect((await api().get(`/users/${first.results[4].id}`).expect(200)).body.state).toBe('disabled');

      const again = (await api().post('/users/batch', batch).expect(200)).body;
      expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 4, failed: 4 });
      expect(again.results.filter((result: { id: string | null }) => result.id).map((result: { id: string }) => result.id)).toEqual(
        first.results.filter((result: { id: string | null }) => result.id).map((result: { id: string }) => result.id),
      );
    });

    it('takes 1 to 1,000 users', async () => {
      await api().post('/users/batch', { users: [] }).expect(400);
      const tooMany = Array.from({ length: 1001 }, (_, n) => ({ email: `n${n}@acme.test` }));
      expect((await api().post('/users/batch', { users: tooMany }).expect(400)).body.details[0].field).toBe('users');
      await api().post('/users/batch', {}).expect(400);
    });

    it('upserts 1,000 users in one request', async () => {
      const users = Array.from({ length: 1000 }, () => ({ email: uniqueEmail('bulk'), givenName: 'Bulk' }));
      const answer = (await api().post('/users/batch', { users }).expect(200)).body;
      expect(answer.counts).toEqual({ created: 1000, updated: 0, unchanged: 0, failed: 0 });
    });
  });

  it('records its writes in the sync log of its tab and moves the tab’s last sync', async () => {
    const other = await createCompany(app);
    const otherKey = await createProvisioningApiKey(app, other);
    const admin = (path: string) => app.http.get(`/api/admin${path}`).set(bearer(other.superAdminKey)).expect(200);
    const email = uniqueEmail('logged');
    const user = (await app.http.post('/api/v1/users').set(bearer(otherKey)).send({ email, displayName: 'Logged' }).expect(201)).body;
    await app.http.post('/api/v1/users').set(bearer(otherKey)).send({ email }).expect(409);
    await app.http.delete(`/api/v1/users/${user.id}`).set(bearer(otherKey)).expect(204);
    await app.http.get('/api/v1/users').set(bearer(otherKey)).expect(200);

    const entries = await eventually(async () => {
      const page = (await admin('/sync-log?provider=provisioning-api&limit=200')).body.items;
      expect(page).toHaveLength(3);
      return page;
    });
    expect(entries.reverse()).toEqual([
      expect.objectContaining({
        provider: 'provisioning-api',
        operation: 'create',
        resourceType: 'User',
        resourceId: user.id,
        userName: email,
        status: 201,
      }),
      expect.objectContaining({
        operation: 'create',
        userName: email,
        status: 409,
        outcome: 'failure',
        detail: expect.stringContaining('already exists'),
      }),
      expect.objectContaining({ operation: 'delete', resourceId: user.id, status: 204 }),
    ]);
    const tab = (await admin('/directory-integrations/provisioning-api')).body;
    expect(tab.lastSyncAt).not.toBeNull();
    expect(tab.counters.users).toBe(0);
  });

  it('names the key and the tab as the source of every change event, in the documented shape', async () => {
    const other = await createCompany(app);
    const otherKey = await createProvisioningApiKey(app, other);
    const keys = (
      await app.http.get('/api/admin/directory-integrations/provisioning-api/keys').set(bearer(other.superAdminKey)).expect(200)
    ).body.items;
    const post = (path: string, body?: object) => app.http.post(`/api/v1${path}`).set(bearer(otherKey)).send(body);
    const user = (await post('/users', { email: uniqueEmail() }).expect(201)).body;
    await post('/users/batch', { users: [{ email: user.email, givenName: 'Changed' }, { email: uniqueEmail() }] }).expect(200);
    await post('/groups', { displayName: 'Events', memberIds: [user.id] }).expect(201);
    await post(`/users/${user.id}/disable`).expect(200);

    // The batch inserts its new users first, then updates the known ones.
    const events: FeedEvent[] = await companyEvents(app, other.companyId, 6);
    expect(events.map((event) => event.type)).toEqual([
      'user.created',
      'user.created',
      'user.updated',
      'group.created',
      'group.member_added',
      'user.disabled',
    ]);
    const validate = changeEventValidator();
    for (const event of events) {
      expect(event.source).toEqual({ type: 'provisioning-api', integrationId: keys[0].integrationId, keyId: keys[0].id });
      expect(validate(event as { type: string })).toEqual([]);
    }
  });
});
