import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RetentionService } from '../src/retention/retention.service';
import {
  createCompany,
  createGroup,
  createProvisioningApiKey,
  createProvisioningToken,
  createUser,
  members,
  TestCompany,
  uniqueEmail,
} from './support/factories';
import { PATCH_OP_SCHEMA, scim, ScimResource } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { waitFor, WaitOptions } from './support/wait-for';

interface LeasedTask {
  id: string;
  kind: 'grant' | 'revoke';
  state: string;
  companyId: string;
  groupId: string | null;
  userId: string | null;
  userName: string | null;
  groupDisplayName: string | null;
  attempt: number;
}

interface Lease {
  leaseId: string;
  leaseExpiresAt: string | null;
  tasks: LeasedTask[];
}

/** The shortest lease the API allows: expiry tests wait for it. */
const SHORT_LEASE_SECONDS = 10;
const EXPIRY_WAIT = { timeoutMs: 30_000, intervalMs: 250 };

describe('key grants', () => {
  let app: TestApp;
  /** A company whose changes show how far the consumer has planned. */
  let witness: Tenant;

  beforeAll(async () => {
    app = await startTestApp({ env: { RETENTION_INTERVAL_SECONDS: '0' } });
    witness = await tenant();
    // On a database other suites have filled, the consumer first plans their events.
    await afterEarlierChanges(witness, { timeoutMs: 120_000, intervalMs: 250 });
  });
  afterAll(() => app.close());

  interface Tenant extends TestCompany {
    token: string;
  }

  async function tenant(): Promise<Tenant> {
    const company = await createCompany(app, 'Key grants');
    return { ...company, token: await createProvisioningToken(app, company) };
  }

  const internal = (path: string) => app.http.post(`/api/internal/key-grants${path}`).set(bearer(TEST_SERVICE_SECRET));

  async function lease(company: TestCompany, body: Record<string, unknown> = {}): Promise<Lease> {
    return (
      await internal('/lease')
        .send({ companyId: company.companyId, ...body })
        .expect(200)
    ).body as Lease;
  }

  /** Leases until some task comes: the consumer plans events in the background. */
  async function leaseSome(company: TestCompany, body: Record<string, unknown> = {}, wait?: WaitOptions): Promise<Lease> {
    let leased: Lease | undefined;
    await waitFor(
      'a key-grant task to lease',
      async () => {
        leased = await lease(company, body);
        return leased.tasks.length > 0;
      },
      wait,
    );
    return leased!;
  }

  const complete = (task: { id: string }, leaseId: string) => internal(`/${task.id}/complete`).send({ leaseId });
  const fail = (task: { id: string }, leaseId: string, reason: string, retryable: boolean) =>
    internal(`/${task.id}/fail`).send({ leaseId, reason, retryable });
  const backlog = async (company: TestCompany) =>
    (await app.http.get('/api/admin/key-grants').set(bearer(company.superAdminKey)).expect(200)).body;

  const patchGroup = (company: Tenant, group: ScimResource, op: 'add' | 'remove', users: ScimResource[]) =>
    scim(app, company.token)
      .patch(`/Groups/${group.id}`, {
        schemas: [PATCH_OP_SCHEMA],
        Operations:
          op === 'add'
            ? [{ op, path: 'members', value: members(users) }]
            : users.map((user) => ({ op, path: `members[value eq "${user.id}"]` })),
      })
      .expect((response) => expect([200, 204]).toContain(response.status));
  const setActive = (company: Tenant, user: ScimResource, active: boolean) =>
    scim(app, company.token)
      .patch(`/Users/${user.id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { active } }] })
      .expect(200);

  /**
   * The company's leasable tasks once every change made so far is planned. The consumer plans events in order, so
   * a later change of another company (whose grant is leased alone) shows that the earlier ones are planned; leasing
   * the company's tasks before that could claim a grant whose cancellation is still to be planned.
   */
  async function afterEarlierChanges(company: Tenant, wait?: WaitOptions): Promise<Lease> {
    const marker = await createUser(app, witness.token);
    await createGroup(app, witness.token, { members: members([marker]) });
    const planned = await leaseSome(witness, {}, wait);
    expect(planned.tasks).toEqual([expect.objectContaining({ userId: marker.id })]);
    await complete(planned.tasks[0], planned.leaseId).expect(200);
    return lease(company);
  }

  it('turns a member added over SCIM into a grant the encryption service leases and completes once', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    const group = await createGroup(app, company.token, { displayName: 'Finance', members: members([user]) });

    const { leaseId, leaseExpiresAt, tasks } = await leaseSome(company);
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'grant',
        state: 'leased',
        companyId: company.companyId,
        groupId: group.id,
        userId: user.id,
        userName: user.userName,
        groupDisplayName: 'Finance',
        attempt: 1,
      }),
    ]);
    expect(new Date(leaseExpiresAt!).getTime()).toBeGreaterThan(Date.now());

    const done = await complete(tasks[0], leaseId).expect(200);
    expect(done.body).toMatchObject({ id: tasks[0].id, state: 'completed', finishedAt: expect.any(String) });
    // A repeated completion (a lost answer) is answered the same; another lease's is refused.
    await complete(tasks[0], leaseId).expect(200);
    const refused = await complete(tasks[0], randomUUID()).expect(409);
    expect(refused.body).toMatchObject({ code: 'invalid_state_transition', message: expect.stringContaining('it is completed') });
    expect((await lease(company)).tasks).toEqual([]);
  });

  it('cancels a grant whose member is removed before any lease: nothing to hand over, nothing to revoke', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    const group = await createGroup(app, company.token, { members: members([user]) });
    await patchGroup(company, group, 'remove', [user]);

    expect((await afterEarlierChanges(company)).tasks).toEqual([]);
    expect(await backlog(company)).toMatchObject({ queued: 0, leased: 0, failed: 0 });
  });

  it('cancels a queued revoke when the member is added again, and revokes when a re-added member leaves again', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    const group = await createGroup(app, company.token, { members: members([user]) });
    const first = await leaseSome(company);
    await complete(first.tasks[0], first.leaseId).expect(200);

    // Removed then added back before the revoke was leased: the revoke goes, a grant comes.
    await patchGroup(company, group, 'remove', [user]);
    await patchGroup(company, group, 'add', [user]);
    expect((await afterEarlierChanges(company)).tasks).toEqual([
      expect.objectContaining({ kind: 'grant', groupId: group.id, userId: user.id }),
    ]);

    // That grant, still queued, replaced a revoke: the member holds the key, so leaving again needs a revoke.
    const again = await tenant();
    const member = await createUser(app, again.token);
    const team = await createGroup(app, again.token, { members: members([member]) });
    const handedOver = await leaseSome(again);
    await complete(handedOver.tasks[0], handedOver.leaseId).expect(200);
    await patchGroup(again, team, 'remove', [member]);
    await patchGroup(again, team, 'add', [member]);
    await patchGroup(again, team, 'remove', [member]);
    expect((await afterEarlierChanges(again)).tasks).toEqual([
      expect.objectContaining({ kind: 'revoke', groupId: team.id, userId: member.id }),
    ]);
  });

  it('never leases a revoke while the grant of the same member is under way', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    const group = await createGroup(app, company.token, { members: members([user]) });
    const grant = await leaseSome(company);

    // The grant is leased, so it is not cancelled: the revoke is queued behind it.
    await patchGroup(company, group, 'remove', [user]);
    expect((await afterEarlierChanges(company)).tasks).toEqual([]);
    expect(await backlog(company)).toMatchObject({ queued: 1, leased: 1 });

    await complete(grant.tasks[0], grant.leaseId).expect(200);
    const revoke = await lease(company);
    expect(revoke.tasks).toEqual([expect.objectContaining({ kind: 'revoke', groupId: group.id, userId: user.id, attempt: 1 })]);
  });

  it('retires the key of a deleted group only after the grants of it under way are finished', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    const group = await createGroup(app, company.token, { members: members([user]) });
    const grant = await leaseSome(company);
    await scim(app, company.token).delete(`/Groups/${group.id}`).expect(204);
    expect((await afterEarlierChanges(company)).tasks).toEqual([]);

    await complete(grant.tasks[0], grant.leaseId).expect(200);
    expect((await lease(company)).tasks).toEqual([expect.objectContaining({ kind: 'revoke', groupId: group.id, userId: null })]);
  });

  it('revokes every group key of a disabled user, cancelling its queued grants, and grants them back on enable', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    await createGroup(app, company.token, { members: members([user]) });
    await setActive(company, user, false);

    const revoked = await afterEarlierChanges(company);
    expect(revoked.tasks).toEqual([
      expect.objectContaining({ kind: 'revoke', groupId: null, userId: user.id, userName: user.userName, groupDisplayName: null }),
    ]);
    await complete(revoked.tasks[0], revoked.leaseId).expect(200);

    await setActive(company, user, true);
    const granted = await leaseSome(company);
    expect(granted.tasks).toEqual([expect.objectContaining({ kind: 'grant', groupId: null, userId: user.id })]);
  });

  it('revokes a deleted user once, and retires the key of a deleted group', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    const groups = [
      await createGroup(app, company.token, { members: members([user]) }),
      await createGroup(app, company.token, { members: members([user]) }),
    ];
    await scim(app, company.token).delete(`/Users/${user.id}`).expect(204);
    const other = await createUser(app, company.token);
    const doomed = await createGroup(app, company.token, { members: members([other]) });
    await scim(app, company.token).delete(`/Groups/${doomed.id}`).expect(204);

    const planned = (await afterEarlierChanges(company)).tasks;
    expect(planned).toEqual([
      expect.objectContaining({ kind: 'revoke', groupId: null, userId: user.id }),
      expect.objectContaining({ kind: 'revoke', groupId: doomed.id, userId: null, groupDisplayName: doomed.displayName }),
    ]);
    expect(planned.map((task) => task.groupId)).not.toContain(groups[0].id);
  });

  it('plans users disabled together as one run: a revoke for each, every queued grant of theirs cancelled', async () => {
    const company = await tenant();
    const key = await createProvisioningApiKey(app, company);
    const api = (path: string, body: object) => app.http.post(`/api/v1${path}`).set(bearer(key)).send(body);
    const emails = [uniqueEmail('run'), uniqueEmail('run'), uniqueEmail('run')];
    const created = (await api('/users/batch', { users: emails.map((email) => ({ email })) }).expect(200)).body;
    const users = created.results as { id: string; email: string }[];
    const ids = users.map((user) => user.id);
    await api('/groups', { displayName: `Run ${randomUUID()}`, memberIds: ids }).expect(201);
    await api('/groups', { displayName: `Run ${randomUUID()}`, memberIds: ids.slice(0, 2) }).expect(201);
    // One transaction disables all three: their events are sequenced together and planned as one run.
    const disabled = (await api('/users/batch', { users: emails.map((email) => ({ email, active: false })) }).expect(200)).body;
    expect(disabled.counts).toMatchObject({ updated: 3, failed: 0 });

    // Leasable only once the five queued grants are cancelled: a revoke waits behind a queued grant of its user.
    const planned = (await afterEarlierChanges(company)).tasks;
    const byUser = (a: { userId: string | null }, b: { userId: string | null }) => (a.userId! < b.userId! ? -1 : 1);
    expect([...planned].sort(byUser)).toEqual(
      [...users]
        .map((user) => ({ userId: user.id, email: user.email }))
        .sort(byUser)
        .map((user) => expect.objectContaining({ kind: 'revoke', groupId: null, userId: user.userId, userName: user.email })),
    );
  });

  it('returns a task whose lease expired to the queue, and refuses the old lease once another holds it', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    await createGroup(app, company.token, { members: members([user]) });
    const first = await leaseSome(company, { leaseSeconds: SHORT_LEASE_SECONDS });
    expect((await lease(company)).tasks).toEqual([]);

    let second: Lease | undefined;
    await waitFor(
      'the expired lease to return the task',
      async () => {
        second = await lease(company);
        return second.tasks.length > 0;
      },
      EXPIRY_WAIT,
    );
    expect(second!.tasks).toEqual([expect.objectContaining({ id: first.tasks[0].id, attempt: 2 })]);
    const refused = await complete(first.tasks[0], first.leaseId).expect(409);
    expect(refused.body.message).toContain('another lease holds it');
    await complete(second!.tasks[0], second!.leaseId).expect(200);
  });

  it('never hands the same task to two concurrent callers', async () => {
    const company = await tenant();
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser(app, company.token)));
    await createGroup(app, company.token, { members: members(users) });
    await waitFor('twelve grants to be planned', async () => (await backlog(company)).queued === 12);

    const leases = await Promise.all(Array.from({ length: 4 }, () => lease(company, { limit: 5 })));
    const ids = leases.flatMap((leased) => leased.tasks.map((task) => task.id));
    expect(new Set(ids).size).toBe(ids.length);
    const rest = await lease(company, { limit: 500 });
    const all = [...ids, ...rest.tasks.map((task) => task.id)];
    expect(new Set(all).size).toBe(12);
  });

  it('queues a retryable failure again after a backoff and keeps a final one visible in the console', async () => {
    const company = await tenant();
    const [retried, doomed] = [await createUser(app, company.token), await createUser(app, company.token)];
    await createGroup(app, company.token, { members: members([retried, doomed]) });
    await waitFor('two grants to be planned', async () => (await backlog(company)).queued === 2);
    const { leaseId, tasks } = await lease(company);
    const byUser = (user: ScimResource) => tasks.find((task) => task.userId === user.id)!;

    await internal(`/${randomUUID()}/fail`).send({ leaseId, reason: 'x', retryable: true }).expect(404);
    const invalid = await internal(`/${byUser(retried).id}/fail`)
      .send({ leaseId, reason: '' })
      .expect(400);
    expect(invalid.body.code).toBe('validation_failed');
    await fail(byUser(retried), randomUUID(), 'Vault unavailable', true).expect(409);

    const queuedAgain = await fail(byUser(retried), leaseId, 'Vault unavailable', true).expect(200);
    expect(queuedAgain.body).toMatchObject({ state: 'queued', lastError: 'Vault unavailable', attempt: 1 });
    const failed = await fail(byUser(doomed), leaseId, 'The user has no key pair', false).expect(200);
    expect(failed.body).toMatchObject({ state: 'failed', lastError: 'The user has no key pair', finishedAt: expect.any(String) });
    await complete(byUser(doomed), leaseId).expect(409);

    expect((await lease(company)).tasks).toEqual([]);
    expect(await backlog(company)).toMatchObject({
      queued: 1,
      failed: 1,
      recentFailures: [expect.objectContaining({ id: byUser(doomed).id, userId: doomed.id, lastError: 'The user has no key pair' })],
    });
    let retry: Lease | undefined;
    await waitFor(
      'the retry after the backoff',
      async () => {
        retry = await lease(company);
        return retry.tasks.length > 0;
      },
      EXPIRY_WAIT,
    );
    expect(retry!.tasks).toEqual([expect.objectContaining({ id: byUser(retried).id, attempt: 2 })]);
  });

  it("shows each company's backlog to its admins only, and leases one company's tasks when asked", async () => {
    const acme = await tenant();
    const globex = await tenant();
    expect(await backlog(globex)).toEqual({
      queued: 0,
      leased: 0,
      failed: 0,
      oldestQueuedAt: null,
      oldestQueuedAgeSeconds: null,
      recentFailures: [],
    });
    const users = [await createUser(app, acme.token), await createUser(app, acme.token), await createUser(app, acme.token)];
    await createGroup(app, acme.token, { members: members(users) });
    await waitFor('three grants to be planned', async () => (await backlog(acme)).queued === 3);

    const held = await lease(acme, { limit: 1 });
    const before = await backlog(acme);
    expect(before).toMatchObject({ queued: 2, leased: 1, failed: 0, oldestQueuedAgeSeconds: expect.any(Number) });
    expect(new Date(before.oldestQueuedAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await backlog(globex)).toMatchObject({ queued: 0, leased: 0, oldestQueuedAt: null });
    expect((await lease(globex)).tasks).toEqual([]);

    await complete(held.tasks[0], held.leaseId).expect(200);
    expect(await backlog(acme)).toMatchObject({ queued: 2, leased: 0 });
  });

  it('validates the lease request and refuses admin keys', async () => {
    const company = await tenant();
    const tooShort = await internal('/lease').send({ leaseSeconds: 5 }).expect(400);
    expect(tooShort.body.details).toEqual([expect.objectContaining({ field: 'leaseSeconds' })]);
    await internal('/lease').send({ limit: 501 }).expect(400);
    await internal('/lease').send({ companyId: 'acme' }).expect(400);
    await internal('/lease').send({ keys: true }).expect(400);
    await app.http.post('/api/internal/key-grants/lease').set(bearer(company.superAdminKey)).send({}).expect(401);
    await app.http.get('/api/admin/key-grants').set(bearer(TEST_SERVICE_SECRET)).expect(401);
    await internal('/not-a-uuid/complete').send({ leaseId: randomUUID() }).expect(400);
  });

  it('purges completed and cancelled tasks past their retention, and keeps failed ones', async () => {
    const company = await tenant();
    const user = await createUser(app, company.token);
    await createGroup(app, company.token, { members: members([user]) });
    const { leaseId, tasks } = await leaseSome(company);
    await complete(tasks[0], leaseId).expect(200);
    const database = app.running.app.get(DataSource);
    await database.query(`UPDATE key_grant_tasks SET finished_at = now() - interval '31 days' WHERE id = $1`, [tasks[0].id]);

    const run = await app.running.app.get(RetentionService).runOnce();
    expect(run.purged.key_grants).toBeGreaterThanOrEqual(1);
    expect(await database.query(`SELECT id FROM key_grant_tasks WHERE id = $1`, [tasks[0].id])).toEqual([]);
  });

  (usesEmbeddedDatabase ? it.skip : it)('plans each event once while two instances consume together (PostgreSQL only)', async () => {
    const other = await startTestApp({ env: { RETENTION_INTERVAL_SECONDS: '0' } });
    try {
      const company = await tenant();
      const users = await Promise.all(Array.from({ length: 20 }, () => createUser(app, company.token)));
      await Promise.all([
        createGroup(app, company.token, { members: members(users.slice(0, 10)) }),
        createGroup(other, company.token, { members: members(users.slice(10)) }),
      ]);
      await Promise.all(users.slice(0, 5).map((user) => setActive(company, user, false)));
      const database = app.running.app.get(DataSource);
      const revokes = async () =>
        (await database.query(`SELECT id FROM key_grant_tasks WHERE company_id = $1 AND kind = 'revoke'`, [company.companyId])).length;
      await waitFor('the revokes to be planned', async () => (await revokes()) === 5);
      const planned: { event_id: string; tasks: number }[] = await database.query(
        `SELECT event_id, count(*)::int AS tasks FROM key_grant_tasks WHERE company_id = $1 GROUP BY event_id`,
        [company.companyId],
      );
      // 20 grants, of which the 5 disabled users' are cancelled, and their 5 revokes.
      expect(await backlog(company)).toMatchObject({ queued: 20 });
      expect(planned).toHaveLength(25);
      expect(planned.filter((event) => event.tasks !== 1)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
