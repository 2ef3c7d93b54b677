import { randomUUID } from 'node:crypto';
import { createAdmin, createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp } from './support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Resource = Record<string, any>;

describe('Admin groups API', () => {
  let app: TestApp;
  let company: TestCompany;
  let token: string;
  let adminKey: string;
  let other: TestCompany;
  let otherToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    token = await createProvisioningToken(app, company, 'okta');
    adminKey = (await createAdmin(app, company, 'admin')).apiKey;
    other = await createCompany(app);
    otherToken = await createProvisioningToken(app, other, 'okta');
  });
  afterAll(() => app.close());

  const admin = (path: string, key = adminKey) => app.http.get(`/api/admin${path}`).set(bearer(key));

  describe('GET /api/admin/groups', () => {
    let tag: string;
    let groups: Resource[];

    beforeAll(async () => {
      tag = randomUUID().slice(0, 6);
      const users = [await createUser(app, token), await createUser(app, token), await createUser(app, token)];
      groups = [
        await createGroup(app, token, { displayName: `${tag} Sales`, members: members([users[0]]) }),
        await createGroup(app, token, { displayName: `${tag} engineering`, members: members(users) }),
        await createGroup(app, token, { displayName: `${tag} Finance`, members: [] }),
        await createGroup(app, token, { displayName: `${tag} design_%`, members: members([users[2]]) }),
      ];
    });

    it('lists groups in displayName order with member counts, paged by cursor', async () => {
      const seen: Resource[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?q=${encodeURIComponent(tag)}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: { body: Resource } = await admin(`/groups${query}`).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.map((group) => [group.displayName, group.memberCount])).toEqual([
        [`${tag} design_%`, 1],
        [`${tag} engineering`, 3],
        [`${tag} Finance`, 0],
        [`${tag} Sales`, 1],
      ]);
      expect(seen[1]).toEqual({
        id: groups[1].id,
        displayName: `${tag} engineering`,
        externalId: null,
        integrationId: expect.any(String),
        managedBy: { integrationId: seen[1].integrationId, provider: 'okta' },
        memberCount: 3,
        createdAt: groups[1].meta.created,
        updatedAt: groups[1].meta.lastModified,
      });
    });

    it('searches displayName in any case, wildcards taken literally', async () => {
      const search = async (q: string) =>
        (await admin(`/groups?q=${encodeURIComponent(q)}`).expect(200)).body.items.map((group: Resource) => group.id);
      expect(await search(`${tag} SALES`)).toEqual([groups[0].id]);
      expect(await search(`${tag} design_%`)).toEqual([groups[3].id]);
      expect(await search('ign_%')).toEqual([groups[3].id]);
      expect(await search(`${tag}_`)).toEqual([]);
      expect(await search(`${tag} %`)).toEqual([]);
    });

    it('shows only the admin’s own company', async () => {
      const foreign = await createGroup(app, otherToken, { displayName: `${tag} Foreign`, members: [] });
      const own = await admin(`/groups?q=${encodeURIComponent(tag)}&limit=200`).expect(200);
      expect(own.body.items.map((group: Resource) => group.id)).not.toContain(foreign.id);
      const theirs = await admin(`/groups?q=${encodeURIComponent(tag)}`, other.superAdminKey).expect(200);
      expect(theirs.body.items.map((group: Resource) => group.id)).toEqual([foreign.id]);
    });

    it('validates its parameters and requires an admin key', async () => {
      for (const query of ['limit=0', 'limit=201', 'limit=x', 'cursor=%25%25', 'nope=1']) {
        const response = await admin(`/groups?${query}`).expect(400);
        expect(response.body).toMatchObject({ statusCode: 400 });
      }
      await app.http.get('/api/admin/groups').expect(401);
      await app.http.get('/api/admin/groups').set(bearer(token)).expect(401);
    });
  });

  describe('GET /api/admin/groups/:id/members', () => {
    it('pages through the members in user id order with their state and the member count', async () => {
      const users = [];
      for (let i = 0; i < 7; i++) users.push(await createUser(app, token, { displayName: i === 0 ? null : `User ${i}` }));
      const disabled = users[3];
      await scim(app, token)
        .patch(`/Users/${disabled.id}`)
        .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
        .expect(200);
      const group = await createGroup(app, token, { displayName: `Members ${randomUUID().slice(0, 6)}`, members: members(users) });
      const seen: Resource[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: Resource } = await admin(`/groups/${group.id}/members?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(page.body.group).toMatchObject({ id: group.id, displayName: group.displayName, memberCount: 7 });
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.map((member) => member.id)).toEqual(users.map((user) => user.id).sort());
      const byId = Object.fromEntries(seen.map((member) => [member.id, member]));
      expect(byId[users[1].id]).toEqual({ id: users[1].id, userName: users[1].userName, displayName: 'User 1', state: 'provisioned' });
      expect(byId[users[0].id].displayName).toBeNull();
      expect(byId[disabled.id].state).toBe('disabled');
    });

    it('answers an empty group with no members and no cursor', async () => {
      const group = await createGroup(app, token, { displayName: `Empty ${randomUUID().slice(0, 6)}`, members: [] });
      const page = await admin(`/groups/${group.id}/members`).expect(200);
      expect(page.body).toMatchObject({ group: { id: group.id, memberCount: 0 }, items: [], nextCursor: null });
    });

    it('answers 404 for another company’s group or an unknown one, and 400 for malformed input', async () => {
      const foreign = await createGroup(app, otherToken, { displayName: `Foreign ${randomUUID().slice(0, 6)}`, members: [] });
      const response = await admin(`/groups/${foreign.id}/members`).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, message: expect.any(String) });
      await admin(`/groups/${randomUUID()}/members`).expect(404);
      await admin(`/groups/${foreign.id}/members`, other.superAdminKey).expect(200);
      await admin('/groups/not-a-uuid/members').expect(400);
      await admin(`/groups/${foreign.id}/members?cursor=nope`, other.superAdminKey).expect(400);
      await admin(`/groups/${foreign.id}/members?limit=1001`, other.superAdminKey).expect(400);
    });
  });
});
