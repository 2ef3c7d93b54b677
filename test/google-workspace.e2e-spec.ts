import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { GENERATED_KEY_FILE } from '../src/google-workspace/service-account-key.cipher';
import { createCompany, TestCompany } from './support/factories';
import {
  GoogleDirectoryStandIn,
  googleEnv,
  RATE_LIMIT_EXCEEDED,
  STAND_IN_ADMIN,
  STAND_IN_CUSTOMER_ID,
  startGoogleDirectoryStandIn,
} from './support/google-directory-stand-in';
import { bearer, HttpTarget, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually } from './support/wait-for';

type Item = Record<string, any>;

describe('Google Workspace sync', () => {
  let app: TestApp;
  let standIn: GoogleDirectoryStandIn;

  beforeAll(async () => {
    standIn = await startGoogleDirectoryStandIn();
    app = await startTestApp({ env: googleEnv(standIn), captureLogs: true });
  });
  afterAll(async () => {
    await app.close();
    await standIn.close();
  });
  beforeEach(() => {
    standIn.users.length = 0;
    standIn.groups.length = 0;
    standIn.failures.length = 0;
    standIn.requests.length = 0;
    standIn.delegation = true;
    standIn.adminMayRead = true;
  });

  const tab = (company: TestCompany, target: HttpTarget = app) => ({
    get: () => target.http.get('/api/admin/google-workspace').set(bearer(company.superAdminKey)),
    uploadKey: (serviceAccountKey: unknown) =>
      target.http.put('/api/admin/google-workspace/service-account-key').set(bearer(company.superAdminKey)).send({ serviceAccountKey }),
    update: (body: object) => target.http.patch('/api/admin/google-workspace').set(bearer(company.superAdminKey)).send(body),
    test: () => target.http.post('/api/admin/google-workspace/test-connection').set(bearer(company.superAdminKey)),
    sync: () => target.http.post('/api/admin/google-workspace/sync').set(bearer(company.superAdminKey)),
  });

  /** A company whose Google Workspace tab is set up against the stand-in. */
  async function setUp(settings: object = {}, target: HttpTarget = app): Promise<TestCompany> {
    const company = await createCompany(target);
    await tab(company, target).uploadKey(standIn.keyFile()).expect(200);
    await tab(company, target)
      .update({ adminEmail: STAND_IN_ADMIN, customerId: STAND_IN_CUSTOMER_ID, ...settings })
      .expect(200);
    return company;
  }

  /** Makes the company's scheduled run due now, as time passing would. */
  async function makeDue(target: TestApp, company: TestCompany): Promise<void> {
    await target.running.app
      .get(DataSource)
      .query(`UPDATE google_workspace_connections SET next_run_at = now() WHERE company_id = $1`, [company.companyId]);
  }

  async function userNamed(company: TestCompany, email: string): Promise<Item | undefined> {
    const response = await app.http
      .get(`/api/admin/users?q=${encodeURIComponent(email)}`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    return (response.body.items as Item[]).find((user) => user.userName === email);
  }

  describe('a first sync', () => {
    it('applies the users and groups Google lists, through a directory snapshot', async () => {
      const company = await setUp();
      const [ada, grace, alan] = standIn.addUsers(3);
      alan.suspended = true;
      standIn.addGroup('Engineering', [
        { type: 'USER', id: ada.id },
        { type: 'USER', id: grace.id },
      ]);

      const run = (await tab(company).sync().expect(200)).body;

      expect(run).toMatchObject({ trigger: 'manual', state: 'applied', counts: { users: 3, groups: 1, memberships: 2 }, error: null });
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
      const stored = await userNamed(company, ada.primaryEmail);
      expect(stored).toMatchObject({
        externalId: ada.id,
        state: 'provisioned',
        managedBy: expect.objectContaining({ provider: 'google-workspace' }),
      });
      expect(await userNamed(company, alan.primaryEmail)).toMatchObject({ state: 'disabled' });
      const snapshot = await app.http
        .get(`/api/admin/directory-sync/snapshots/${run.snapshotId}`)
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(snapshot.body).toMatchObject({ state: 'applied', provider: 'google-workspace' });
      const view = (await tab(company).get().expect(200)).body;
      expect(view).toMatchObject({ missing: [], running: false, lastRun: { id: run.id, state: 'applied' } });
    });
  });

  describe('setup', () => {
    it('checks the key, stores it encrypted, never shows or logs it, and replaces it', async () => {
      const company = await createCompany(app);
      const keyFile = standIn.keyFile();
      const privateKey = JSON.parse(keyFile).private_key as string;
      const broken = JSON.parse(keyFile) as Item;

      await tab(company).uploadKey('not json').expect(400);
      const wrongType = await tab(company)
        .uploadKey(JSON.stringify({ ...broken, type: 'authorized_user' }))
        .expect(400);
      expect(wrongType.body.message).toBe('The service account key is not valid: "type" must be "service_account"');
      const noEmail = await tab(company)
        .uploadKey(JSON.stringify({ ...broken, client_email: 'nobody' }))
        .expect(400);
      expect(noEmail.body.message).toContain('"client_email"');
      const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
      const notRsa = await tab(company)
        .uploadKey(JSON.stringify({ ...broken, private_key: ecKey }))
        .expect(400);
      expect(notRsa.body.message).toBe('The service account key is not valid: "private_key" must be an RSA key');
      await tab(company)
        .uploadKey(JSON.stringify({ ...broken, private_key: 'garbage' }))
        .expect(400);
      await tab(company).uploadKey({ type: 'service_account' }).expect(400);

      const stored = (await tab(company).uploadKey(keyFile).expect(200)).body;
      expect(stored.serviceAccount).toMatchObject({ email: standIn.clientEmail, keyId: standIn.keyId });
      expect(stored.missing).toEqual(['the admin email to impersonate', 'the customer id or domain']);
      const database = app.running.app.get(DataSource);
      const [row] = await database.query(`SELECT encrypted_key FROM google_workspace_connections WHERE company_id = $1`, [
        company.companyId,
      ]);
      expect((row.encrypted_key as Buffer).toString('utf8')).not.toContain('PRIVATE KEY');

      const replacement = JSON.stringify({ ...JSON.parse(standIn.unknownKeyFile()), private_key_id: 'replacement-key' });
      expect((await tab(company).uploadKey(replacement).expect(200)).body.serviceAccount.keyId).toBe('replacement-key');
      const audit = await app.http.get('/api/admin/audit-log?limit=20').set(bearer(company.superAdminKey)).expect(200);
      const uploads = (audit.body.items as Item[]).filter((entry) => entry.action === 'google_workspace.key_uploaded');
      expect(uploads.map((entry) => [entry.details.keyId, entry.details.replacedKeyId])).toEqual([
        ['replacement-key', standIn.keyId],
        [standIn.keyId, null],
      ]);

      const everything = JSON.stringify([stored, (await tab(company).get().expect(200)).body, audit.body, app.logs]);
      expect(everything).not.toContain(privateKey.split('\n')[1]);
    });

    it('refuses invalid settings with the reason', async () => {
      const company = await setUp();
      await tab(company).update({ adminEmail: 'not an email' }).expect(400);
      await tab(company).update({ customerId: 'X; DROP' }).expect(400);
      await tab(company).update({ scheduleMinutes: 2 }).expect(400);
      await tab(company).update({ maxDeletePercent: 101 }).expect(400);
      const noGroups = await tab(company)
        .update({ scope: { kind: 'groups', values: [] } })
        .expect(400);
      expect(noGroups.body.message).toBe('A scope of groups names at least one in scope.values');
      const notPath = await tab(company)
        .update({ scope: { kind: 'org_units', values: ['Sales'] } })
        .expect(400);
      expect(notPath.body.message).toBe('Org unit paths start with "/": Sales');

      const before = Date.now();
      const view = (
        await tab(company)
          .update({
            scope: { kind: 'org_units', values: ['/Sales'] },
            scheduleMinutes: 60,
            deprovisionAction: 'delete',
            maxDeletePercent: 25,
          })
          .expect(200)
      ).body;
      expect(view).toMatchObject({
        scope: { kind: 'org_units', values: ['/Sales'] },
        scheduleMinutes: 60,
        deprovisionAction: 'delete',
        maxDeletePercent: 25,
      });
      expect(Date.parse(view.nextRunAt)).toBeGreaterThanOrEqual(before + 59 * 60_000);
      const settings = await app.http
        .get(`/api/admin/directory-sync/sources/${view.integrationId}/settings`)
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(settings.body).toMatchObject({ deprovisionAction: 'delete', maxDeletePercent: 25 });
      expect((await tab(company).update({ scheduleMinutes: 0 }).expect(200)).body.nextRunAt).toBeNull();
    });

    it("shows and runs only the admin's own company's tab", async () => {
      const acme = await setUp();
      standIn.addUsers(2);
      await tab(acme).sync().expect(200);
      const other = await createCompany(app, 'Other');

      const view = (await tab(other).get().expect(200)).body;

      expect(view).toMatchObject({ serviceAccount: null, adminEmail: null, customerId: null, lastRun: null, recentRuns: [] });
      expect(view.integrationId).not.toBe((await tab(acme).get().expect(200)).body.integrationId);
      await tab(other).sync().expect(412);
    });

    it('refuses to run or test before the setup is complete', async () => {
      const company = await createCompany(app);
      const refused = await tab(company).sync().expect(412);
      expect(refused.body.message).toBe(
        'Google Workspace is not set up: the service account key, the admin email to impersonate, the customer id or domain missing',
      );
      await tab(company).test().expect(412);
    });
  });

  describe('Test connection', () => {
    const failedCheck = async (company: TestCompany) => (await tab(company).test().expect(200)).body;

    it('passes every check on a working setup', async () => {
      const company = await setUp({ scope: { kind: 'groups', values: ['engineering@acme.test'] } });
      standIn.addUsers(1);
      standIn.addGroup('Engineering', []);
      const result = await failedCheck(company);
      expect(result).toMatchObject({ ok: true, failed: null });
      expect(result.checks.map((check: Item) => [check.name, check.ok])).toEqual([
        ['key', true],
        ['delegation', true],
        ['permissions', true],
        ['scope', true],
      ]);
    });

    it('names a key Google does not accept', async () => {
      const company = await setUp();
      await tab(company).uploadKey(standIn.unknownKeyFile()).expect(200);
      const result = await failedCheck(company);
      expect(result).toMatchObject({ ok: false, failed: 'key' });
      expect(result.checks[0].detail).toContain('Invalid JWT Signature');
      expect(result.checks[1]).toMatchObject({ name: 'delegation', ok: null });
    });

    it('names missing domain-wide delegation', async () => {
      const company = await setUp();
      standIn.delegation = false;
      const result = await failedCheck(company);
      expect(result).toMatchObject({ ok: false, failed: 'delegation' });
      expect(result.checks[0]).toMatchObject({ name: 'key', ok: true });
      expect(result.checks[1].detail).toContain('Domain-wide delegation is not granted');
    });

    it('names an admin to impersonate Google does not know', async () => {
      const company = await setUp({ adminEmail: 'nobody@acme.test' });
      const result = await failedCheck(company);
      expect(result).toMatchObject({ ok: false, failed: 'delegation' });
      expect(result.checks[1].detail).toContain('Invalid email or User ID');
    });

    it('names a 403: the admin may not read the directory', async () => {
      const company = await setUp();
      standIn.adminMayRead = false;
      const result = await failedCheck(company);
      expect(result).toMatchObject({ ok: false, failed: 'permissions' });
      expect(result.checks[2].detail).toContain('Not Authorized to access this resource/api');
    });

    it('names a scope Google does not know', async () => {
      const wrongCustomer = await setUp({ customerId: 'C0unknown' });
      standIn.addUsers(1);
      expect(await failedCheck(wrongCustomer)).toMatchObject({ ok: false, failed: 'scope' });
      const wrongGroup = await setUp({ scope: { kind: 'groups', values: ['nope@acme.test'] } });
      const result = await failedCheck(wrongGroup);
      expect(result).toMatchObject({ ok: false, failed: 'scope' });
      expect(result.checks[3].detail).toBe('The group nope@acme.test is not in the directory');
    });
  });

  describe('later runs', () => {
    it('disables a suspended or archived user and enables them again', async () => {
      const company = await setUp();
      const [ada, grace] = standIn.addUsers(20);
      await tab(company).sync().expect(200);

      ada.suspended = true;
      grace.archived = true;
      expect((await tab(company).sync().expect(200)).body.result.applied.users).toMatchObject({ disabled: 2 });
      expect(await userNamed(company, ada.primaryEmail)).toMatchObject({ state: 'disabled' });
      expect(await userNamed(company, grace.primaryEmail)).toMatchObject({ state: 'disabled' });

      ada.suspended = false;
      expect((await tab(company).sync().expect(200)).body.result.applied.users).toMatchObject({ enabled: 1 });
      expect(await userNamed(company, ada.primaryEmail)).toMatchObject({ state: 'provisioned' });
    });

    it('deprovisions a user removed from a scoped group, and holds a run that would remove too many', async () => {
      const company = await setUp({ scope: { kind: 'groups', values: ['engineering@acme.test'] }, maxDeletePercent: 50 });
      const [ada, grace, alan, outsider] = standIn.addUsers(4);
      const engineering = standIn.addGroup(
        'Engineering',
        [ada, grace, alan].map((user) => ({ type: 'USER' as const, id: user.id })),
      );
      expect((await tab(company).sync().expect(200)).body.counts).toEqual({ users: 3, groups: 1, memberships: 3 });
      expect(await userNamed(company, outsider.primaryEmail)).toBeUndefined();

      engineering.members.splice(0, 1);
      const run = (await tab(company).sync().expect(200)).body;
      expect(run.result.applied.users).toMatchObject({ deprovisioned: 1 });
      expect(await userNamed(company, ada.primaryEmail)).toMatchObject({ state: 'disabled' });

      engineering.members.splice(0, 2);
      engineering.members.push({ type: 'USER', id: outsider.id });
      const held = (await tab(company).sync().expect(200)).body;
      expect(held).toMatchObject({ state: 'held', result: { reason: expect.stringContaining('more than its maxDeletePercent of 50 %') } });
      expect(await userNamed(company, grace.primaryEmail)).toMatchObject({ state: 'provisioned' });
      const view = (await tab(company).get().expect(200)).body;
      expect(view.heldSnapshots).toEqual([expect.objectContaining({ id: held.snapshotId, reason: held.result.reason })]);
    });

    it('expands nested groups, ignores cycles and takes a CUSTOMER member for every user', async () => {
      const company = await setUp();
      const [ada, grace, alan] = standIn.addUsers(3);
      const inner = standIn.addGroup('Inner', [{ type: 'USER', id: alan.id }]);
      const outer = standIn.addGroup('Outer', [
        { type: 'USER', id: ada.id },
        { type: 'GROUP', id: inner.id },
      ]);
      inner.members.push({ type: 'GROUP', id: outer.id });
      standIn.addGroup('Everyone', [{ type: 'CUSTOMER', id: STAND_IN_CUSTOMER_ID }]);

      expect((await tab(company).sync().expect(200)).body).toMatchObject({
        state: 'applied',
        counts: { users: 3, groups: 3, memberships: 7 },
      });
      const groups = (await app.http.get('/api/admin/groups?limit=10').set(bearer(company.superAdminKey)).expect(200)).body.items as Item[];
      const membersOf = async (name: string) => {
        const group = groups.find((candidate) => candidate.displayName === name)!;
        const page = await app.http
          .get(`/api/admin/users?group=${group.id as string}`)
          .set(bearer(company.superAdminKey))
          .expect(200);
        return (page.body.items as Item[]).map((user) => user.userName as string).sort();
      };
      expect(await membersOf('Outer')).toEqual([ada.primaryEmail, alan.primaryEmail].sort());
      expect(await membersOf('Inner')).toEqual([ada.primaryEmail, alan.primaryEmail].sort());
      expect(await membersOf('Everyone')).toEqual([ada.primaryEmail, grace.primaryEmail, alan.primaryEmail].sort());
    });

    it("reads every page of a large group's members", async () => {
      const company = await setUp();
      const users = standIn.addUsers(450);
      standIn.addGroup(
        'Everyone listed',
        users.map((user) => ({ type: 'USER' as const, id: user.id })),
      );

      const run = (await tab(company).sync().expect(200)).body;

      expect(run.counts).toEqual({ users: 450, groups: 1, memberships: 450 });
      expect(standIn.requestsOf('members').map((request) => request.page)).toEqual([0, 1, 2]);
    });

    it('takes the users of the chosen org units and of the units below them', async () => {
      const company = await setUp({ scope: { kind: 'org_units', values: ['/Sales'] } });
      standIn.addUsers(2, 0, '/Sales');
      standIn.addUsers(1, 2, '/Sales/EMEA');
      standIn.addUsers(2, 3, '/Salesforce');
      expect((await tab(company).sync().expect(200)).body.counts.users).toBe(3);
    });
  });

  describe('the runs on the tab', () => {
    it('keeps the last 100 runs of a tab', async () => {
      const company = await setUp();
      standIn.addUsers(1);
      const integrationId = (await tab(company).get().expect(200)).body.integrationId as string;
      const database = app.running.app.get(DataSource);
      await database.query(
        `INSERT INTO google_workspace_runs (company_id, integration_id, trigger, state, started_at, finished_at, error)
         SELECT $1, $2, 'schedule', 'failed', now() - make_interval(mins => n), now() - make_interval(mins => n), 'old'
           FROM generate_series(1, 105) AS n`,
        [company.companyId, integrationId],
      );

      const run = (await tab(company).sync().expect(200)).body;

      const kept = await database.query<Item[]>(
        `SELECT id, started_at FROM google_workspace_runs WHERE company_id = $1 ORDER BY started_at DESC`,
        [company.companyId],
      );
      expect(kept).toHaveLength(100);
      expect(kept[0].id).toBe(run.id);
      expect((await tab(company).get().expect(200)).body.recentRuns).toHaveLength(10);
    });
  });

  describe('failures', () => {
    it('changes nothing when Google fails mid-run, and the next run continues where it stopped', async () => {
      const company = await setUp();
      const users = standIn.addUsers(5000);
      await tab(company).sync().expect(200);
      users[0].suspended = true;
      standIn.removeUser(users[4999].primaryEmail);
      // Pages 0 to 8 make the first part (4,500 users); page 9 fails past every retry.
      standIn.fail({ resource: 'users', page: 9, status: 503, times: 100 });
      standIn.requests.length = 0;

      const failed = (await tab(company).sync().expect(200)).body;

      expect(failed).toMatchObject({ state: 'failed', counts: null, result: null });
      expect(failed.error).toContain("Google's Directory API did not answer");
      expect(standIn.requestsOf('users').filter((request) => request.page === 9)).toHaveLength(4);
      expect(await userNamed(company, users[0].primaryEmail)).toMatchObject({ state: 'provisioned' });
      expect(await userNamed(company, users[4999].primaryEmail)).toMatchObject({ state: 'provisioned' });
      const open = await app.http
        .get(`/api/admin/directory-sync/snapshots/${failed.snapshotId}`)
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(open.body.state).toBe('open');
      expect((await tab(company).get().expect(200)).body.lastRun).toMatchObject({ id: failed.id, state: 'failed', error: failed.error });
      await eventually(async () => {
        const log = await app.http
          .get('/api/admin/sync-log?provider=google-workspace&limit=20')
          .set(bearer(company.superAdminKey))
          .expect(200);
        expect(log.body.items).toContainEqual(
          expect.objectContaining({ operation: 'snapshot_commit', status: 502, detail: `not committed: ${failed.error}` }),
        );
      });

      standIn.failures.length = 0;
      standIn.requests.length = 0;
      const resumed = (await tab(company).sync().expect(200)).body;

      expect(resumed).toMatchObject({ state: 'applied', snapshotId: failed.snapshotId, counts: { users: 4999 } });
      expect(standIn.requestsOf('users').map((request) => request.page)).toEqual([9]);
      expect(resumed.result.applied.users).toMatchObject({ disabled: 1, deprovisioned: 1 });
      expect(await userNamed(company, users[0].primaryEmail)).toMatchObject({ state: 'disabled' });
    });

    it('never applies an empty answer or a failed member list', async () => {
      const company = await setUp();
      const [ada] = standIn.addUsers(3);
      const group = standIn.addGroup('Engineering', [{ type: 'USER', id: ada.id }]);
      await tab(company).sync().expect(200);

      standIn.fail({ resource: 'members', status: 500, times: 100 });
      const membersFailed = (await tab(company).sync().expect(200)).body;
      expect(membersFailed).toMatchObject({ state: 'failed', error: expect.stringContaining('did not answer') });

      standIn.failures.length = 0;
      standIn.users.length = 0;
      group.members.length = 0;
      const empty = (await tab(company).sync().expect(200)).body;
      expect(empty).toMatchObject({ state: 'failed', error: 'Google answered no users in scope: an empty directory is never applied' });
      expect(await userNamed(company, ada.primaryEmail)).toMatchObject({ state: 'provisioned' });
    });
  });

  describe('at scale', () => {
    // The time it takes is measured in docs/google-workspace.md, not asserted here.
    it('applies a first sync of 20,000 users and 500 groups', async () => {
      const company = await setUp();
      const users = standIn.addUsers(20_000);
      for (let index = 0; index < 500; index++) {
        standIn.addGroup(
          `Team ${index}`,
          users.slice(index * 40, index * 40 + 40).map((user) => ({ type: 'USER' as const, id: user.id })),
        );
      }

      const run = (await tab(company).sync().expect(200)).body;

      expect(run).toMatchObject({ state: 'applied', counts: { users: 20_000, groups: 500, memberships: 20_000 } });
      expect(run.result.applied).toMatchObject({ users: { created: 20_000 }, groups: { created: 500, membersAdded: 20_000 } });
      const integration = await app.http
        .get('/api/admin/directory-integrations/google-workspace')
        .set(bearer(company.superAdminKey))
        .expect(200);
      expect(integration.body.counters).toEqual({ users: 20_000, groups: 500 });
      process.stdout.write(`Google Workspace first sync of 20,000 users and 500 groups: ${run.durationMs} ms\n`);
    });
  });

  describe('backoff', () => {
    it('waits out 429, 5xx and rateLimitExceeded answers and still applies', async () => {
      const company = await setUp();
      standIn.addUsers(2);
      standIn.fail({ resource: 'users', status: 429, times: 1, headers: { 'retry-after': '0' } });
      standIn.fail({ resource: 'groups', ...RATE_LIMIT_EXCEEDED, times: 1 });
      standIn.fail({ resource: 'token', status: 503, times: 1 });

      const run = (await tab(company).sync().expect(200)).body;

      expect(run).toMatchObject({ state: 'applied', counts: { users: 2 } });
      expect(standIn.requestsOf('users').map((request) => request.status)).toEqual([429, 200]);
      expect(standIn.requestsOf('groups').map((request) => request.status)).toEqual([403, 200]);
    });
  });

  // Last: after another app of this process closes, the first one's admin requests fail ("Driver not Connected"),
  // seemingly because passport's strategy registry is process-wide and the app started last checks every admin key.
  describe('on a schedule', () => {
    it('runs when due and keeps its schedule across a restart', async () => {
      const env = { ...googleEnv(standIn), GOOGLE_WORKSPACE_POLL_SECONDS: '1' };
      const first = await startTestApp({ env, keepDataDir: true });
      let company: TestCompany;
      let ran: Item;
      try {
        company = await setUp({ scheduleMinutes: 5 }, first);
        standIn.addUsers(3);
        const scheduled = (await tab(company, first).get().expect(200)).body.nextRunAt as string;
        expect(Date.parse(scheduled)).toBeGreaterThan(Date.now() + 4 * 60_000);

        await makeDue(first, company);
        ran = await eventually(
          async () => {
            const view = (await tab(company, first).get().expect(200)).body;
            expect(view).toMatchObject({ running: false, lastRun: { trigger: 'schedule', state: 'applied', counts: { users: 3 } } });
            return view;
          },
          20_000,
          200,
        );
        expect(Date.parse(ran.nextRunAt)).toBeGreaterThan(Date.now() + 4 * 60_000);
      } finally {
        await first.close();
      }

      const restarted = await startTestApp({ env, dataDir: first.dataDir });
      try {
        const view = (await tab(company, restarted).get().expect(200)).body;
        expect(view).toMatchObject({
          scheduleMinutes: 5,
          nextRunAt: ran.nextRunAt,
          recentRuns: [expect.objectContaining({ id: ran.lastRun.id })],
        });
        await makeDue(restarted, company);
        await eventually(
          async () => expect((await tab(company, restarted).get().expect(200)).body.recentRuns).toHaveLength(2),
          20_000,
          200,
        );
        await tab(company, restarted).update({ scheduleMinutes: 0 }).expect(200);
      } finally {
        await restarted.close();
      }
    });
  });

  (usesEmbeddedDatabase ? describe.skip : describe)('on two instances of one database (PostgreSQL only)', () => {
    const env = () => ({ ...googleEnv(standIn), GOOGLE_WORKSPACE_POLL_SECONDS: '1' });
    let one: TestApp;
    let two: TestApp;

    beforeAll(async () => {
      one = await startTestApp({ env: env() });
      two = await startTestApp({ env: env() });
    });
    afterAll(async () => {
      await one.close();
      await two.close();
    });
    afterEach(() => (standIn.latencyMs = 0));

    async function appliedSnapshots(company: TestCompany): Promise<Item[]> {
      const page = await one.http.get('/api/admin/directory-sync/snapshots?state=applied').set(bearer(company.superAdminKey)).expect(200);
      return page.body.items as Item[];
    }

    it('runs a sync asked of both at once only once', async () => {
      const company = await setUp({}, one);
      standIn.addUsers(600);
      standIn.latencyMs = 20;

      const answers = await Promise.all([tab(company, one).sync(), tab(company, two).sync()]);

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)!.body.message).toBe('A sync of this tab is under way: wait for it to end');
      expect(await appliedSnapshots(company)).toHaveLength(1);
      expect(standIn.requestsOf('users')).toHaveLength(2);
    });

    it('takes a due scheduled run on one instance only', async () => {
      const company = await setUp({ scheduleMinutes: 5 }, one);
      standIn.addUsers(600);
      standIn.latencyMs = 20;

      await makeDue(one, company);
      await eventually(
        async () => expect((await tab(company, two).get().expect(200)).body.lastRun).toMatchObject({ state: 'applied' }),
        20_000,
        200,
      );

      expect((await tab(company, one).get().expect(200)).body.recentRuns).toHaveLength(1);
      expect(await appliedSnapshots(company)).toHaveLength(1);
      expect(standIn.requestsOf('users')).toHaveLength(2);
      await tab(company, one).update({ scheduleMinutes: 0 }).expect(200);
    });
  });

  describe('without GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY', () => {
    const env = () => ({ ...googleEnv(standIn), GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY: undefined });

    (usesEmbeddedDatabase ? it : it.skip)('generates a key beside the embedded database, kept across restarts', async () => {
      const first = await startTestApp({ env: env(), keepDataDir: true });
      const company = await setUp({}, first);
      const file = join(first.dataDir!, GENERATED_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      await first.close();

      const restarted = await startTestApp({ env: env(), dataDir: first.dataDir });
      try {
        standIn.addUsers(1);
        expect((await tab(company, restarted).test().expect(200)).body).toMatchObject({ ok: true });
      } finally {
        await restarted.close();
      }
    });

    (usesEmbeddedDatabase ? it.skip : it)('refuses to store a key on DATABASE_URL, naming the setting', async () => {
      const other = await startTestApp({ env: env() });
      try {
        const company = await createCompany(other);
        const refused = await tab(company, other).uploadKey(standIn.keyFile()).expect(412);
        expect(refused.body.message).toMatch(/^GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY is not set/);
      } finally {
        await other.close();
      }
    });
  });
});
