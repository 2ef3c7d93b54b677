import { DataSource } from 'typeorm';
import { RetentionService } from '../src/retention/retention.service';
import { changeEventValidator } from './support/change-event-validator';
import { companyEvents, FeedEvent, readAll } from './support/events-feed';
import {
  createCompany,
  createGroup,
  createProvisioningApiKey,
  createProvisioningToken,
  createUser,
  TestCompany,
} from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

type Item = Record<string, unknown>;

interface Directory {
  users: Item[];
  groups?: Item[];
  memberships?: Item[];
}

function person(name: string, overrides: Item = {}): Item {
  return {
    userName: `${name}@acme.test`,
    externalId: `ext-${name}`,
    email: `${name}@acme.test`,
    name: { givenName: name, familyName: 'Test' },
    ...overrides,
  };
}

describe('Directory snapshots', () => {
  let app: TestApp;
  const validate = changeEventValidator();

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A company whose Provisioning API key sends snapshots, and its admin's view. */
  async function setUp(): Promise<{ company: TestCompany; key: string; integrationId: string }> {
    const company = await createCompany(app);
    const key = await createProvisioningApiKey(app, company);
    const tab = await app.http.get('/api/admin/directory-integrations/provisioning-api').set(bearer(company.superAdminKey)).expect(200);
    return { company, key, integrationId: tab.body.integrationId };
  }

  const api = (key: string) => ({
    open: () => app.http.post('/api/v1/snapshots').set(bearer(key)),
    upload: (id: string, part: number, body: object) => app.http.put(`/api/v1/snapshots/${id}/parts/${part}`).set(bearer(key)).send(body),
    commit: (id: string, body: object) => app.http.post(`/api/v1/snapshots/${id}/commit`).set(bearer(key)).send(body),
    get: (id: string) => app.http.get(`/api/v1/snapshots/${id}`).set(bearer(key)),
    changes: (id: string, query = '') => app.http.get(`/api/v1/snapshots/${id}/changes${query}`).set(bearer(key)),
  });

  const admin = (company: TestCompany) => ({
    users: async (): Promise<Item[]> =>
      (await app.http.get('/api/admin/users?limit=200').set(bearer(company.superAdminKey)).expect(200)).body.items,
    groups: async (): Promise<Item[]> =>
      (await app.http.get('/api/admin/groups?limit=200').set(bearer(company.superAdminKey)).expect(200)).body.items,
    members: async (groupId: string): Promise<string[]> =>
      (await app.http.get(`/api/admin/groups/${groupId}/members?limit=200`).set(bearer(company.superAdminKey)).expect(200)).body.items
        .map((member: Item) => member.userName as string)
        .sort(),
    snapshots: (query = '') => app.http.get(`/api/admin/directory-sync/snapshots${query}`).set(bearer(company.superAdminKey)),
    snapshot: (id: string) => app.http.get(`/api/admin/directory-sync/snapshots/${id}`).set(bearer(company.superAdminKey)),
    changes: (id: string, query = '') =>
      app.http.get(`/api/admin/directory-sync/snapshots/${id}/changes${query}`).set(bearer(company.superAdminKey)),
    confirm: (id: string) => app.http.post(`/api/admin/directory-sync/snapshots/${id}/confirm`).set(bearer(company.superAdminKey)),
    reject: (id: string) => app.http.post(`/api/admin/directory-sync/snapshots/${id}/reject`).set(bearer(company.superAdminKey)),
    settings: (integrationId: string, body: object) =>
      app.http.patch(`/api/admin/directory-sync/sources/${integrationId}/settings`).set(bearer(company.superAdminKey)).send(body),
    audit: async (): Promise<Item[]> =>
      (await app.http.get('/api/admin/audit-log?limit=200').set(bearer(company.superAdminKey)).expect(200)).body.items,
  });

  /** Opens, uploads (one part per element of `parts`) and commits a snapshot; returns the commit's answer. */
  async function sync(key: string, parts: Directory[], options: { dryRun?: boolean; expect?: number } = {}) {
    const id = (await api(key).open().expect(201)).body.id as string;
    for (const [index, part] of parts.entries())
      await api(key)
        .upload(id, index + 1, part)
        .expect(200);
    const users = parts.reduce((sum, part) => sum + part.users.length, 0);
    const groups = parts.reduce((sum, part) => sum + (part.groups?.length ?? 0), 0);
    return api(key)
      .commit(id, { parts: parts.length, users, groups, dryRun: options.dryRun })
      .expect(options.expect ?? 200);
  }

  const byName = (users: Item[]) => new Map(users.map((user) => [user.userName as string, user]));

  it('returns the difference on a dry run and applies nothing', async () => {
    const { company, key } = await setUp();
    const answer = await sync(key, [{ users: [person('ada'), person('bob')], groups: [{ displayName: 'Staff', members: ['ext-ada'] }] }], {
      dryRun: true,
    });
    expect(answer.body).toMatchObject({
      state: 'open',
      appliedAt: null,
      planned: {
        counts: {
          users: { managed: 0, created: 2, updated: 0, deprovisioned: 0 },
          groups: { created: 1, membersAdded: 1 },
          issues: 0,
        },
        changes: expect.arrayContaining([
          { action: 'user.create', target: 'ada@acme.test', id: null },
          { action: 'group.create', target: 'Staff', id: null },
        ]),
      },
    });
    expect(await admin(company).users()).toEqual([]);
    expect(await admin(company).groups()).toEqual([]);

    // A dry run leaves the snapshot open: committing it for real applies it.
    await api(key).commit(answer.body.id, { parts: 1, users: 2, groups: 1 }).expect(200);
    expect((await admin(company).users()).map((user) => user.userName).sort()).toEqual(['ada@acme.test', 'bob@acme.test']);
  });

  it('applies users, groups and memberships through the services, with their events, and changes nothing the second time', async () => {
    const { company, key, integrationId } = await setUp();
    const directory: Directory[] = [
      { users: [person('ada', { enterprise: { department: 'R&D' } }), person('bob')] },
      {
        users: [person('cy', { active: false })],
        groups: [{ displayName: 'Engineering', externalId: 'g-eng', members: ['ext-ada', 'bob@acme.test'] }],
        memberships: [{ group: 'g-eng', members: ['ext-cy'] }],
      },
    ];
    const first = await sync(key, directory);
    expect(first.body).toMatchObject({
      state: 'applied',
      integrationId,
      provider: 'provisioning-api',
      result: {
        applied: { users: { created: 3 }, groups: { created: 1, membersAdded: 3 } },
        failed: 0,
      },
    });
    expect(first.body.durationMs).toEqual(expect.any(Number));

    const users = byName(await admin(company).users());
    expect(users.get('ada@acme.test')).toMatchObject({
      externalId: 'ext-ada',
      state: 'provisioned',
      name: { givenName: 'ada', familyName: 'Test' },
      emails: [{ value: 'ada@acme.test', type: 'work', primary: true }],
      managedBy: { integrationId, provider: 'provisioning-api' },
    });
    expect(users.get('cy@acme.test')).toMatchObject({ state: 'disabled' });
    const [group] = await admin(company).groups();
    expect(group).toMatchObject({ displayName: 'Engineering' });
    expect(await admin(company).members(group.id as string)).toEqual(['ada@acme.test', 'bob@acme.test', 'cy@acme.test']);

    // 3 user.created, group.created, 3 group.member_added: each with the snapshot as its source, as documented.
    const events = await companyEvents(app, company.companyId, 7);
    expect(events.map((event) => event.type).sort()).toEqual([
      'group.created',
      'group.member_added',
      'group.member_added',
      'group.member_added',
      'user.created',
      'user.created',
      'user.created',
    ]);
    for (const event of events) {
      expect(event.source).toEqual({ type: 'directory-sync', integrationId, provider: 'provisioning-api', snapshotId: first.body.id });
      expect(validate(event as { type: string })).toEqual([]);
    }

    // The same directory again: nothing to do, no event. Committing the applied snapshot again answers its record.
    const second = await sync(key, directory);
    expect(second.body.planned.counts).toMatchObject({
      users: { managed: 3, created: 0, updated: 0, enabled: 0, disabled: 0, deprovisioned: 0, unchanged: 3 },
      groups: { created: 0, updated: 0, deleted: 0, membersAdded: 0, membersRemoved: 0 },
    });
    const again = await api(key).commit(first.body.id, { parts: 2, users: 3, groups: 1 }).expect(200);
    expect(again.body).toEqual(first.body);
    // An admin's change is the barrier: once its event is there, any event of the second snapshot would be too.
    await app.http
      .post(`/api/admin/users/${users.get('bob@acme.test')!.id as string}/disable`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    const after = await companyEvents(app, company.companyId, 8);
    expect(after[7]).toMatchObject({ type: 'user.disabled', source: { type: 'admin' } });
  });

  it('updates, disables, re-enables and deprovisions users, renames and empties groups and deletes the ones it no longer names', async () => {
    const { company, key, integrationId } = await setUp();
    // Two of thirteen users lose access (15 %): allowed here.
    await admin(company).settings(integrationId, { maxDeletePercent: 20 }).expect(200);
    const people = ['ada', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jo', 'kim', 'lu'];
    await sync(key, [
      {
        users: [...people.map((name) => person(name)), person('zed', { active: false })],
        groups: [
          { displayName: 'Engineering', externalId: 'g-eng', members: ['ext-ada', 'ext-bob'] },
          { displayName: 'Old', externalId: 'g-old', members: ['ext-cy'] },
        ],
      },
    ]);
    const before = byName(await admin(company).users());

    const next = await sync(key, [
      {
        users: [
          person('ada', { displayName: 'Ada L.', title: 'CTO' }),
          person('bob', { active: false }),
          ...people.slice(2, 11).map((name) => person(name)),
          person('zed'),
          person('new'),
        ],
        groups: [{ displayName: 'Engineers', externalId: 'g-eng', members: ['ext-ada', 'ext-new'] }],
      },
    ]);
    expect(next.body.planned.counts).toMatchObject({
      users: { managed: 13, created: 1, updated: 1, enabled: 1, disabled: 1, deprovisioned: 1, unchanged: 9 },
      groups: { managed: 2, created: 0, updated: 1, deleted: 1, membersAdded: 1, membersRemoved: 1 },
    });
    expect(next.body).toMatchObject({ state: 'applied', result: { failed: 0 } });

    const users = byName(await admin(company).users());
    expect(users.get('ada@acme.test')).toMatchObject({ id: before.get('ada@acme.test')!.id, displayName: 'Ada L.' });
    expect(users.get('bob@acme.test')).toMatchObject({ state: 'disabled' });
    expect(users.get('zed@acme.test')).toMatchObject({ state: 'provisioned' });
    expect(users.get('lu@acme.test')).toMatchObject({ state: 'disabled' });
    const groups = await admin(company).groups();
    expect(groups.map((group) => group.displayName)).toEqual(['Engineers']);
    expect(groups[0].id).toBeDefined();
    expect(await admin(company).members(groups[0].id as string)).toEqual(['ada@acme.test', 'new@acme.test']);
  });

  /** Every planned change of a snapshot, page by page. */
  type ChangePage = { items: Item[]; nextCursor: string | null };
  async function allChanges(read: (query: string) => Promise<{ body: ChangePage }>) {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ChangePage = (await read(`?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 20);
    return { items, pages };
  }

  it('lists the whole difference of a dry run by cursor, beyond the first 100 the snapshot shows', async () => {
    const { company, key } = await setUp();
    const token = await createProvisioningToken(app, company, 'okta');
    await createUser(app, token, { userName: 'okta-user@acme.test' });
    const people = Array.from({ length: 130 }, (_, index) => person(`d${String(index).padStart(3, '0')}`));
    const answer = await sync(key, [{ users: [...people, { userName: 'okta-user@acme.test' }] }], { dryRun: true });
    expect(answer.body.planned).toMatchObject({ counts: { users: { created: 130 }, issues: 1 }, moreChanges: true });
    expect(answer.body.planned.changes).toHaveLength(100);

    const id = answer.body.id as string;
    const fromSource = await allChanges((query) => api(key).changes(id, query).expect(200));
    expect(fromSource.pages).toBe(3);
    expect(fromSource.items.slice(0, 130).map((change) => change.target)).toEqual(people.map((user) => user.userName));
    expect(fromSource.items.slice(0, 130).every((change) => change.action === 'user.create' && change.id === null)).toBe(true);
    expect(fromSource.items[130]).toMatchObject({ action: 'issue', target: 'user okta-user@acme.test', id: null });
    expect(fromSource.items).toHaveLength(131);
    expect((await allChanges((query) => admin(company).changes(id, query).expect(200))).items).toEqual(fromSource.items);

    await api(key).changes(id, '?cursor=abc').expect(400);
    await api(key).changes(id, '?limit=0').expect(400);
    const other = await setUp();
    await api(other.key).changes(id).expect(404);
    await admin(other.company).changes(id).expect(404);

    // Applied, the plan is done with: the record keeps its counts and result.
    await api(key).commit(id, { parts: 1, users: 131 }).expect(200);
    expect((await api(key).changes(id).expect(200)).body).toEqual({ items: [], nextCursor: null });
  });

  it('holds a snapshot that would deprovision more than maxDeletePercent until an admin confirms it', async () => {
    const { company, key } = await setUp();
    const people = Array.from({ length: 10 }, (_, index) => person(`p${index}`));
    await sync(key, [{ users: people }]);

    // Two of ten (20 %) would go: more than the default 10 %.
    const held = await sync(key, [{ users: people.slice(0, 8) }]);
    expect(held.body).toMatchObject({ state: 'held', planned: { counts: { users: { deprovisioned: 2 } }, removalPercent: 20 } });
    expect(held.body.reason).toContain('maxDeletePercent of 10 %');
    expect((await admin(company).users()).every((user) => user.state === 'provisioned')).toBe(true);
    const listed = (await admin(company).snapshots('?state=held').expect(200)).body.items;
    expect(listed.map((snapshot: Item) => snapshot.id)).toEqual([held.body.id]);
    expect((await admin(company).changes(held.body.id).expect(200)).body.items).toEqual([
      { action: 'user.disable', target: 'p8@acme.test', id: expect.any(String) },
      { action: 'user.disable', target: 'p9@acme.test', id: expect.any(String) },
    ]);
    // The source cannot push it through by committing again.
    expect((await api(key).commit(held.body.id, { parts: 1, users: 8 }).expect(200)).body.state).toBe('held');

    const confirmed = await admin(company).confirm(held.body.id).expect(200);
    expect(confirmed.body).toMatchObject({
      state: 'applied',
      decidedBy: { adminId: company.superAdminId, email: company.superAdminEmail },
      result: { applied: { users: { deprovisioned: 2 } } },
    });
    const states = byName(await admin(company).users());
    expect(states.get('p8@acme.test')).toMatchObject({ state: 'disabled' });
    expect(states.get('p9@acme.test')).toMatchObject({ state: 'disabled' });
    expect(states.get('p0@acme.test')).toMatchObject({ state: 'provisioned' });
    await admin(company).confirm(held.body.id).expect(409);
    expect((await admin(company).audit()).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['directory_sync.snapshot_confirmed', 'directory_sync.snapshot_applied']),
    );
  });

  it('holds a snapshot again when, confirmed later, it would deprovision more than when it was held', async () => {
    const { company, key } = await setUp();
    const people = Array.from({ length: 10 }, (_, index) => person(`h${index}`));
    await sync(key, [{ users: people }]);
    const held = await sync(key, [{ users: people.slice(0, 8) }]);
    expect(held.body).toMatchObject({ state: 'held', planned: { counts: { users: { deprovisioned: 2 } } } });

    // Meanwhile the source creates two users the held snapshot does not list: confirming it now would remove four.
    for (const late of ['late-1', 'late-2'])
      await app.http
        .post('/api/v1/users')
        .set(bearer(key))
        .set('Idempotency-Key', `create-${late}-${held.body.id}`)
        .send({ email: `${late}@acme.test` })
        .expect(201);
    const confirmed = await admin(company).confirm(held.body.id).expect(200);
    expect(confirmed.body).toMatchObject({ state: 'held', planned: { counts: { users: { deprovisioned: 4 } } } });
    expect(confirmed.body.reason).toContain('held again');
    expect((await admin(company).users()).every((user) => user.state !== 'disabled')).toBe(true);
  });

  it('rejects a held snapshot as superseded once the same source holds or applies a newer one', async () => {
    const { company, key, integrationId } = await setUp();
    const people = Array.from({ length: 10 }, (_, index) => person(`s${index}`));
    await sync(key, [{ users: people }]);
    const first = await sync(key, [{ users: people.slice(0, 7) }]);
    const second = await sync(key, [{ users: people.slice(0, 6) }]);
    expect([first.body.state, second.body.state]).toEqual(['held', 'held']);

    // One held snapshot per source: the newer one.
    const superseded = (await admin(company).snapshot(first.body.id).expect(200)).body;
    expect(superseded).toMatchObject({ state: 'rejected', reason: expect.stringContaining(`Superseded by snapshot ${second.body.id}`) });
    expect((await admin(company).snapshots('?state=held').expect(200)).body.items.map((item: Item) => item.id)).toEqual([second.body.id]);
    await admin(company).confirm(first.body.id).expect(409);

    // An applied snapshot supersedes the held one too: confirming it later would bring back an older directory.
    await sync(key, [{ users: people }]);
    expect((await admin(company).snapshot(second.body.id).expect(200)).body.state).toBe('rejected');
    await admin(company).confirm(second.body.id).expect(409);
    expect((await admin(company).users()).every((user) => user.state === 'provisioned')).toBe(true);
    const superseding = (await admin(company).audit()).filter((entry) => entry.action === 'directory_sync.snapshot_superseded');
    expect(superseding.map((entry) => [entry.targetId, entry.actorId])).toEqual(
      expect.arrayContaining([
        [first.body.id, integrationId],
        [second.body.id, integrationId],
      ]),
    );
  });

  it('never applies a rejected snapshot', async () => {
    const { company, key } = await setUp();
    const people = Array.from({ length: 4 }, (_, index) => person(`r${index}`));
    await sync(key, [{ users: people }]);
    const held = await sync(key, [{ users: people.slice(0, 1) }]);
    expect(held.body.state).toBe('held');

    expect((await admin(company).changes(held.body.id).expect(200)).body.items).toHaveLength(3);
    const rejected = await admin(company).reject(held.body.id).expect(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', decidedBy: { adminId: company.superAdminId } });
    expect((await admin(company).changes(held.body.id).expect(200)).body.items).toEqual([]);
    await admin(company).confirm(held.body.id).expect(409);
    await api(key)
      .upload(held.body.id, 2, { users: [person('late')] })
      .expect(409);
    expect((await admin(company).users()).every((user) => user.state === 'provisioned')).toBe(true);
  });

  it('never applies an empty or truncated snapshot', async () => {
    const { company, key } = await setUp();
    await sync(key, [{ users: [person('ada'), person('bob')] }]);

    const empty = await sync(key, [{ users: [] }], { expect: 400 });
    expect(empty.body).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('empty snapshot never applies') });

    const id = (await api(key).open().expect(201)).body.id as string;
    await api(key)
      .upload(id, 1, { users: [person('ada')] })
      .expect(200);
    const missingPart = await api(key).commit(id, { parts: 2, users: 2 }).expect(400);
    expect(missingPart.body.message).toContain('parts 2 were not uploaded');
    const wrongTotal = await api(key).commit(id, { parts: 1, users: 2 }).expect(400);
    expect(wrongTotal.body.message).toContain('1 users were uploaded, 2 declared');

    // The missing part arrives: the snapshot is whole and applies.
    await api(key)
      .upload(id, 2, { users: [person('bob')] })
      .expect(200);
    expect((await api(key).commit(id, { parts: 2, users: 2 }).expect(200)).body.planned.counts.users.unchanged).toBe(2);
    expect((await admin(company).users()).map((user) => user.state)).toEqual(['provisioned', 'provisioned']);
  });

  it('refuses an item twice in a snapshot, and replaces a part uploaded again', async () => {
    const { key } = await setUp();
    const id = (await api(key).open().expect(201)).body.id as string;
    const twice = await api(key)
      .upload(id, 1, { users: [person('ada'), person('ADA', { externalId: 'other' })] })
      .expect(400);
    expect(twice.body.message).toContain('more than once: user ADA@acme.test');
    await api(key)
      .upload(id, 1, { users: [person('ada')] })
      .expect(200);
    const across = await api(key)
      .upload(id, 2, { users: [person('ada', { externalId: 'x' })] })
      .expect(400);
    expect(across.body.message).toContain('user ada@acme.test (part 1)');

    await api(key)
      .upload(id, 1, { users: [person('bob'), person('cy')] })
      .expect(200);
    // Parts upload side by side: of two at once naming the same user, one is refused.
    const racing = await Promise.all([3, 4].map((part) => api(key).upload(id, part, { users: [person('dee')] })));
    expect(racing.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const parts = await app.http.get(`/api/v1/snapshots/${id}/parts`).set(bearer(key)).expect(200);
    expect(parts.body).toEqual([
      { partNumber: 1, users: 2, groups: 0, memberships: 0 },
      { partNumber: racing[0].status === 200 ? 3 : 4, users: 1, groups: 0, memberships: 0 },
    ]);
    // An externalId or a group (any case) of another part too, also under an Idempotency-Key: named, nothing staged.
    const keyed = await api(key)
      .upload(id, 5, { users: [person('eve', { externalId: 'ext-bob' })] })
      .set('Idempotency-Key', 'duplicate-externalid')
      .expect(400);
    expect(keyed.body.message).toBe('Already in another part of the snapshot: user bob@acme.test (part 1)');
    await api(key)
      .upload(id, 6, { users: [person('fay')], groups: [{ displayName: 'Staff' }] })
      .expect(200);
    const group = await api(key)
      .upload(id, 7, { users: [person('gus')], groups: [{ displayName: 'STAFF' }] })
      .expect(400);
    expect(group.body.message).toBe('Already in another part of the snapshot: group Staff (part 6)');
    const staged = (await app.http.get(`/api/v1/snapshots/${id}/parts`).set(bearer(key)).expect(200)).body as Item[];
    expect(staged.map((part) => part.partNumber)).toEqual([1, racing[0].status === 200 ? 3 : 4, 6]);
    await api(key).upload(id, 0, { users: [] }).expect(400);
    await api(key)
      .upload(id, 1, { users: [{ userName: ' ' }] })
      .expect(400);
  });

  it("deletes instead of disabling per the source's settings, audit-logged", async () => {
    const { company, key, integrationId } = await setUp();
    const updated = await admin(company).settings(integrationId, { deprovisionAction: 'delete', maxDeletePercent: 50 }).expect(200);
    expect(updated.body).toMatchObject({ integrationId, deprovisionAction: 'delete', maxDeletePercent: 50 });
    await admin(company).settings(integrationId, { maxDeletePercent: 101 }).expect(400);
    await admin(company).settings('00000000-0000-4000-8000-000000000000', { maxDeletePercent: 5 }).expect(404);

    await sync(key, [{ users: [person('ada'), person('bob')], groups: [{ displayName: 'All', members: ['ext-ada', 'ext-bob'] }] }]);
    const answer = await sync(key, [{ users: [person('ada')], groups: [{ displayName: 'All', members: ['ext-ada'] }] }]);
    expect(answer.body).toMatchObject({ state: 'applied', result: { applied: { users: { deprovisioned: 1 } } } });
    const users = byName(await admin(company).users());
    expect(users.get('bob@acme.test')).toMatchObject({ state: 'deleted' });
    expect((await admin(company).audit()).find((entry) => entry.action === 'directory_sync.settings_changed')).toMatchObject({
      details: {
        before: { deprovisionAction: 'disable', maxDeletePercent: 10 },
        after: { deprovisionAction: 'delete', maxDeletePercent: 50 },
      },
    });
  });

  it("touches only what its source manages: another tab's users stay, a taken userName is reported", async () => {
    const { company, key } = await setUp();
    const token = await createProvisioningToken(app, company, 'okta');
    const okta = await createUser(app, token, { userName: 'okta-user@acme.test' });
    await sync(key, [{ users: [person('ada')] }]);

    const conflict = {
      item: 'user okta-user@acme.test',
      problem: 'userName belongs to a user the okta directory integration manages: this source does not manage it',
      code: 'managed_by_another_source',
    };
    const answer = await sync(key, [{ users: [person('ada'), { userName: 'okta-user@acme.test', externalId: 'theirs' }] }]);
    expect(answer.body).toMatchObject({
      state: 'applied',
      planned: { counts: { users: { managed: 1, created: 0, unchanged: 1 }, issues: 1 }, issues: [conflict] },
      result: { failed: 1, failures: [conflict] },
    });
    const users = byName(await admin(company).users());
    expect(users.get('okta-user@acme.test')).toMatchObject({ id: okta.id, externalId: null, managedBy: { provider: 'okta' } });
  });

  it("shows a group name another source's group holds as a conflict of its item, and applies the rest", async () => {
    const { company, key } = await setUp();
    const token = await createProvisioningToken(app, company, 'okta');
    await createGroup(app, token, { displayName: 'Sales' });
    await createGroup(app, token, { displayName: 'Marketing' });
    await sync(key, [{ users: [person('ada'), person('bob')], groups: [{ displayName: 'Staff', externalId: 'g-staff' }] }]);

    // Staff renamed to Sales and a new group named marketing: both names are taken, in any case.
    const directory = {
      users: [person('ada'), person('bob'), person('cy')],
      groups: [
        { displayName: 'Sales', externalId: 'g-staff', members: ['ext-ada'] },
        { displayName: 'marketing', externalId: 'g-other', members: ['ext-bob'] },
        { displayName: 'Support', members: ['ext-cy'] },
      ],
    };
    const taken = (problem: string) => ({
      problem: `displayName belongs to a group the okta directory integration manages: ${problem}`,
      code: 'already_exists',
    });
    const dryRun = await sync(key, [directory], { dryRun: true });
    expect(dryRun.body.planned).toMatchObject({
      counts: { users: { created: 1 }, groups: { created: 1, updated: 0, membersAdded: 2 }, issues: 2 },
      issues: [
        { item: 'group marketing', ...taken('not created') },
        { item: 'group Sales', ...taken('Staff keeps its name') },
      ],
    });
    const listed = (await api(key).changes(dryRun.body.id).expect(200)).body.items as Item[];
    expect(listed.filter((change) => change.action === 'issue')).toEqual([
      { action: 'issue', target: 'group marketing', id: null, detail: taken('not created').problem, code: 'already_exists' },
      { action: 'issue', target: 'group Sales', id: null, detail: taken('Staff keeps its name').problem, code: 'already_exists' },
    ]);
    expect(listed.map((change) => change.action)).not.toContain('group.update');

    const applied = await api(key).commit(dryRun.body.id, { parts: 1, users: 3, groups: 3 }).expect(200);
    expect(applied.body).toMatchObject({
      state: 'applied',
      result: {
        applied: { users: { created: 1 }, groups: { created: 1, updated: 0, membersAdded: 2 } },
        failed: 2,
        failures: [
          { item: 'group marketing', ...taken('not created') },
          { item: 'group Sales', ...taken('Staff keeps its name') },
        ],
      },
    });
    const groups = new Map((await admin(company).groups()).map((group) => [group.displayName as string, group]));
    expect([...groups.keys()].sort()).toEqual(['Marketing', 'Sales', 'Staff', 'Support']);
    expect(await admin(company).members(groups.get('Staff')!.id as string)).toEqual(['ada@acme.test']);
    expect(await admin(company).members(groups.get('Support')!.id as string)).toEqual(['cy@acme.test']);
    expect(await admin(company).members(groups.get('Sales')!.id as string)).toEqual([]);
  });

  it("logs each step of a snapshot in its tab's sync log: open, parts, commits, an admin's confirmation and rejection", async () => {
    const { company, key, integrationId } = await setUp();
    const people = Array.from({ length: 4 }, (_, index) => person(`s${index}`));
    const first = await sync(key, [{ users: people.slice(0, 2) }, { users: people.slice(2) }]);
    const held = await sync(key, [{ users: people.slice(0, 2) }]);
    await admin(company).confirm(held.body.id).expect(200);
    const rejected = await sync(key, [{ users: people.slice(0, 1) }]);
    await admin(company).reject(rejected.body.id).expect(200);
    await api(key)
      .upload(rejected.body.id, 1, { users: [person('late')] })
      .expect(409);

    const entries = await eventually(async () => {
      const page = (
        await app.http.get('/api/admin/sync-log?provider=provisioning-api&limit=200').set(bearer(company.superAdminKey)).expect(200)
      ).body.items as Item[];
      expect(page).toHaveLength(13);
      return page.reverse();
    });
    const step = (operation: string, id: string, detail: unknown, status = 200) =>
      expect.objectContaining({ provider: 'provisioning-api', operation, resourceType: 'Snapshot', resourceId: id, status, detail });
    expect(entries).toEqual([
      step('snapshot_open', first.body.id, 'open', 201),
      step('snapshot_part', first.body.id, 'part 1: 2 users, 0 groups, 0 member references'),
      step('snapshot_part', first.body.id, 'part 2: 2 users, 0 groups, 0 member references'),
      step('snapshot_commit', first.body.id, 'applied: users 4 created, 0 updated, 0 enabled, 0 disabled, 0 deprovisioned; 0 failed'),
      step('snapshot_open', held.body.id, 'open', 201),
      step('snapshot_part', held.body.id, 'part 1: 2 users, 0 groups, 0 member references'),
      step('snapshot_commit', held.body.id, expect.stringMatching(/^held: 2 of the 4 users/)),
      step(
        'snapshot_confirm',
        held.body.id,
        `applied: users 0 created, 0 updated, 0 enabled, 0 disabled, 2 deprovisioned; 0 failed (by ${company.superAdminEmail})`,
      ),
      step('snapshot_open', rejected.body.id, 'open', 201),
      step('snapshot_part', rejected.body.id, 'part 1: 1 users, 0 groups, 0 member references'),
      step('snapshot_commit', rejected.body.id, expect.stringMatching(/^held: /)),
      step('snapshot_reject', rejected.body.id, `rejected: Rejected by an admin (by ${company.superAdminEmail})`),
      step('snapshot_part', rejected.body.id, `Snapshot ${rejected.body.id} is rejected and cannot be changed`, 409),
    ]);
    expect(entries.every((entry) => entry.integrationId === integrationId)).toBe(true);
  });

  it('expires a snapshot left open or held past DIRECTORY_SNAPSHOT_EXPIRY_HOURS, dropping its parts', async () => {
    const { company, key } = await setUp();
    const people = Array.from({ length: 4 }, (_, index) => person(`x${index}`));
    await sync(key, [{ users: people }]);
    const held = await sync(key, [{ users: people.slice(0, 2) }]);
    const open = (await api(key).open().expect(201)).body.id as string;
    await api(key).upload(open, 1, { users: people }).expect(200);
    const database = app.running.app.get(DataSource);
    await database.query(`UPDATE directory_snapshots SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [
      [held.body.id, open],
    ]);
    await admin(company).confirm(held.body.id).expect(409);
    await api(key)
      .upload(open, 2, { users: [person('late')] })
      .expect(409);

    const run = await app.running.app.get(RetentionService).runOnce();
    expect(run.purged.directory_snapshots).toBeGreaterThanOrEqual(2);
    for (const id of [held.body.id, open]) {
      expect((await admin(company).snapshot(id).expect(200)).body).toMatchObject({ state: 'expired' });
    }
    const staged = await database.query(`SELECT count(*)::int AS count FROM directory_snapshot_parts WHERE snapshot_id = $1`, [open]);
    expect(staged[0].count).toBe(0);
    expect((await admin(company).users()).every((user) => user.state === 'provisioned')).toBe(true);
  });

  it("keeps a company's snapshots its own", async () => {
    const mine = await setUp();
    const theirs = await setUp();
    const id = (await api(mine.key).open().expect(201)).body.id as string;
    await api(theirs.key).get(id).expect(404);
    await api(theirs.key)
      .upload(id, 1, { users: [person('x')] })
      .expect(404);
    await api(theirs.key).commit(id, { parts: 1, users: 1 }).expect(404);
    await admin(theirs.company).snapshot(id).expect(404);
    await admin(theirs.company).reject(id).expect(404);
    expect((await admin(theirs.company).snapshots().expect(200)).body.items).toEqual([]);
    expect((await admin(mine.company).snapshots().expect(200)).body.items.map((snapshot: Item) => snapshot.id)).toEqual([id]);
    const events: FeedEvent[] = await readAll(app, undefined, theirs.company.companyId);
    expect(events).toEqual([]);
  });
});
