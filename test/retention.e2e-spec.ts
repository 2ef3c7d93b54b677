import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hashSecret } from '../src/common/crypto/secret-token';
import { RETENTION_LOCK_KEY } from '../src/retention/retention-lock';
import { RETENTION_BATCH_SIZE, RetentionRun, RetentionService } from '../src/retention/retention.service';
import {
  createAdmin,
  createCompany,
  createProvisioningToken,
  createUser,
  setMasterPasswordResetPolicy,
  TestCompany,
  uniqueEmail,
} from './support/factories';
import { ENTERPRISE_USER_SCHEMA, scim, ScimResource, USER_SCHEMA } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually } from './support/wait-for';

// No background purge: each test runs it when its rows are in place.
const NO_BACKGROUND_PURGE = { RETENTION_INTERVAL_SECONDS: '0' };
const METRICS_TOKEN = 'retention-metrics-token-0123';

describe('retention', () => {
  let app: TestApp;
  let company: TestCompany;
  let scimToken: string;
  let integrationId: string;

  const database = (target: TestApp = app) => target.running.app.get(DataSource);
  const purge = (target: TestApp = app): Promise<RetentionRun> => target.running.app.get(RetentionService).runOnce();
  const admin = {
    get: (path: string) => app.http.get(`/api/admin${path}`).set(bearer(company.superAdminKey)),
    post: (path: string) => app.http.post(`/api/admin${path}`).set(bearer(company.superAdminKey)),
    delete: (path: string) => app.http.delete(`/api/admin${path}`).set(bearer(company.superAdminKey)),
  };
  const internal = (path: string) => app.http.post(`/api/internal/companies/${company.companyId}${path}`).set(bearer(TEST_SERVICE_SECRET));
  const ageBy = (table: string, column: string, days: number, ids: string[]) =>
    database().query(`UPDATE ${table} SET ${column} = now() - make_interval(days => $1) WHERE id = ANY($2)`, [days, ids]);
  const existing = async (table: string, ids: string[]): Promise<string[]> =>
    (await database().query(`SELECT id::text AS id FROM ${table} WHERE id = ANY($1)`, [ids])).map((row: { id: string }) => row.id);

  /** A user with every kind of personal data the service keeps. */
  function provisionUser(): Promise<ScimResource> {
    const userName = uniqueEmail('retained');
    return createUser(app, scimToken, {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName,
      externalId: `ext-${userName}`,
      displayName: 'Pat Doe',
      name: { givenName: 'Pat', familyName: 'Doe' },
      emails: [{ value: userName, type: 'work', primary: true }],
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
      addresses: [{ streetAddress: '1 Main St', locality: 'Springfield', type: 'work' }],
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '4711', department: 'Finance' },
    });
  }

  beforeAll(async () => {
    app = await startTestApp({ env: { ...NO_BACKGROUND_PURGE, METRICS_TOKEN }, captureLogs: true });
    company = await createCompany(app, 'Retention');
    scimToken = await createProvisioningToken(app, company, 'okta');
    integrationId = (await admin.get('/directory-integrations/okta').expect(200)).body.integrationId;
  });
  afterAll(() => app.close());

  it('purges sync-log, audit-log and finished reset rows older than their periods and keeps newer ones', async () => {
    const users = await Promise.all([provisionUser(), provisionUser(), provisionUser(), provisionUser()]);
    const syncEntries = await eventually(async () => {
      const page = await admin.get('/sync-log?limit=200').expect(200);
      const ids: string[] = page.body.items.map((entry: { id: string }) => entry.id);
      expect(ids.length).toBeGreaterThanOrEqual(users.length);
      return ids;
    });
    const [oldSync, borderSync, ...newSync] = syncEntries;
    await ageBy('sync_log', 'occurred_at', 31, [oldSync]);
    await ageBy('sync_log', 'occurred_at', 29, [borderSync]);

    await createAdmin(app, company);
    await createAdmin(app, company);
    const auditIds: string[] = (await admin.get('/audit-log?limit=200').expect(200)).body.items.map((item: { id: string }) => item.id);
    const [oldAudit, borderAudit, ...newAudit] = auditIds;
    await ageBy('audit_log', 'created_at', 366, [oldAudit]);
    await ageBy('audit_log', 'created_at', 364, [borderAudit]);

    await setMasterPasswordResetPolicy(app, company, true);
    const resets: string[] = [];
    for (const user of users) {
      await internal(`/users/${user.id}/master-password-set`).expect(200);
      resets.push((await admin.post(`/users/${user.id}/master-password-reset`).expect(202)).body.id);
    }
    const [completedLongAgo, expiredLongAgo, expiredRecently, completedRecently] = resets;
    await internal(`/master-password-resets/${completedLongAgo}/complete`).expect(200);
    await internal(`/master-password-resets/${completedRecently}/complete`).expect(200);
    await ageBy('master_password_resets', 'completed_at', 31, [completedLongAgo]);
    await ageBy('master_password_resets', 'expires_at', 31, [expiredLongAgo]);
    await ageBy('master_password_resets', 'expires_at', 29, [expiredRecently]);

    const run = await purge();

    expect(run.skipped).toBe(false);
    expect(run.purged.sync_log).toBeGreaterThanOrEqual(1);
    expect(run.purged.audit_log).toBeGreaterThanOrEqual(1);
    expect(run.purged.password_resets).toBeGreaterThanOrEqual(2);
    const syncAfter = (await admin.get('/sync-log?limit=200').expect(200)).body.items.map((entry: { id: string }) => entry.id);
    expect(syncAfter).not.toContain(oldSync);
    expect(syncAfter).toEqual(expect.arrayContaining([borderSync, ...newSync]));
    const auditAfter = (await admin.get('/audit-log?limit=200').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(auditAfter).not.toContain(oldAudit);
    expect(auditAfter).toEqual(expect.arrayContaining([borderAudit, ...newAudit]));
    expect((await existing('master_password_resets', resets)).sort()).toEqual([expiredRecently, completedRecently].sort());

    const line = app.logs.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'Retention purge done');
    expect(line).toMatchObject({ level: 30, purged: { sync_log: run.purged.sync_log, audit_log: run.purged.audit_log } });
    const metrics = (await app.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;
    expect(metrics).toContain(`dps_retention_purged_total{kind="password_resets"} ${run.purged.password_resets}`);
  });

  it('forgets a replaced token after the sync-log period, and SCIM then refuses it as unknown', async () => {
    const other = await createCompany(app, 'Retention tokens');
    const oldToken = await createProvisioningToken(app, other, 'entra-id');
    const reset = await app.http
      .post('/api/admin/directory-integrations/entra-id/token/reset')
      .set(bearer(other.superAdminKey))
      .expect(201);
    const refusal = async () => (await scim(app, oldToken).get('/Users').expect(401)).body.detail;
    expect(await refusal()).toMatch(/was replaced on/);

    await purge();
    expect(await refusal()).toMatch(/was replaced on/);

    await database().query(`UPDATE retired_provisioning_tokens SET retired_at = now() - interval '31 days' WHERE company_id = $1`, [
      other.companyId,
    ]);
    const run = await purge();

    expect(run.purged.retired_tokens).toBe(1);
    expect(await refusal()).not.toMatch(/replaced/);
    // Its credential lookup goes with it; the current token's stays.
    const lookups = await database().query(`SELECT hash FROM credential_lookups WHERE company_id = $1 AND kind = 'integration-token'`, [
      other.companyId,
    ]);
    expect(lookups).toEqual([{ hash: hashSecret(reset.body.token) }]);
  });

  it("clears a deleted user's personal data after its period, leaving a tombstone the audit log and the admin API resolve", async () => {
    const [gone, alsoGone, recent] = await Promise.all([provisionUser(), provisionUser(), provisionUser()]);
    await admin.post(`/users/${gone.id}/disable`).expect(200);
    await admin.delete(`/users/${gone.id}`).expect(204);
    await scim(app, scimToken).delete(`/Users/${alsoGone.id}`).expect(204);
    await scim(app, scimToken).delete(`/Users/${recent.id}`).expect(204);
    await ageBy('user_accounts', 'deleted_at', 31, [gone.id, alsoGone.id]);
    await ageBy('user_accounts', 'deleted_at', 29, [recent.id]);

    const run = await purge();
    expect(run.purged.deleted_users).toBeGreaterThanOrEqual(2);

    const tombstone = (await admin.get(`/users/${gone.id}`).expect(200)).body;
    expect(tombstone).toMatchObject({
      id: gone.id,
      state: 'deleted',
      userName: '',
      displayName: null,
      externalId: null,
      name: null,
      emails: [],
      managedBy: { integrationId, provider: 'okta' },
      deletedAt: expect.any(String),
      personalDataPurgedAt: expect.any(String),
    });
    const rows = await database().query(`SELECT user_name, external_id, display_name, attributes FROM user_accounts WHERE id = ANY($1)`, [
      [gone.id, alsoGone.id],
    ]);
    expect(rows).toEqual(Array(2).fill({ user_name: '', external_id: null, display_name: null, attributes: {} }));

    const audit = (await admin.get('/audit-log?limit=200').expect(200)).body.items;
    const aboutGone = audit.filter((item: { targetId: string }) => item.targetId === gone.id);
    expect(aboutGone.map((item: { action: string }) => item.action).sort()).toEqual(['user.delete', 'user.disable']);
    expect(aboutGone.every((item: { details: object }) => !('userName' in item.details))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(gone.userName);

    const kept = (await admin.get(`/users/${recent.id}`).expect(200)).body;
    expect(kept).toMatchObject({ userName: recent.userName, personalDataPurgedAt: null, externalId: `ext-${recent.userName}` });
    await scim(app, scimToken).get(`/Users/${gone.id}`).expect(404);
    await scim(app, scimToken).post('/Users').send({ userName: gone.userName }).expect(201);
    expect((await purge()).purged.deleted_users).toBe(0);
  });

  it('keeps the deletion time of a user deleted by any writer, so that its purge comes', async () => {
    const user = await provisionUser();
    await database().query(`UPDATE user_accounts SET state = 'deleted' WHERE id = $1`, [user.id]);
    expect((await admin.get(`/users/${user.id}`).expect(200)).body.deletedAt).toEqual(expect.any(String));
    await ageBy('user_accounts', 'deleted_at', 31, [user.id]);
    await purge();
    expect((await admin.get(`/users/${user.id}`).expect(200)).body).toMatchObject({
      userName: '',
      personalDataPurgedAt: expect.any(String),
    });
  });

  it('purges in the background every RETENTION_INTERVAL_SECONDS', async () => {
    const background = await startTestApp({ env: { RETENTION_INTERVAL_SECONDS: '1' } });
    try {
      const owner = await createCompany(background, 'Background');
      const token = await createProvisioningToken(background, owner, 'generic');
      await scim(background, token)
        .post('/Users')
        .send({ userName: uniqueEmail('background') })
        .expect(201);
      const syncLog = () => background.http.get('/api/admin/sync-log').set(bearer(owner.superAdminKey)).expect(200);
      const [entry] = await eventually(async () => {
        const entries = (await syncLog()).body.items;
        expect(entries).toHaveLength(1);
        return entries;
      });
      await background.running.app
        .get(DataSource)
        .query(`UPDATE sync_log SET occurred_at = now() - interval '31 days' WHERE company_id = $1 AND id = $2`, [
          owner.companyId,
          entry.id,
        ]);
      await eventually(async () => expect((await syncLog()).body.items).toEqual([]), 15_000, 200);
    } finally {
      await background.close();
    }
  });

  describe('once across callers', () => {
    const SEEDED = RETENTION_BATCH_SIZE * 2 + 500;

    async function seedOldSyncLog(): Promise<void> {
      await database().query(
        `INSERT INTO sync_log (company_id, integration_id, operation, resource_type, status, occurred_at)
         SELECT $1, $2, 'create', 'User', 201, now() - interval '40 days' FROM generate_series(1, $3)`,
        [company.companyId, integrationId, SEEDED],
      );
    }

    beforeEach(async () => {
      await purge();
      await seedOldSyncLog();
    });

    it('runs one purge at a time in an instance, in batches', async () => {
      const runs = await Promise.all([purge(), purge()]);
      expect(runs.filter((run) => run.skipped)).toHaveLength(1);
      expect(runs.find((run) => !run.skipped)!.purged.sync_log).toBe(SEEDED);
    });

    (usesEmbeddedDatabase ? it.skip : it)(
      'stops while another instance holds the lock (PostgreSQL only: the embedded database takes one connection)',
      async () => {
        const other = new Client({ connectionString: process.env.DATABASE_URL });
        await other.connect();
        try {
          await other.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK_KEY]);
          const blocked = await purge();
          expect(blocked).toMatchObject({ skipped: true, purged: { sync_log: 0, audit_log: 0, password_resets: 0, deleted_users: 0 } });
          await other.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]);
          expect((await purge()).purged.sync_log).toBe(SEEDED);
        } finally {
          await other.end();
        }
      },
    );

    (usesEmbeddedDatabase ? it.skip : it)('purges each row once when two instances run together (PostgreSQL only)', async () => {
      const second = await startTestApp({ env: NO_BACKGROUND_PURGE });
      try {
        const runs = await Promise.all([purge(app), purge(second)]);
        expect(runs[0].purged.sync_log + runs[1].purged.sync_log).toBe(SEEDED);
        const [{ left }] = await database().query(
          `SELECT count(*)::int AS left FROM sync_log WHERE company_id = $1 AND occurred_at < now() - interval '30 days'`,
          [company.companyId],
        );
        expect(left).toBe(0);
      } finally {
        await second.close();
      }
    });
  });
});
