import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createAdmin, createCompany, TestCompany } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('company policies: master-password reset', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const put = (key: string, body: unknown) =>
    app.http
      .put('/api/admin/policies/master-password-reset')
      .set(bearer(key))
      .send(body as object);
  const policy = async (key: string) => (await app.http.get('/api/admin/policies').set(bearer(key)).expect(200)).body.masterPasswordReset;

  it('is off with no holders for a new company, readable by any admin', async () => {
    const company = await createCompany(app);
    const plain = await createAdmin(app, company, 'admin');
    expect(await policy(plain.apiKey)).toEqual({ enabled: false, superAdminIds: [], updatedAt: expect.any(String) });
    await app.http.get('/api/admin/policies').expect(401);
  });

  it('lets a super admin enable it for chosen super admins, replacing the whole set each time', async () => {
    const company = await createCompany(app);
    const second = await createAdmin(app, company, 'super_admin');
    const both = [company.superAdminId, second.id].sort();
    const enabled = await put(company.superAdminKey, { enabled: true, superAdminIds: [second.id, company.superAdminId, second.id] }).expect(
      200,
    );
    expect(enabled.body).toEqual({ enabled: true, superAdminIds: both, updatedAt: expect.any(String) });
    expect(await policy(company.superAdminKey)).toMatchObject({ enabled: true, superAdminIds: both });

    await put(second.apiKey, { enabled: true, superAdminIds: [second.id] }).expect(200);
    expect(await policy(company.superAdminKey)).toMatchObject({ enabled: true, superAdminIds: [second.id] });

    await put(company.superAdminKey, { enabled: false, superAdminIds: [] }).expect(200);
    expect(await policy(company.superAdminKey)).toMatchObject({ enabled: false, superAdminIds: [] });
  });

  it('stops listing a holder whose admin key is revoked', async () => {
    const company = await createCompany(app);
    const second = await createAdmin(app, company, 'super_admin');
    await put(company.superAdminKey, { enabled: true, superAdminIds: [company.superAdminId, second.id] }).expect(200);
    await app.http.delete(`/api/admin/admins/${second.id}`).set(bearer(company.superAdminKey)).expect(204);
    expect((await policy(company.superAdminKey)).superAdminIds).toEqual([company.superAdminId]);
  });

  it('refuses a plain admin with 403', async () => {
    const company = await createCompany(app);
    const plain = await createAdmin(app, company, 'admin');
    const refused = await put(plain.apiKey, { enabled: true, superAdminIds: [company.superAdminId] }).expect(403);
    expect(refused.body.message).toMatch(/super admin/);
    expect((await policy(company.superAdminKey)).enabled).toBe(false);
  });

  describe('refuses with 400, naming the id, and changes nothing', () => {
    let company: TestCompany;
    let other: TestCompany;

    beforeAll(async () => {
      company = await createCompany(app, 'Acme');
      other = await createCompany(app, 'Globex');
      await put(company.superAdminKey, { enabled: true, superAdminIds: [company.superAdminId] }).expect(200);
    });
    afterEach(async () => {
      expect(await policy(company.superAdminKey)).toMatchObject({ enabled: true, superAdminIds: [company.superAdminId] });
    });

    const refusedFor = async (id: string) => {
      const response = await put(company.superAdminKey, { enabled: true, superAdminIds: [company.superAdminId, id] }).expect(400);
      expect(response.body.message).toContain(id);
      expect(response.body.message).toMatch(/not an active super admin/);
    };

    it('an unknown id', async () => {
      await refusedFor(randomUUID());
    });

    it('a super admin of another company', async () => {
      await refusedFor(other.superAdminId);
    });

    it('a plain admin of the company', async () => {
      await refusedFor((await createAdmin(app, company, 'admin')).id);
    });

    it('a revoked super admin', async () => {
      const revoked = await createAdmin(app, company, 'super_admin');
      await app.http.delete(`/api/admin/admins/${revoked.id}`).set(bearer(company.superAdminKey)).expect(204);
      await refusedFor(revoked.id);
    });

    it('inconsistent or malformed bodies', async () => {
      const empty = await put(company.superAdminKey, { enabled: true, superAdminIds: [] }).expect(400);
      expect(empty.body.message).toMatch(/at least one super admin/);
      const disabledWithIds = await put(company.superAdminKey, { enabled: false, superAdminIds: [company.superAdminId] }).expect(400);
      expect(disabledWithIds.body.message).toMatch(/must be empty/);
      const malformed = await put(company.superAdminKey, { enabled: 'yes', superAdminIds: ['nope'], extra: 1 }).expect(400);
      expect(malformed.body.details).toEqual(
        expect.arrayContaining([
          { field: 'enabled', problem: 'enabled must be a boolean value' },
          { field: 'extra', problem: 'property extra should not exist' },
        ]),
      );
      await put(company.superAdminKey, { enabled: true }).expect(400);
    });
  });

  it('records each change in the audit log with the previous state', async () => {
    const company = await createCompany(app);
    await put(company.superAdminKey, { enabled: true, superAdminIds: [company.superAdminId] }).expect(200);
    await put(company.superAdminKey, { enabled: false, superAdminIds: [] }).expect(200);
    const rows: { actor_id: string; details: Record<string, unknown> }[] = await app.running.app
      .get(DataSource)
      .query(
        `SELECT actor_id, details FROM audit_log WHERE company_id = $1 AND action = 'policy.master_password_reset.updated' ORDER BY id`,
        [company.companyId],
      );
    expect(rows).toEqual([
      {
        actor_id: company.superAdminId,
        details: { enabled: true, superAdminIds: [company.superAdminId], previous: { enabled: false, superAdminIds: [] } },
      },
      {
        actor_id: company.superAdminId,
        details: { enabled: false, superAdminIds: [], previous: { enabled: true, superAdminIds: [company.superAdminId] } },
      },
    ]);
  });
});
