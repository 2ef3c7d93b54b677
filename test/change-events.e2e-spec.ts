import { CHANGE_EVENT_TYPES } from '../src/events/change-event';
import { changeEventValidator, documentedEventTypes } from './support/change-event-validator';
import { FeedEvent, readAll, readFeed } from './support/events-feed';
import {
  createCompany,
  createGroup,
  createProvisioningToken,
  createUser,
  members,
  setMasterPasswordResetPolicy,
  TestCompany,
} from './support/factories';
import { PATCH_OP_SCHEMA, scim, ScimClient } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_NAME, TEST_SERVICE_SECRET, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

type Step = () => Promise<unknown>;

describe('change events', () => {
  let app: TestApp;
  const validate = changeEventValidator();

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /**
   * Runs each step and returns, per step, the events it emitted, read from the company's feed. The feed is read up
   * to a marker change after each step: a step's events are numbered no later than the marker's. What happened
   * before the first step is passed over.
   */
  async function eventsOfSteps(company: TestCompany, steps: Step[]): Promise<FeedEvent[][]> {
    const perStep: FeedEvent[][] = [];
    let cursor = '0';
    for (const step of [() => Promise.resolve(), ...steps]) {
      await step();
      const marker = await markerChange(company);
      const events = await eventually(async () => {
        const read = await readAll(app, cursor, company.companyId);
        expect(read.some((event) => event.subject.id === marker)).toBe(true);
        return read;
      });
      const markerAt = events.findIndex((event) => event.subject.id === marker);
      perStep.push(events.slice(0, markerAt));
      cursor = events[markerAt].sequence;
      expect(events.slice(markerAt + 1)).toEqual([]);
    }
    return perStep.slice(1);
  }

  /** A change after a step (a throwaway user created through another integration), whose one event closes the step. */
  const markers = new Map<string, { token: string }>();
  async function markerChange(company: TestCompany): Promise<string> {
    const { token } = markers.get(company.companyId)!;
    return (await createUser(app, token)).id;
  }

  function expectValid(events: FeedEvent[]): void {
    expect(events.flatMap((event) => validate(event as { type: string }))).toEqual([]);
  }

  async function companyFor(name: string): Promise<{ company: TestCompany; token: string; client: ScimClient }> {
    const company = await createCompany(app, name);
    const token = await createProvisioningToken(app, company, 'okta');
    markers.set(company.companyId, { token: await createProvisioningToken(app, company, 'generic') });
    return { company, token, client: scim(app, token) };
  }

  it('documents one JSON Schema for every event type', () => {
    expect(documentedEventTypes()).toEqual([...CHANGE_EVENT_TYPES].sort());
  });

  it('emits exactly the events of each SCIM change, and none for a no-op', async () => {
    const { company, token, client } = await companyFor('SCIM events');
    const integrationId = (await app.http.get('/api/admin/directory-integrations/okta').set(bearer(company.superAdminKey)).expect(200)).body
      .integrationId;
    let user: Record<string, any> = {};
    let other: Record<string, any> = {};
    let group: Record<string, any> = {};
    const patch = (path: string, operations: unknown[]) =>
      client.patch(path, { schemas: [PATCH_OP_SCHEMA], Operations: operations }).expect((response) => {
        if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      });
    const steps: Step[] = [
      async () => (user = await createUser(app, token, { externalId: 'okta-1', displayName: 'Ada' })),
      async () => (other = await createUser(app, token)),
      () => patch(`/Users/${user.id}`, [{ op: 'replace', path: 'displayName', value: 'Ada Lovelace' }]),
      () => patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]),
      () => patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: false }]),
      () => patch(`/Users/${user.id}`, [{ op: 'replace', path: 'active', value: true }]),
      async () => (group = await createGroup(app, token, { displayName: 'Finance', externalId: 'g-1', members: members([user]) })),
      () => patch(`/Groups/${group.id}`, [{ op: 'add', path: 'members', value: members([user]) }]),
      () => patch(`/Groups/${group.id}`, [{ op: 'add', path: 'members', value: members([other]) }]),
      () => patch(`/Groups/${group.id}`, [{ op: 'replace', path: 'displayName', value: 'Finance EMEA' }]),
      () => patch(`/Groups/${group.id}`, [{ op: 'remove', path: `members[value eq "${other.id}"]` }]),
      () => client.delete(`/Users/${user.id}`).expect(204),
      () => patch(`/Groups/${group.id}`, [{ op: 'add', path: 'members', value: members([other]) }]),
      () => client.delete(`/Groups/${group.id}`).expect(204),
    ];

    const events = await eventsOfSteps(company, steps);

    const userSubject = { type: 'user', id: user.id, userName: user.userName, externalId: 'okta-1' };
    const groupSubject = (displayName: string) => ({ type: 'group', id: group.id, displayName, externalId: 'g-1' });
    const asMember = (member: Record<string, any>) => ({ id: member.id, userName: member.userName, externalId: member.externalId ?? null });
    const shapes = events.map((step) => step.map(({ type, subject, data }) => ({ type, subject, data })));
    expect(shapes).toEqual([
      [{ type: 'user.created', subject: userSubject, data: { state: 'provisioned', displayName: 'Ada', attributes: expect.any(Object) } }],
      [expect.objectContaining({ type: 'user.created', subject: expect.objectContaining({ id: other.id }) })],
      [{ type: 'user.updated', subject: userSubject, data: { changes: { displayName: { before: 'Ada', after: 'Ada Lovelace' } } } }],
      [{ type: 'user.disabled', subject: userSubject, data: { state: { before: 'provisioned', after: 'disabled' } } }],
      [],
      [{ type: 'user.enabled', subject: userSubject, data: { state: { before: 'disabled', after: 'provisioned' } } }],
      [
        { type: 'group.created', subject: groupSubject('Finance'), data: {} },
        { type: 'group.member_added', subject: groupSubject('Finance'), data: { user: asMember(user) } },
      ],
      [],
      [{ type: 'group.member_added', subject: groupSubject('Finance'), data: { user: asMember(other) } }],
      [
        {
          type: 'group.updated',
          subject: groupSubject('Finance EMEA'),
          data: { changes: { displayName: { before: 'Finance', after: 'Finance EMEA' } } },
        },
      ],
      [{ type: 'group.member_removed', subject: groupSubject('Finance EMEA'), data: { user: asMember(other) } }],
      [
        { type: 'user.deleted', subject: userSubject, data: { state: { before: 'provisioned', after: 'deleted' } } },
        { type: 'group.member_removed', subject: groupSubject('Finance EMEA'), data: { user: asMember(user) } },
      ],
      [{ type: 'group.member_added', subject: groupSubject('Finance EMEA'), data: { user: asMember(other) } }],
      [{ type: 'group.deleted', subject: groupSubject('Finance EMEA'), data: { memberCount: 1 } }],
    ]);
    const all = events.flat();
    for (const event of all) {
      expect(event).toMatchObject({ companyId: company.companyId, source: { type: 'scim', integrationId, provider: 'okta' } });
    }
    expectValid(all);
  });

  it('emits exactly the events of each admin change, and none for a no-op', async () => {
    const { company, token } = await companyFor('Admin events');
    await setMasterPasswordResetPolicy(app, company, true);
    const admin = (method: 'post' | 'delete', path: string) => app.http[method](`/api/admin${path}`).set(bearer(company.superAdminKey));
    const internal = (path: string) =>
      app.http.post(`/api/internal/companies/${company.companyId}${path}`).set(bearer(TEST_SERVICE_SECRET)).expect(200);
    const user = await createUser(app, token);
    await internal(`/users/${user.id}/master-password-set`);

    const steps: Step[] = [
      () => admin('post', `/users/${user.id}/master-password-reset`).expect(202),
      () => admin('post', `/users/${user.id}/disable`).expect(200),
      () => admin('post', `/users/${user.id}/disable`).expect(200),
      () => admin('post', `/users/${user.id}/enable`).expect(200),
      () => admin('post', `/users/${user.id}/disable`).expect(200),
      () => admin('delete', `/users/${user.id}`).expect(204),
    ];
    const events = await eventsOfSteps(company, steps);

    expect(events.map((step) => step.map((event) => event.type))).toEqual([
      ['user.master_password_reset_requested'],
      ['user.disabled'],
      [],
      ['user.enabled'],
      ['user.disabled'],
      ['user.deleted'],
    ]);
    expect(events[3][0].data).toEqual({ state: { before: 'disabled', after: 'active' } });
    expect(events[0][0].data).toEqual({ resetId: expect.any(String), expiresAt: expect.any(String) });
    for (const event of events.flat()) {
      expect(event).toMatchObject({
        subject: { type: 'user', id: user.id },
        source: { type: 'admin', adminId: company.superAdminId, email: company.superAdminEmail },
      });
    }
    expectValid(events.flat());
  });

  it('emits exactly the events of each internal change, and none for a no-op', async () => {
    const { company, token } = await companyFor('Internal events');
    await setMasterPasswordResetPolicy(app, company, true);
    const user = await createUser(app, token);
    const internal = (path: string) =>
      app.http.post(`/api/internal/companies/${company.companyId}${path}`).set(bearer(TEST_SERVICE_SECRET)).expect(200);
    let resetId = '';

    const steps: Step[] = [
      () => internal(`/users/${user.id}/master-password-set`),
      () => internal(`/users/${user.id}/master-password-set`),
      async () => {
        resetId = (await app.http.post(`/api/admin/users/${user.id}/master-password-reset`).set(bearer(company.superAdminKey)).expect(202))
          .body.id;
      },
      () => internal(`/master-password-resets/${resetId}/complete`),
    ];
    const events = await eventsOfSteps(company, steps);

    const source = { type: 'internal', service: TEST_SERVICE_NAME };
    expect(events.map((step) => step.map(({ type, source: from, data }) => ({ type, source: from, data })))).toEqual([
      [{ type: 'user.master_password_set', source, data: { state: { before: 'provisioned', after: 'active' } } }],
      [],
      [expect.objectContaining({ type: 'user.master_password_reset_requested' })],
      [{ type: 'user.master_password_reset_completed', source, data: { resetId } }],
    ]);
    expectValid(events.flat());
  });

  it('documents every event the feed serves: each validates against the schema of its type', async () => {
    const all = await readAll(app);
    expect(all.length).toBeGreaterThan(0);
    expectValid(all);
    expect((await readFeed(app, { limit: 1 }).expect(200)).body.events).toHaveLength(1);
  });
});
