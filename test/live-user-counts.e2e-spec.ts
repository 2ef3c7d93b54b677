import { DataSource, QueryRunner } from 'typeorm';
import { createCompany, createProvisioningApiKey, createProvisioningToken, createUser, TestCompany } from './support/factories';
import { PATCH_OP_SCHEMA, scim } from './support/scim-client';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';

const PAGE = 25;

/**
 * A company's totalResults comes from live_user_counts, kept by triggers on user_accounts: it must equal a count of
 * the users themselves after every kind of write, one at a time, in bulk and concurrently.
 */
describe('Live user counts', () => {
  let app: TestApp;
  let owner: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    owner = app.running.app.get(DataSource);
  });
  afterAll(() => app.close());

  const usersInDatabase = async (companyId: string): Promise<number> =>
    Number((await owner.query(`SELECT count(*) AS n FROM user_accounts WHERE company_id = $1 AND state <> 'deleted'`, [companyId]))[0].n);

  /** totalResults with count=0, and the ids of a full listing page by page. */
  async function listing(token: string): Promise<{ total: number; ids: string[] }> {
    const total = (await scim(app, token).get('/Users?count=0').expect(200)).body.totalResults as number;
    const ids: string[] = [];
    for (let startIndex = 1; ; startIndex += PAGE) {
      const page = await scim(app, token).get(`/Users?startIndex=${startIndex}&count=${PAGE}`).expect(200);
      expect(page.body.totalResults).toBe(total);
      ids.push(...page.body.Resources.map((user: { id: string }) => user.id));
      if (page.body.Resources.length < PAGE) return { total, ids };
    }
  }

  async function expectCounted(company: TestCompany, token: string, expected: number): Promise<void> {
    const { total, ids } = await listing(token);
    expect({ total, listed: new Set(ids).size, inDatabase: await usersInDatabase(company.companyId) }).toEqual({
      total: expected,
      listed: expected,
      inDatabase: expected,
    });
  }

  async function snapshot(key: string, userNames: string[]): Promise<void> {
    const id = (await app.http.post('/api/v1/snapshots').set(bearer(key)).expect(201)).body.id as string;
    const users = userNames.map((userName) => ({ userName, externalId: `ext-${userName}` }));
    await app.http.put(`/api/v1/snapshots/${id}/parts/1`).set(bearer(key)).send({ users }).expect(200);
    const applied = await app.http
      .post(`/api/v1/snapshots/${id}/commit`)
      .set(bearer(key))
      .send({ parts: 1, users: users.length, groups: 0 });
    expect(applied.status).toBe(200);
    expect(applied.body.state).toBe('applied');
  }

  it('counts the users of every writer: a bulk snapshot, SCIM one by one and concurrently, deletions', async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'okta');
    const key = await createProvisioningApiKey(app, company);
    await expectCounted(company, token, 0);

    const names = Array.from({ length: 60 }, (_, i) => `bulk-${i}-${company.companyId}@acme.test`);
    await snapshot(key, names);
    await expectCounted(company, token, 60);

    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUser(app, token, { userName: `scim-${i}-${company.companyId}@acme.test` })),
    );
    await expectCounted(company, token, 72);

    // Deactivating leaves a user counted; deleting does not, and deleting twice counts once.
    const [first, second] = created.map((user) => user.id as string);
    await scim(app, token)
      .patch(`/Users/${first}`, {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      })
      .expect(200);
    await Promise.all([
      scim(app, token).delete(`/Users/${first}`),
      scim(app, token).delete(`/Users/${second}`),
      scim(app, token).delete(`/Users/${second}`),
    ]);
    await expectCounted(company, token, 70);

    // The snapshot's source deprovisions by deleting the users it no longer names: 20 of them, past the guard.
    const tab = await app.http.get('/api/admin/directory-integrations/provisioning-api').set(bearer(company.superAdminKey)).expect(200);
    await app.http
      .patch(`/api/admin/directory-sync/sources/${tab.body.integrationId}/settings`)
      .set(bearer(company.superAdminKey))
      .send({ deprovisionAction: 'delete', maxDeletePercent: 50 })
      .expect(200);
    await snapshot(key, names.slice(20));
    await expectCounted(company, token, 50);
  });

  it("keeps each company's count to itself, and removes a company's counts with it", async () => {
    const kept = await createCompany(app);
    const keptToken = await createProvisioningToken(app, kept, 'generic');
    const removed = await createCompany(app);
    const removedToken = await createProvisioningToken(app, removed, 'generic');
    for (const [token, count] of [
      [keptToken, 3],
      [removedToken, 5],
    ] as const) {
      for (let i = 0; i < count; i++) {
        await createUser(app, token);
      }
    }
    await expectCounted(kept, keptToken, 3);
    await expectCounted(removed, removedToken, 5);

    await owner.query('DELETE FROM companies WHERE id = $1', [removed.companyId]);
    const left = await owner.query('SELECT count(*) AS n FROM live_user_counts WHERE company_id = $1', [removed.companyId]);
    expect(Number(left[0].n)).toBe(0);
    await expectCounted(kept, keptToken, 3);
  });

  // Two sessions at once; the embedded database has only one.
  const itOnPostgres = usesEmbeddedDatabase ? it.skip : it;

  itOnPostgres("never makes a writer wait for another's count: each open transaction adds to a row of its own", async () => {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company, 'generic');
    // The company's first count row, committed: the first transaction below takes it, the others must not wait for it.
    await createUser(app, token);
    const open: QueryRunner[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const runner = owner.createQueryRunner();
        open.push(runner);
        await runner.connect();
        await runner.startTransaction();
        // Were the count one row, or one per connection slot shared by two of these, this insert would wait.
        await runner.query(`SET LOCAL lock_timeout = '2s'`);
        await runner.query(`INSERT INTO user_accounts (company_id, user_name, state) VALUES ($1, $2, 'active')`, [
          company.companyId,
          `open-${i}-${company.companyId}@acme.test`,
        ]);
      }
      for (const runner of open) await runner.commitTransaction();
    } finally {
      for (const runner of open) await runner.release();
    }
    const rows = await owner.query('SELECT live FROM live_user_counts WHERE company_id = $1', [company.companyId]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    await expectCounted(company, token, 4);
  });
});
