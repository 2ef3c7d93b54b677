import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany } from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually } from './support/wait-for';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

type Resource = Record<string, any>;

describe('SCIM Groups', () => {
  let app: TestApp;
  let company: TestCompany;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    token = await createProvisioningToken(app, company, 'okta');
    otherToken = await createProvisioningToken(app, await createCompany(app), 'entra-id');
  });
  afterAll(() => app.close());

  const patchGroup = (id: string, Operations: unknown[], as = token, query = '') =>
    scim(app, as).patch(`/Groups/${id}${query}`, { schemas: [PATCH_OP], Operations });
  const filterQuery = (filter: string) => `filter=${encodeURIComponent(filter)}`;

  async function createUsers(count: number, as = token): Promise<Resource[]> {
    const users: Resource[] = [];
    for (let i = 0; i < count; i++) users.push(await createUser(app, as));
    return users;
  }

  function groupName(label = 'Group'): string {
    return `${label} ${randomUUID().slice(0, 8)}`;
  }

  async function memberIds(groupId: string, as = token): Promise<string[]> {
    const response = await scim(app, as).get(`/Groups/${groupId}`).expect(200);
    return (response.body.members ?? []).map((member: Resource) => member.value).sort();
  }

  const ids = (users: Resource[]) => users.map((user) => user.id).sort();

  describe('create', () => {
    it('creates a group with members: 201, Location, ETag, meta and member references', async () => {
      const [alice, bob] = await createUsers(2);
      const noDisplayName = await createUser(app, token, { displayName: undefined });
      const displayName = groupName('Engineering');
      const response = await scim(app, token)
        .post('/Groups', {
          schemas: [GROUP],
          displayName,
          externalId: 'okta-00g1',
          members: [{ value: alice.id, display: 'ignored' }, { value: bob.id }, { value: noDisplayName.id }],
        })
        .expect(201)
        .expect('content-type', /application\/scim\+json/);
      const group = response.body;
      expect(response.headers.location).toBe(group.meta.location);
      expect(response.headers.location).toMatch(new RegExp(`/scim/v2/Groups/${group.id}$`));
      expect(response.headers.etag).toBe(group.meta.version);
      expect(group).toMatchObject({ schemas: [GROUP], displayName, externalId: 'okta-00g1' });
      expect(group.meta).toEqual({
        resourceType: 'Group',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: expect.any(String),
        version: expect.stringMatching(/^W\/"\d+"$/),
      });
      const byId = Object.fromEntries(group.members.map((member: Resource) => [member.value, member]));
      expect(group.members).toHaveLength(3);
      expect(byId[alice.id]).toEqual({
        value: alice.id,
        $ref: expect.stringMatching(new RegExp(`/scim/v2/Users/${alice.id}$`)),
        display: alice.displayName,
        type: 'User',
      });
      expect(byId[noDisplayName.id].display).toBe(noDisplayName.userName);
      expect((await scim(app, token).get(`/Groups/${group.id}`).expect(200)).body).toEqual(group);
    });

    it('creates a group with empty members, as Entra ID does', async () => {
      const group = await createGroup(app, token, { externalId: randomUUID(), members: [] });
      expect(group.members ?? []).toEqual([]);
    });

    it('records the integration that created the group', async () => {
      const group = await createGroup(app, token);
      const tab = await app.http.get('/api/admin/directory-integrations/okta').set(bearer(company.superAdminKey)).expect(200);
      const listed = await app.http
        .get(`/api/admin/groups?q=${encodeURIComponent(group.displayName)}`)
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ id: group.id, integrationId: tab.body.integrationId })]);
      expect(tab.body.integrationId).toEqual(expect.any(String));
    });

    it('requires displayName', async () => {
      for (const body of [{ schemas: [GROUP] }, { schemas: [GROUP], displayName: '  ' }, { schemas: [GROUP], displayName: 42 }]) {
        const response = await scim(app, token).post('/Groups', body).expect(400);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      }
    });

    it('answers a displayName taken in any case with 409 uniqueness', async () => {
      const group = await createGroup(app, token);
      const duplicate = await scim(app, token)
        .post('/Groups', { schemas: [GROUP], displayName: group.displayName.toUpperCase() })
        .expect(409);
      expect(duplicate.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    });

    it('lets exactly one of concurrent creates of the same displayName win', async () => {
      const displayName = groupName('Race');
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => scim(app, token).post('/Groups', { schemas: [GROUP], displayName })),
      );
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(responses.filter((response) => response.status === 409)).toHaveLength(9);
    });

    it('refuses members that are not users of this company, naming them, and creates nothing', async () => {
      const [member] = await createUsers(1);
      const foreign = await createUser(app, otherToken);
      const deleted = await createUser(app, token);
      await scim(app, token).delete(`/Users/${deleted.id}`).expect(204);
      const unknown = randomUUID();
      const displayName = groupName('Refused');
      const response = await scim(app, token)
        .post('/Groups', {
          schemas: [GROUP],
          displayName,
          members: [{ value: member.id }, { value: foreign.id }, { value: deleted.id }, { value: unknown }, { value: 'not-a-uuid' }],
        })
        .expect(400);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      for (const id of [foreign.id, deleted.id, unknown, 'not-a-uuid']) expect(response.body.detail).toContain(id);
      expect(response.body.detail).not.toContain(member.id);
      const lookup = await scim(app, token)
        .get(`/Groups?${filterQuery(`displayName eq "${displayName}"`)}`)
        .expect(200);
      expect(lookup.body.totalResults).toBe(0);
    });
  });

  describe('read', () => {
    it('answers 404 with a SCIM error for unknown ids, UUIDs or not', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', '1']) {
        const response = await scim(app, token).get(`/Groups/${id}`).expect(404);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '404' });
      }
    });

    it('never shows or changes another company’s group', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token, { members: members([member]) });
      const other = scim(app, otherToken);
      await other.get(`/Groups/${group.id}`).expect(404);
      await patchGroup(group.id, [{ op: 'replace', path: 'displayName', value: 'Taken over' }], otherToken).expect(404);
      await other.put(`/Groups/${group.id}`, { schemas: [GROUP], displayName: 'Taken over' }).expect(404);
      await other.delete(`/Groups/${group.id}`).expect(404);
      for (const filter of [`displayName eq "${group.displayName}"`, `id eq "${group.id}"`, `members[value eq "${member.id}"]`]) {
        const list = await other.get(`/Groups?${filterQuery(filter)}`).expect(200);
        expect(list.body.totalResults).toBe(0);
      }
      const unchanged = await scim(app, token).get(`/Groups/${group.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ displayName: group.displayName, members: [expect.objectContaining({ value: member.id })] });
    });

    it('projects attributes and excludedAttributes, members and their sub-attributes included', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token, { externalId: 'ext-1', members: members([member]) });
      const narrowed = await scim(app, token).get(`/Groups/${group.id}?attributes=displayName`).expect(200);
      expect(narrowed.body).toEqual({ schemas: [GROUP], id: group.id, displayName: group.displayName });
      const excluded = await scim(app, token).get(`/Groups/${group.id}?excludedAttributes=members`).expect(200);
      expect(excluded.body.members).toBeUndefined();
      expect(excluded.body).toMatchObject({ displayName: group.displayName, externalId: 'ext-1', meta: group.meta });
      const values = await scim(app, token).get(`/Groups/${group.id}?attributes=members.value`).expect(200);
      expect(values.body).toEqual({ schemas: [GROUP], id: group.id, members: [{ value: member.id }] });
      const noDisplay = await scim(app, token).get(`/Groups/${group.id}?excludedAttributes=members.display,meta`).expect(200);
      expect(noDisplay.body.members).toEqual([{ value: member.id, $ref: expect.any(String), type: 'User' }]);
      expect(noDisplay.body.meta).toBeUndefined();
    });

    it('narrows members to those a value filter selects, on reads, lists and PATCH answers', async () => {
      const [alice, bob] = await createUsers(2);
      const group = await createGroup(app, token, { members: members([alice, bob]) });
      const only = (id: string) => `attributes=${encodeURIComponent(`members[value eq "${id}"].value,displayName`)}`;
      const read = await scim(app, token)
        .get(`/Groups/${group.id}?${only(bob.id)}`)
        .expect(200);
      expect(read.body).toEqual({ schemas: [GROUP], id: group.id, displayName: group.displayName, members: [{ value: bob.id }] });
      const listed = await scim(app, token)
        .get(`/Groups?${filterQuery(`id eq "${group.id}"`)}&${only(alice.id)}`)
        .expect(200);
      expect(listed.body.Resources).toEqual([
        { schemas: [GROUP], id: group.id, displayName: group.displayName, members: [{ value: alice.id }] },
      ]);
      const patched = await patchGroup(group.id, [{ op: 'add', path: 'externalId', value: 'x' }], token, `?${only(alice.id)}`).expect(200);
      expect(patched.body.members).toEqual([{ value: alice.id }]);
      const excluded = await scim(app, token)
        .get(`/Groups/${group.id}?excludedAttributes=${encodeURIComponent(`members[value eq "${alice.id}"]`)}`)
        .expect(200);
      expect(excluded.body.members.map((member: Resource) => member.value)).toEqual([bob.id]);
      const none = await scim(app, token)
        .get(`/Groups/${group.id}?${only(randomUUID())}`)
        .expect(200);
      expect(none.body).toEqual({ schemas: [GROUP], id: group.id, displayName: group.displayName });
    });
  });

  describe('list and filter', () => {
    let company2Token: string;
    let groups: Resource[];
    let users: Resource[];

    beforeAll(async () => {
      company2Token = await createProvisioningToken(app, await createCompany(app), 'generic');
      users = await createUsers(3, company2Token);
      groups = [];
      for (const [index, name] of ['Bravo', 'alpha', 'Charlie', 'delta', 'Echo'].entries()) {
        const body = { schemas: [GROUP], displayName: name, externalId: `ext-${name}`, members: members(users.slice(0, index % 3)) };
        groups.push((await scim(app, company2Token).post('/Groups', body).expect(201)).body);
      }
    });

    const list = async (query: string) => (await scim(app, company2Token).get(`/Groups?${query}`).expect(200)).body;
    const names = (body: Resource) => body.Resources.map((group: Resource) => group.displayName);

    it('answers an unknown displayName with 200 and an empty list', async () => {
      const body = await list(`${filterQuery('displayName eq "No such group"')}&startIndex=1&count=1`);
      expect(body).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    });

    it('finds groups by displayName in any case, externalId, id and member', async () => {
      expect(names(await list(filterQuery('displayName eq "ALPHA"')))).toEqual(['alpha']);
      expect(names(await list(filterQuery('displayName eq bravo')))).toEqual(['Bravo']);
      expect(names(await list(filterQuery('externalId eq "ext-Charlie"')))).toEqual(['Charlie']);
      expect((await list(filterQuery('externalId eq "EXT-CHARLIE"'))).totalResults).toBe(0);
      expect(names(await list(filterQuery(`id eq "${groups[3].id}"`)))).toEqual(['delta']);
      expect(names(await list(`${filterQuery(`members[value eq "${users[1].id}"]`)}&sortBy=displayName`))).toEqual(['Charlie']);
      expect(names(await list(`${filterQuery(`members.value eq "${users[0].id}"`)}&sortBy=displayName`))).toEqual([
        'alpha',
        'Charlie',
        'Echo',
      ]);
    });

    it('answers the Entra ID membership check without members', async () => {
      const check = (groupId: string, userId: string) =>
        list(`${filterQuery(`id eq "${groupId}" and members[value eq "${userId}"]`)}&excludedAttributes=members`);
      const member = await check(groups[2].id, users[1].id);
      expect(member.totalResults).toBe(1);
      expect(member.Resources[0]).toEqual({
        schemas: [GROUP],
        id: groups[2].id,
        displayName: 'Charlie',
        externalId: 'ext-Charlie',
        meta: groups[2].meta,
      });
      expect((await check(groups[1].id, users[1].id)).totalResults).toBe(0);
      expect((await check(groups[2].id, randomUUID())).totalResults).toBe(0);
      expect((await check(groups[2].id, 'not-a-uuid')).totalResults).toBe(0);
      const byName = await list(`${filterQuery('displayName eq "Charlie"')}&excludedAttributes=members`);
      expect(byName.Resources[0].members).toBeUndefined();
    });

    it('translates the rest of the grammar', async () => {
      expect(names(await list(`${filterQuery('displayName sw "a" or displayName co "HAR"')}&sortBy=displayName`))).toEqual([
        'alpha',
        'Charlie',
      ]);
      expect(names(await list(`${filterQuery('not (displayName eq "alpha") and members pr')}&sortBy=displayName`))).toEqual([
        'Charlie',
        'Echo',
      ]);
      expect(
        names(await list(`${filterQuery('meta.created gt "2000-01-01T00:00:00Z" and externalId ew "o"')}&sortBy=displayName`)),
      ).toEqual(['Bravo', 'Echo']);
      expect(names(await list(`${filterQuery(`members[value eq "${users[0].id}" and type eq "User"]`)}&sortBy=displayName`))).toEqual([
        'alpha',
        'Charlie',
        'Echo',
      ]);
    });

    it('rejects filters it cannot evaluate with 400 invalidFilter', async () => {
      for (const filter of ['displayName eq', 'nope eq "a"', 'members[display eq "x"]', '(displayName eq "a"']) {
        const response = await scim(app, company2Token)
          .get(`/Groups?${filterQuery(filter)}`)
          .expect(400);
        expect(response.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
      }
    });

    it('sorts, pages with startIndex and count, and count=0 gives only the total', async () => {
      expect(names(await list('sortBy=displayName'))).toEqual(['alpha', 'Bravo', 'Charlie', 'delta', 'Echo']);
      expect(names(await list('sortBy=displayName&sortOrder=descending'))).toEqual(['Echo', 'delta', 'Charlie', 'Bravo', 'alpha']);
      const seen: string[] = [];
      for (let startIndex = 1; startIndex <= 5; startIndex += 2) {
        const page = await list(`startIndex=${startIndex}&count=2`);
        expect(page).toMatchObject({ totalResults: 5, startIndex, itemsPerPage: Math.min(2, 6 - startIndex) });
        seen.push(...page.Resources.map((group: Resource) => group.id));
      }
      expect(seen).toEqual(groups.map((group) => group.id));
      expect(await list('count=0')).toEqual({ schemas: [LIST], totalResults: 5, startIndex: 1, itemsPerPage: 0, Resources: [] });
      expect((await list('startIndex=9')).Resources).toEqual([]);
      await scim(app, company2Token).get('/Groups?sortBy=nope').expect(400);
    });

    it('lists members with each group unless excluded', async () => {
      const body = await list(`${filterQuery('displayName eq "Charlie"')}`);
      expect(body.Resources[0].members.map((member: Resource) => member.value).sort()).toEqual(ids(users.slice(0, 2)));
      const all = await list('sortBy=displayName&attributes=displayName,members.value');
      expect(all.Resources.map((group: Resource) => group.members?.length ?? 0)).toEqual([1, 0, 2, 0, 1]);
      expect(all.Resources[2]).toEqual({ schemas: [GROUP], id: groups[2].id, displayName: 'Charlie', members: expect.any(Array) });
    });

    it('searches with POST /Groups/.search', async () => {
      const response = await scim(app, company2Token)
        .post('/Groups/.search', {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          filter: 'displayName eq "delta"',
          excludedAttributes: ['members'],
          startIndex: 1,
          count: 10,
        })
        .expect(200)
        .expect('content-type', /application\/scim\+json/);
      expect(response.body).toMatchObject({ totalResults: 1, Resources: [{ id: groups[3].id, displayName: 'delta' }] });
      expect(response.body.Resources[0].members).toBeUndefined();
    });
  });

  describe('patch', () => {
    it('adds one and many members, idempotently, in the Okta and Entra ID forms', async () => {
      const users = await createUsers(4);
      const group = await createGroup(app, token);
      await patchGroup(group.id, [{ op: 'add', path: 'members', value: [{ value: users[0].id, display: users[0].userName }] }]).expect(204);
      await patchGroup(group.id, [
        {
          op: 'Add',
          path: 'members',
          value: [
            { value: users[1].id, $ref: null },
            { value: users[2].id, $ref: null },
          ],
        },
      ]).expect(204);
      await patchGroup(group.id, [{ op: 'add', value: { members: [{ value: users[3].id }] } }]).expect(204);
      expect(await memberIds(group.id)).toEqual(ids(users));
      const before = (await scim(app, token).get(`/Groups/${group.id}`)).body.meta.version;
      // Entra ID re-sends an add for every existing member.
      const again = await patchGroup(group.id, [{ op: 'Add', path: 'members', value: members(users) }]).expect(204);
      expect(again.headers.etag).toBe(before);
      expect(await memberIds(group.id)).toEqual(ids(users));
    });

    it('removes by value filter, by value list and all, and removing a non-member is no error', async () => {
      const users = await createUsers(5);
      const group = await createGroup(app, token, { members: members(users) });
      await patchGroup(group.id, [{ op: 'remove', path: `members[value eq "${users[0].id}"]` }]).expect(204);
      expect(await memberIds(group.id)).toEqual(ids(users.slice(1)));
      await patchGroup(group.id, [{ op: 'Remove', path: 'members', value: [{ value: users[1].id }, { value: users[2].id }] }]).expect(204);
      expect(await memberIds(group.id)).toEqual(ids(users.slice(3)));
      await patchGroup(group.id, [
        { op: 'remove', path: `members[value eq "${users[0].id}"]` },
        { op: 'remove', path: 'members', value: [{ value: randomUUID() }, { value: 'not-a-uuid' }] },
      ]).expect(204);
      expect(await memberIds(group.id)).toEqual(ids(users.slice(3)));
      await patchGroup(group.id, [{ op: 'remove', path: 'members' }]).expect(204);
      expect(await memberIds(group.id)).toEqual([]);
    });

    it('replaces the member set, with or without a path', async () => {
      const users = await createUsers(5);
      const group = await createGroup(app, token, { members: members(users.slice(0, 3)) });
      await patchGroup(group.id, [{ op: 'replace', path: 'members', value: members(users.slice(2)) }]).expect(204);
      expect(await memberIds(group.id)).toEqual(ids(users.slice(2)));
      await patchGroup(group.id, [{ op: 'Replace', value: { members: members([users[0]]) } }]).expect(204);
      expect(await memberIds(group.id)).toEqual(ids([users[0]]));
      await patchGroup(group.id, [{ op: 'replace', path: 'members', value: [] }]).expect(204);
      expect(await memberIds(group.id)).toEqual([]);
    });

    it('replaces displayName and externalId with or without a path, in any op case', async () => {
      const group = await createGroup(app, token, { externalId: 'old' });
      const renamed = groupName('Renamed');
      const response = await patchGroup(
        group.id,
        [
          { op: 'Replace', path: 'displayName', value: renamed },
          { op: 'replace', path: 'externalId', value: 'new' },
        ],
        token,
        '?excludedAttributes=members',
      ).expect(200);
      expect(response.body).toMatchObject({ id: group.id, displayName: renamed, externalId: 'new' });
      expect(response.headers.etag).toBe(response.body.meta.version);
      expect(response.body.meta.version).not.toBe(group.meta.version);
      const okta = groupName('Okta');
      await patchGroup(group.id, [{ op: 'replace', value: { id: group.id, displayName: okta } }]).expect(204);
      expect((await scim(app, token).get(`/Groups/${group.id}`)).body.displayName).toBe(okta);
      await patchGroup(group.id, [{ op: 'remove', path: 'externalId' }]).expect(204);
      expect((await scim(app, token).get(`/Groups/${group.id}`)).body.externalId).toBeUndefined();
      const taken = await createGroup(app, token);
      const clash = await patchGroup(group.id, [{ op: 'replace', path: 'displayName', value: taken.displayName.toLowerCase() }]).expect(
        409,
      );
      expect(clash.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
      await patchGroup(group.id, [{ op: 'replace', path: 'displayName', value: okta.toUpperCase() }]).expect(204);
      expect((await scim(app, token).get(`/Groups/${group.id}`)).body.displayName).toBe(okta.toUpperCase());
    });

    it('refuses to remove displayName and rejects unsupported paths', async () => {
      const group = await createGroup(app, token);
      const required = await patchGroup(group.id, [{ op: 'remove', path: 'displayName' }]).expect(400);
      expect(required.body).toMatchObject({ schemas: [ERROR], scimType: 'mutability' });
      const path = await patchGroup(group.id, [{ op: 'replace', path: 'nope', value: 'x' }]).expect(400);
      expect(path.body.schemas).toEqual([ERROR]);
      const malformed = await scim(app, token).patch(`/Groups/${group.id}`, { Operations: 'nope' }).expect(400);
      expect(malformed.body.schemas).toEqual([ERROR]);
    });

    it('answers 400 naming a read-only change instead of ignoring it, and accepts unchanged echoes', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token, { members: members([member]) });
      const cases: [unknown, string, string][] = [
        [{ op: 'replace', value: { id: randomUUID(), displayName: groupName('Never') } }, 'mutability', 'id'],
        [{ op: 'remove', path: 'id' }, 'mutability', 'id'],
        [{ op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }, 'mutability', 'meta.created'],
        [{ op: 'replace', value: { meta: { ...group.meta, version: 'W/"999"' } } }, 'mutability', 'meta.version'],
        [{ op: 'remove', path: 'schemas' }, 'mutability', 'schemas'],
        [{ op: 'replace', path: 'schemas', value: [USER] }, 'invalidValue', USER],
        [{ op: 'replace', path: `members[value eq "${member.id}"].display`, value: 'x' }, 'invalidPath', 'members'],
      ];
      for (const [operation, scimType, named] of cases) {
        const response = await patchGroup(group.id, [{ op: 'add', path: 'externalId', value: 'changed' }, operation]);
        expect({ operation, status: response.status, body: response.body }).toMatchObject({
          status: 400,
          body: { schemas: [ERROR], status: '400', scimType, detail: expect.stringContaining(named) },
        });
      }
      const unchanged = await scim(app, token).get(`/Groups/${group.id}`).expect(200);
      expect(unchanged.body).toEqual(group);
      const echoed = await patchGroup(
        group.id,
        [
          {
            op: 'replace',
            value: { schemas: [GROUP], id: group.id, meta: group.meta, displayName: group.displayName, externalId: 'echo' },
          },
        ],
        token,
        '?excludedAttributes=members',
      ).expect(200);
      expect(echoed.body).toMatchObject({ id: group.id, externalId: 'echo', meta: { created: group.meta.created } });
    });

    it('refuses members that are not users of this company, naming them, and applies nothing', async () => {
      const [member, extra] = await createUsers(2);
      const foreign = await createUser(app, otherToken);
      const group = await createGroup(app, token, { members: members([member]) });
      const response = await patchGroup(group.id, [
        { op: 'replace', path: 'displayName', value: groupName('Never') },
        { op: 'remove', path: 'members', value: [{ value: member.id }] },
        { op: 'add', path: 'members', value: [{ value: extra.id }, { value: foreign.id }] },
      ]).expect(400);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      expect(response.body.detail).toContain(foreign.id);
      expect(response.body.detail).not.toContain(extra.id);
      const unchanged = await scim(app, token).get(`/Groups/${group.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ displayName: group.displayName, meta: { version: group.meta.version } });
      expect(await memberIds(group.id)).toEqual([member.id]);
      const lone = await patchGroup(group.id, [
        { op: 'add', path: 'members', value: [{ value: extra.id }, { value: foreign.id }, { value: 'not-a-uuid' }] },
      ]).expect(400);
      expect(lone.body.scimType).toBe('invalidValue');
      expect(lone.body.detail).toContain(foreign.id);
      expect(lone.body.detail).toContain('not-a-uuid');
      expect(lone.body.detail).not.toContain(extra.id);
      expect((await scim(app, token).get(`/Groups/${group.id}`)).body.meta.version).toBe(group.meta.version);
      const replace = await patchGroup(group.id, [{ op: 'replace', path: 'members', value: [{ value: foreign.id }] }]).expect(400);
      expect(replace.body.scimType).toBe('invalidValue');
      expect(await memberIds(group.id)).toEqual([member.id]);
    });

    it('applies the operations in order', async () => {
      const [a, b] = await createUsers(2);
      const group = await createGroup(app, token);
      await patchGroup(group.id, [
        { op: 'add', path: 'members', value: members([a, b]) },
        { op: 'remove', path: `members[value eq "${a.id}"]` },
        { op: 'add', path: 'members', value: members([a]) },
        { op: 'remove', path: 'members', value: members([b]) },
      ]).expect(204);
      expect(await memberIds(group.id)).toEqual([a.id]);
    });

    it('answers 204, or 200 with the whole resource under the projection asked for (RFC 7644 §3.5.2)', async () => {
      const [member, other] = await createUsers(2);
      const group = await createGroup(app, token, { externalId: 'x', members: members([member]) });
      const noop = [{ op: 'replace', value: { id: group.id } }];
      const plain = await patchGroup(group.id, noop).expect(204);
      expect(plain.text).toBe('');
      expect(plain.headers.etag).toBe(group.meta.version);
      const empty = await patchGroup(group.id, noop, token, '?attributes=').expect(204);
      expect(empty.text).toBe('');
      const whole = await patchGroup(group.id, noop, token, '?excludedAttributes=externalId').expect(200);
      expect(whole.body).toEqual({
        schemas: [GROUP],
        id: group.id,
        displayName: group.displayName,
        members: group.members,
        meta: group.meta,
      });
      expect(whole.headers).toMatchObject({ etag: group.meta.version, location: group.meta.location });
      const withMembers = await patchGroup(group.id, noop, token, '?attributes=displayName,members').expect(200);
      expect(withMembers.body).toEqual({ schemas: [GROUP], id: group.id, displayName: group.displayName, members: group.members });
      const narrowed = await patchGroup(group.id, noop, token, '?attributes=members.value').expect(200);
      expect(narrowed.body).toEqual({ schemas: [GROUP], id: group.id, members: [{ value: member.id }] });
      const withoutMembers = await patchGroup(group.id, noop, token, '?excludedAttributes=members').expect(200);
      expect(withoutMembers.body).toEqual({
        schemas: [GROUP],
        id: group.id,
        displayName: group.displayName,
        externalId: 'x',
        meta: group.meta,
      });
      const added = await patchGroup(
        group.id,
        [{ op: 'add', path: 'members', value: members([other]) }],
        token,
        '?attributes=members',
      ).expect(200);
      expect(added.body.members.map((entry: Resource) => entry.value).sort()).toEqual(ids([member, other]));
      expect(added.headers.etag).not.toBe(group.meta.version);
    });

    it('answers 404 for an unknown group', async () => {
      const response = await patchGroup(randomUUID(), [{ op: 'add', path: 'members', value: [] }]).expect(404);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '404' });
      const [member] = await createUsers(1);
      for (const id of [randomUUID(), 'not-a-uuid']) {
        await patchGroup(id, [{ op: 'add', path: 'members', value: [{ value: member.id }] }]).expect(404);
        await patchGroup(id, [{ op: 'remove', path: `members[value eq "${member.id}"]` }]).expect(404);
      }
    });
  });

  describe('replace', () => {
    it('replaces displayName, externalId and the whole member set', async () => {
      const users = await createUsers(4);
      const group = await createGroup(app, token, { externalId: 'before', members: members(users.slice(0, 2)) });
      const displayName = groupName('Replaced');
      const response = await scim(app, token)
        .put(`/Groups/${group.id}`, { schemas: [GROUP], id: 'ignored', displayName, members: members(users.slice(1)) })
        .expect(200);
      expect(response.body).toMatchObject({ id: group.id, displayName });
      expect(response.body.externalId).toBeUndefined();
      expect(response.body.members.map((member: Resource) => member.value).sort()).toEqual(ids(users.slice(1)));
      expect(response.body.meta.created).toBe(group.meta.created);
      expect(response.headers.location).toBe(group.meta.location);
      const projected = await scim(app, token)
        .put(`/Groups/${group.id}?excludedAttributes=externalId`, { schemas: [GROUP], displayName, members: members(users.slice(2)) })
        .expect(200);
      expect(projected.body.members.map((member: Resource) => member.value).sort()).toEqual(ids(users.slice(2)));
      const emptied = await scim(app, token)
        .put(`/Groups/${group.id}`, { schemas: [GROUP], displayName })
        .expect(200);
      expect(emptied.body.members).toBeUndefined();
      expect(await memberIds(group.id)).toEqual([]);
    });

    it('refuses foreign members and a missing displayName', async () => {
      const foreign = await createUser(app, otherToken);
      const group = await createGroup(app, token);
      const foreignResponse = await scim(app, token).put(`/Groups/${group.id}`, {
        schemas: [GROUP],
        displayName: 'x',
        members: [{ value: foreign.id }],
      });
      expect(foreignResponse.status).toBe(400);
      expect(foreignResponse.body).toMatchObject({ scimType: 'invalidValue' });
      await scim(app, token)
        .put(`/Groups/${group.id}`, { schemas: [GROUP] })
        .expect(400);
      await scim(app, token)
        .put(`/Groups/${randomUUID()}`, { schemas: [GROUP], displayName: 'x' })
        .expect(404);
    });
  });

  describe('delete', () => {
    it('deletes a group and its memberships: 204, then 404', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token, { members: members([member]) });
      expect((await scim(app, token).get(`/Users/${member.id}`)).body.groups).toEqual([
        { value: group.id, $ref: group.meta.location, display: group.displayName, type: 'direct' },
      ]);
      const listed = await scim(app, token)
        .get(`/Users?filter=${encodeURIComponent(`id eq "${member.id}"`)}`)
        .expect(200);
      expect(listed.body.Resources[0].groups).toEqual([
        { value: group.id, $ref: group.meta.location, display: group.displayName, type: 'direct' },
      ]);
      const withoutGroups = await scim(app, token).get(
        `/Users?filter=${encodeURIComponent(`id eq "${member.id}"`)}&excludedAttributes=groups`,
      );
      expect(withoutGroups.body.Resources[0].groups).toBeUndefined();
      await scim(app, token).delete(`/Groups/${group.id}`).expect(204);
      await scim(app, token).get(`/Groups/${group.id}`).expect(404);
      await scim(app, token).delete(`/Groups/${group.id}`).expect(404);
      expect((await scim(app, token).get(`/Users/${member.id}`)).body.groups).toBeUndefined();
      const again = await createGroup(app, token, { displayName: group.displayName });
      expect(again.id).not.toBe(group.id);
    });

    it('removes a deleted user from its groups', async () => {
      const [stays, leaves] = await createUsers(2);
      const first = await createGroup(app, token, { members: members([stays, leaves]) });
      const second = await createGroup(app, token, { members: members([leaves]) });
      await scim(app, token).delete(`/Users/${leaves.id}`).expect(204);
      expect(await memberIds(first.id)).toEqual([stays.id]);
      expect(await memberIds(second.id)).toEqual([]);
      const lookup = await scim(app, token)
        .get(`/Groups?${filterQuery(`members[value eq "${leaves.id}"]`)}`)
        .expect(200);
      expect(lookup.body.totalResults).toBe(0);
      const readd = await patchGroup(second.id, [{ op: 'add', path: 'members', value: [{ value: leaves.id }] }]).expect(400);
      expect(readd.body.scimType).toBe('invalidValue');
    });

    it('shows the groups of a user in its PATCH and PUT answers', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token, { members: members([member]) });
      const reference = { value: group.id, $ref: group.meta.location, display: group.displayName, type: 'direct' };
      const patched = await scim(app, token)
        .patch(`/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Patched' }] })
        .expect(200);
      expect(patched.body.groups).toEqual([reference]);
      const replaced = await scim(app, token)
        .put(`/Users/${member.id}`, { schemas: [USER], userName: member.userName })
        .expect(200);
      expect(replaced.body.groups).toEqual([reference]);
      const projected = await scim(app, token)
        .put(`/Users/${member.id}?excludedAttributes=groups`, { schemas: [USER], userName: member.userName })
        .expect(200);
      expect(projected.body.groups).toBeUndefined();
    });

    it('keeps a disabled user as a member', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token, { members: members([member]) });
      await scim(app, token)
        .patch(`/Users/${member.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
        .expect(200);
      expect(await memberIds(group.id)).toEqual([member.id]);
    });
  });

  describe('ETags', () => {
    it('sends ETag, honours If-None-Match and refuses a stale If-Match with 412', async () => {
      const [member] = await createUsers(1);
      const group = await createGroup(app, token);
      const read = await scim(app, token).get(`/Groups/${group.id}`).expect(200);
      expect(read.headers.etag).toBe(group.meta.version);
      const notModified = await scim(app, token).get(`/Groups/${group.id}`).set('If-None-Match', read.headers.etag).expect(304);
      expect(notModified.headers.etag).toBe(read.headers.etag);

      const changed = await patchGroup(group.id, [{ op: 'add', path: 'members', value: members([member]) }])
        .set('If-Match', read.headers.etag)
        .expect(204);
      expect(changed.headers.etag).not.toBe(read.headers.etag);
      await scim(app, token).get(`/Groups/${group.id}`).set('If-None-Match', read.headers.etag).expect(200);
      const stale = await patchGroup(group.id, [{ op: 'remove', path: 'members' }])
        .set('If-Match', read.headers.etag)
        .expect(412);
      expect(stale.body).toMatchObject({ schemas: [ERROR], status: '412' });
      const [other] = await createUsers(1);
      await patchGroup(group.id, [{ op: 'add', path: 'members', value: members([other]) }])
        .set('If-Match', read.headers.etag)
        .expect(412);
      await patchGroup(group.id, [{ op: 'remove', path: `members[value eq "${member.id}"]` }])
        .set('If-Match', read.headers.etag)
        .expect(412);
      await scim(app, token)
        .put(`/Groups/${group.id}`, { schemas: [GROUP], displayName: 'x' })
        .set('If-Match', read.headers.etag)
        .expect(412);
      await scim(app, token).delete(`/Groups/${group.id}`).set('If-Match', read.headers.etag).expect(412);
      expect(await memberIds(group.id)).toEqual([member.id]);
      await scim(app, token).delete(`/Groups/${group.id}`).set('If-Match', changed.headers.etag).expect(204);
    });
  });

  describe('concurrency', () => {
    it('ends 20 concurrent PATCHes of one group with exactly the expected membership', async () => {
      const stayers = await createUsers(10);
      const leavers = await createUsers(10);
      const joiners = await createUsers(20);
      const group = await createGroup(app, token, { members: members([...stayers, ...leavers]) });
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          patchGroup(group.id, [
            { op: 'add', path: 'members', value: [{ value: joiners[index].id }] },
            ...(index < leavers.length ? [{ op: 'remove', path: `members[value eq "${leavers[index].id}"]` }] : []),
            // Entra ID re-sends adds of members that are already there.
            { op: 'add', path: 'members', value: [{ value: stayers[index % stayers.length].id }] },
          ]),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(204));
      expect(await memberIds(group.id)).toEqual(ids([...stayers, ...joiners]));
      const versions = responses.map((response) => Number(/"(\d+)"/.exec(response.headers.etag)![1]));
      expect(new Set(versions).size).toBe(20);
    });

    it('ends 20 concurrent single-member adds and removals with exactly the expected membership', async () => {
      const leavers = await createUsers(10);
      const joiners = await createUsers(10);
      const group = await createGroup(app, token, { members: members(leavers) });
      const responses = await Promise.all([
        ...leavers.map((user) => patchGroup(group.id, [{ op: 'Remove', path: 'members', value: [{ value: user.id }] }])),
        ...joiners.map((user) => patchGroup(group.id, [{ op: 'Add', path: 'members', value: [{ value: user.id }] }])),
      ]);
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(204));
      expect(await memberIds(group.id)).toEqual(ids(joiners));
      const versions = responses.map((response) => Number(/"(\d+)"/.exec(response.headers.etag)![1]));
      expect(new Set(versions).size).toBe(20);
    });

    // A second session holds what a concurrent request would; the embedded database has only one.
    const itOnPostgres = usesEmbeddedDatabase ? it.skip : it;

    async function openTransaction(): Promise<QueryRunner> {
      const runner = app.running.app.get(DataSource).createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      return runner;
    }

    async function untilARequestWaitsForALock(runner: QueryRunner): Promise<void> {
      await eventually(async () => {
        const [row]: { waiting: number }[] = await runner.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(row.waiting).toBeGreaterThan(0);
      });
    }

    itOnPostgres('removes a member that a concurrent write added while the removal waited for the group', async () => {
      const [joiner] = await createUsers(1);
      const group = await createGroup(app, token);
      const writer = await openTransaction();
      try {
        const key = [company.companyId, group.id];
        await writer.query(`SELECT 1 FROM groups WHERE company_id = $1 AND id = $2 FOR UPDATE`, key);
        await writer.query(`INSERT INTO group_members (company_id, group_id, user_id) VALUES ($1, $2, $3)`, [...key, joiner.id]);
        await writer.query(`UPDATE groups SET version = version + 1 WHERE company_id = $1 AND id = $2`, key);
        const removal = patchGroup(group.id, [{ op: 'Remove', path: 'members', value: [{ value: joiner.id }] }]).then(
          (response) => response,
        );
        await untilARequestWaitsForALock(writer);
        await writer.commitTransaction();
        expect((await removal).status).toBe(204);
      } finally {
        await writer.release();
      }
      expect(await memberIds(group.id)).toEqual([]);
    });

    itOnPostgres('refuses to add a user whose deletion commits while the add waits', async () => {
      const [leaving] = await createUsers(1);
      const group = await createGroup(app, token);
      const deletion = await openTransaction();
      try {
        const key = [company.companyId, leaving.id];
        await deletion.query(`SELECT 1 FROM user_accounts WHERE company_id = $1 AND id = $2 FOR UPDATE`, key);
        const add = patchGroup(group.id, [{ op: 'add', path: 'members', value: [{ value: leaving.id }] }]).then((response) => response);
        await untilARequestWaitsForALock(deletion);
        await deletion.query(`UPDATE user_accounts SET state = 'deleted', version = version + 1 WHERE company_id = $1 AND id = $2`, key);
        await deletion.commitTransaction();
        const response = await add;
        expect(response.status).toBe(400);
        expect(response.body.scimType).toBe('invalidValue');
      } finally {
        await deletion.release();
      }
      expect(await memberIds(group.id)).toEqual([]);
    });
  });

  describe('provider sequences', () => {
    it('follows Okta Push Groups: create with members, rename, add, remove, full resync, delete', async () => {
      const users = await createUsers(4);
      const displayName = groupName('Okta Push');
      const created = await scim(app, token)
        .post('/Groups', { schemas: [GROUP], displayName, members: [{ value: users[0].id, display: users[0].userName }] })
        .expect(201);
      const id = created.body.id;
      const found = await scim(app, token)
        .get(`/Groups?${filterQuery(`displayName eq "${displayName}"`)}`)
        .expect(200);
      expect(found.body.Resources.map((group: Resource) => group.id)).toEqual([id]);
      // Okta sends this before each membership update.
      await patchGroup(id, [{ op: 'replace', value: { id, displayName } }]).expect(204);
      await patchGroup(id, [
        {
          op: 'add',
          path: 'members',
          value: [
            { value: users[1].id, display: users[1].userName },
            { value: users[2].id, display: users[2].userName },
          ],
        },
      ]).expect(204);
      await patchGroup(id, [{ op: 'remove', path: `members[value eq "${users[0].id}"]` }]).expect(204);
      expect(await memberIds(id)).toEqual(ids(users.slice(1, 3)));
      const renamed = `${displayName} (renamed)`;
      await patchGroup(id, [{ op: 'replace', value: { id, displayName: renamed } }]).expect(204);
      await patchGroup(id, [{ op: 'replace', path: 'members', value: members([users[3], users[0]]) }]).expect(204);
      const read = await scim(app, token).get(`/Groups/${id}`).expect(200);
      expect(read.body.displayName).toBe(renamed);
      expect(await memberIds(id)).toEqual(ids([users[3], users[0]]));
      await scim(app, token).delete(`/Groups/${id}`).expect(204);
      const gone = await scim(app, token)
        .get(`/Groups?${filterQuery(`displayName eq "${renamed}"`)}`)
        .expect(200);
      expect(gone.body.totalResults).toBe(0);
    });

    it('follows Entra ID: filter by externalId and displayName, create empty, Add/Remove lists, Replace displayName', async () => {
      const entraToken = await createProvisioningToken(app, company, 'entra-id');
      const entra = scim(app, entraToken);
      const users = await createUsers(3, entraToken);
      const externalId = randomUUID();
      const displayName = groupName('Entra');
      const before = await entra.get(`/Groups?${filterQuery(`externalId eq "${externalId}"`)}&excludedAttributes=members`).expect(200);
      expect(before.body.totalResults).toBe(0);
      const byName = await entra.get(`/Groups?${filterQuery(`displayName eq "${displayName}"`)}&excludedAttributes=members`).expect(200);
      expect(byName.body.totalResults).toBe(0);
      const created = await entra.post('/Groups', { schemas: [GROUP], externalId, displayName, members: [] }).expect(201);
      const id = created.body.id;
      await patchGroup(
        id,
        [{ op: 'Add', path: 'members', value: users.map((user) => ({ value: user.id, $ref: null })) }],
        entraToken,
      ).expect(204);
      const isMember = async (userId: string) =>
        (
          await entra
            .get(`/Groups?${filterQuery(`id eq "${id}" and members[value eq "${userId}"]`)}&excludedAttributes=members`)
            .expect(200)
        ).body.totalResults;
      expect(await isMember(users[0].id)).toBe(1);
      await patchGroup(id, [{ op: 'Remove', path: 'members', value: [{ value: users[0].id }] }], entraToken).expect(204);
      expect(await isMember(users[0].id)).toBe(0);
      await patchGroup(id, [{ op: 'Replace', path: 'displayName', value: `${displayName} 2` }], entraToken).expect(204);
      const after = await entra.get(`/Groups?${filterQuery(`externalId eq "${externalId}"`)}&excludedAttributes=members`).expect(200);
      expect(after.body.Resources).toEqual([expect.objectContaining({ id, displayName: `${displayName} 2`, externalId })]);
      expect(after.body.Resources[0].members).toBeUndefined();
      expect(await memberIds(id, entraToken)).toEqual(ids(users.slice(1)));
      await entra.delete(`/Groups/${id}`).expect(204);
    });

    it('follows JumpCloud test connection: create a test group with a member, then delete it', async () => {
      const jumpCloudToken = await createProvisioningToken(app, company, 'jumpcloud');
      const jumpCloud = scim(app, jumpCloudToken);
      const user = await createUser(app, jumpCloudToken);
      const created = await jumpCloud
        .post('/Groups', { schemas: [GROUP], displayName: groupName('JumpCloud Test'), members: [{ value: user.id }] })
        .expect(201);
      await patchGroup(created.body.id, [{ op: 'remove', path: 'members', value: [{ value: user.id }] }], jumpCloudToken).expect(204);
      await jumpCloud.delete(`/Groups/${created.body.id}`).expect(204);
      await jumpCloud.delete(`/Users/${user.id}`).expect(204);
      await jumpCloud.get(`/Groups/${created.body.id}`).expect(404);
    });
  });

  describe('sync log', () => {
    it('records group writes', async () => {
      const group = await createGroup(app, token);
      await patchGroup(group.id, [{ op: 'replace', path: 'displayName', value: groupName('Logged') }]).expect(204);
      await scim(app, token).delete(`/Groups/${group.id}`).expect(204);
      await eventually(async () => {
        const log = await app.http.get('/api/admin/sync-log?limit=200').set(bearer(company.superAdminKey)).expect(200);
        const entries = log.body.items.filter((entry: Resource) => entry.resourceType === 'Group' && entry.resourceId === group.id);
        expect(entries.map((entry: Resource) => [entry.operation, entry.status]).sort()).toEqual(
          [
            ['create', 201],
            ['delete', 204],
            ['patch', 204],
          ].sort(),
        );
      });
    });
  });
});
