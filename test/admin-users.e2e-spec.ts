import { DataSource } from 'typeorm';
import {
  createAdmin,
  createCompany,
  createProvisioningToken,
  createUser,
  setMasterPasswordResetPolicy,
  TestCompany,
  uniqueEmail,
} from './support/factories';
import { scim } from './support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('accounts: lifecycle, admin API, master-password resets, internal API', () => {
  let app: TestApp;
  let acme: TestCompany;
  let scimToken: string;
  let globex: TestCompany;

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createCompany(app, 'Acme');
    scimToken = await createProvisioningToken(app, acme, 'okta');
    globex = await createCompany(app, 'Globex');
  });
  afterAll(() => app.close());

  /** A user as Okta first provisions one: a name and a work email. */
  const provisionUser = (userName = uniqueEmail('user')) =>
    createUser(app, scimToken, {
      userName,
      name: { givenName: 'Pat', familyName: 'Doe' },
      emails: [{ value: userName, type: 'work', primary: true }],
    });

  const admin = (key = acme.superAdminKey) => ({
    get: (path: string) => app.http.get(`/api/admin${path}`).set(bearer(key)),
    post: (path: string, body?: unknown) =>
      app.http
        .post(`/api/admin${path}`)
        .set(bearer(key))
        .send(body as object),
    delete: (path: string) => app.http.delete(`/api/admin${path}`).set(bearer(key)),
  });
  const internal = (companyId = acme.companyId, secret = TEST_SERVICE_SECRET) => ({
    get: (path: string) => app.http.get(`/api/internal/companies/${companyId}${path}`).set(bearer(secret)),
    post: (path: string) => app.http.post(`/api/internal/companies/${companyId}${path}`).set(bearer(secret)),
  });
  const masterPasswordSet = (userId: string) => internal().post(`/users/${userId}/master-password-set`);

  describe('lifecycle', () => {
    it('walks provisioned → active → disabled → re-enabled → deleted, refusing invalid transitions', async () => {
      const user = await provisionUser();
      expect((await admin().get(`/users/${user.id}`).expect(200)).body.state).toBe('provisioned');

      expect((await masterPasswordSet(user.id).expect(200)).body).toMatchObject({ state: 'active', active: true });
      expect((await masterPasswordSet(user.id).expect(200)).body.state).toBe('active');

      expect((await admin().post(`/users/${user.id}/disable`).expect(200)).body.state).toBe('disabled');
      await masterPasswordSet(user.id).expect(409);

      // Re-enabling returns to active because the master password was set before.
      expect((await admin().post(`/users/${user.id}/enable`).expect(200)).body.state).toBe('active');

      await admin().delete(`/users/${user.id}`).expect(204);
      expect((await admin().get(`/users/${user.id}`).expect(200)).body.state).toBe('deleted');
      const again = await admin().delete(`/users/${user.id}`).expect(409);
      expect(again.body.message).toContain('from deleted to deleted');
      await admin().post(`/users/${user.id}/enable`).expect(409);
      await admin().post(`/users/${user.id}/disable`).expect(409);
      await scim(app, scimToken).get(`/Users/${user.id}`).expect(404);
    });

    it('answers a repeated disable or enable with the user as it is: no change, no audit entry', async () => {
      const user = await provisionUser();
      const auditOf = async (action: string) =>
        (await admin().get('/audit-log?limit=200').expect(200)).body.items.filter(
          (entry: { action: string; targetId: string }) => entry.action === action && entry.targetId === user.id,
        );

      const disabled = (await admin().post(`/users/${user.id}/disable`).expect(200)).body;
      const again = (await admin().post(`/users/${user.id}/disable`).expect(200)).body;
      expect(again).toEqual(disabled);
      expect(await auditOf('user.disable')).toHaveLength(1);
      // SCIM's deactivate of the same user agrees: 200, still disabled.
      const scimDisabled = await scim(app, scimToken)
        .patch(`/Users/${user.id}`)
        .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })
        .expect(200);
      expect(scimDisabled.body.active).toBe(false);

      const enabled = (await admin().post(`/users/${user.id}/enable`).expect(200)).body;
      expect(enabled.state).toBe('provisioned');
      const enabledAgain = (await admin().post(`/users/${user.id}/enable`).expect(200)).body;
      expect(enabledAgain).toEqual(enabled);
      expect(await auditOf('user.enable')).toHaveLength(1);

      await masterPasswordSet(user.id).expect(200);
      expect((await admin().post(`/users/${user.id}/enable`).expect(200)).body.state).toBe('active');
      expect(await auditOf('user.enable')).toHaveLength(1);
    });

    it('re-enables a user who never set a master password back to provisioned', async () => {
      const user = await provisionUser();
      await admin().post(`/users/${user.id}/disable`).expect(200);
      expect((await admin().post(`/users/${user.id}/enable`).expect(200)).body.state).toBe('provisioned');
    });

    it('lets the provider’s next SCIM update apply after an admin change, and audits the admin', async () => {
      const user = await provisionUser();
      await admin().post(`/users/${user.id}/disable`).expect(200);
      const reactivated = await scim(app, scimToken)
        .patch(`/Users/${user.id}`)
        .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] })
        .expect(200);
      expect(reactivated.body.active).toBe(true);
      expect((await admin().get(`/users/${user.id}`)).body.state).toBe('provisioned');

      const audit = await admin().get('/audit-log?limit=200').expect(200);
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({
          actorType: 'admin',
          actorId: acme.superAdminId,
          actorEmail: acme.superAdminEmail,
          action: 'user.disable',
          targetId: user.id,
        }),
      );
    });
  });

  describe('admin user routes', () => {
    it('shows the integration that manages a user and the user’s groups', async () => {
      const user = await provisionUser();
      const response = await admin().get(`/users/${user.id}`).expect(200);
      expect(response.body).toMatchObject({
        id: user.id,
        userName: user.userName,
        state: 'provisioned',
        managedBy: { integrationId: expect.any(String), provider: 'okta' },
        name: { givenName: 'Pat', familyName: 'Doe' },
        groups: [],
      });
    });

    it('lists users with state and text filters and cursor pages', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'generic');
      const tag = Math.random().toString(36).slice(2, 8);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await scim(app, token)
          .post('/Users')
          .send({ userName: `u${i}-${tag}@acme.test`, displayName: i === 3 ? 'Zelda Quux' : `User ${i}`, active: i !== 4 })
          .expect(201);
        ids.push(response.body.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await admin(company.superAdminKey)
          .get(`/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
        if (!cursor) break;
      }
      expect([...seen].sort()).toEqual([...ids].sort());

      const disabled = await admin(company.superAdminKey).get('/users?state=disabled').expect(200);
      expect(disabled.body.items.map((item: { id: string }) => item.id)).toEqual([ids[4]]);
      const zelda = await admin(company.superAdminKey).get('/users?q=zelda').expect(200);
      expect(zelda.body.items.map((item: { id: string }) => item.id)).toEqual([ids[3]]);
      const byEmail = await admin(company.superAdminKey).get(`/users?q=U2-${tag}`).expect(200);
      expect(byEmail.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2]]);
      const literal = await admin(company.superAdminKey).get('/users?q=%25').expect(200);
      expect(literal.body.items).toEqual([]);

      await admin(company.superAdminKey).get('/users?state=gone').expect(400);
      await admin(company.superAdminKey).get('/users?cursor=not-a-cursor').expect(400);
      await admin(company.superAdminKey).get('/users?group=nope').expect(400);
    });

    it('lists the members of a group with the other filters and in cursor pages; a deleted user leaves its groups', async () => {
      const company = await createCompany(app);
      const token = await createProvisioningToken(app, company, 'generic');
      const tag = Math.random().toString(36).slice(2, 8);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await app.http
          .post('/scim/v2/Users')
          .set(bearer(token))
          .send({ userName: `m${i}-${tag}@acme.test`, active: i % 3 !== 0 })
          .expect(201);
        ids.push(response.body.id);
      }
      const members = ids.slice(0, 5);
      const group = await app.http
        .post('/scim/v2/Groups')
        .set(bearer(token))
        .send({ displayName: `Team ${tag}`, members: members.map((value) => ({ value })) })
        .expect(201);
      const list = async (query: string): Promise<string[]> => {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await admin(company.superAdminKey)
            .get(`/users?group=${group.body.id}&limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200);
          seen.push(...page.body.items.map((item) => item.id));
          cursor = page.body.nextCursor;
          if (!cursor) break;
        }
        return seen;
      };
      const inIdOrder = (userIds: string[]) => [...userIds].sort();

      expect(await list('')).toEqual(inIdOrder(members));
      expect(await list('&state=provisioned')).toEqual(inIdOrder([ids[1], ids[2], ids[4]]));
      expect(await list(`&q=m2-${tag}`)).toEqual([ids[2]]);
      const member = await admin(company.superAdminKey).get(`/users/${ids[1]}`).expect(200);
      expect(member.body.groups).toEqual([{ id: group.body.id, displayName: `Team ${tag}` }]);

      await admin(company.superAdminKey).delete(`/users/${ids[1]}`).expect(204);
      expect(await list('')).toEqual(inIdOrder([ids[0], ids[2], ids[3], ids[4]]));
      const deleted = await admin(company.superAdminKey).get(`/users/${ids[1]}`).expect(200);
      expect(deleted.body).toMatchObject({ state: 'deleted', groups: [] });
    });

    it('filters users by the tab that manages them, or `none` for those no tab manages', async () => {
      const company = await createCompany(app);
      const okta = await createUser(app, await createProvisioningToken(app, company, 'okta'));
      const generic = await createUser(app, await createProvisioningToken(app, company, 'generic'));
      const rows: { id: string }[] = await app.running.app
        .get(DataSource)
        .query(`INSERT INTO user_accounts (company_id, user_name, state) VALUES ($1, $2, 'active') RETURNING id`, [
          company.companyId,
          uniqueEmail('console'),
        ]);
      const ids = async (managedBy: string) =>
        (await admin(company.superAdminKey).get(`/users?managedBy=${managedBy}`).expect(200)).body.items.map(
          (item: { id: string }) => item.id,
        );

      expect(await ids('okta')).toEqual([okta.id]);
      expect(await ids('GENERIC')).toEqual([generic.id]);
      expect(await ids('none')).toEqual([rows[0].id]);
      expect(await ids('entra-id')).toEqual([]);
      const unknown = await admin(company.superAdminKey).get('/users?managedBy=azure-ad').expect(400);
      expect(unknown.body.message).toContain("unknown managedBy 'azure-ad'; valid: okta, entra-id");
    });

    it('refuses another company’s user on every admin route', async () => {
      const user = await provisionUser();
      const other = admin(globex.superAdminKey);
      await other.get(`/users/${user.id}`).expect(404);
      await other.post(`/users/${user.id}/disable`).expect(404);
      await other.post(`/users/${user.id}/enable`).expect(404);
      await other.delete(`/users/${user.id}`).expect(404);
      await setMasterPasswordResetPolicy(app, globex, true);
      await other.post(`/users/${user.id}/master-password-reset`).expect(404);
      expect((await other.get('/users').expect(200)).body.items).toEqual([]);
      expect((await admin().get(`/users/${user.id}`)).body.state).toBe('provisioned');
    });

    it('requires an admin key', async () => {
      await app.http.get('/api/admin/users').expect(401);
      await app.http.get('/api/admin/users').set(bearer(scimToken)).expect(401);
      await app.http.get('/api/admin/users').set(bearer(TEST_SERVICE_SECRET)).expect(401);
      await app.http.get('/api/admin/audit-log').set(bearer(scimToken)).expect(401);
    });
  });

  describe('master-password reset policy', () => {
    let company: TestCompany;
    let token: string;
    let holder: TestCompany['superAdminKey'];
    let otherSuperAdmin: { id: string; email: string; apiKey: string };
    let plainAdmin: { id: string; email: string; apiKey: string };

    beforeAll(async () => {
      company = await createCompany(app);
      token = await createProvisioningToken(app, company, 'entra-id');
      holder = company.superAdminKey;
      otherSuperAdmin = await createAdmin(app, company, 'super_admin');
      plainAdmin = await createAdmin(app, company, 'admin');
    });

    async function userIn(state: 'provisioned' | 'active' | 'disabled' | 'deleted', userName = uniqueEmail(state)): Promise<string> {
      const id = (await scim(app, token).post('/Users').send({ userName }).expect(201)).body.id;
      if (state === 'active' || state === 'disabled')
        await internal(company.companyId).post(`/users/${id}/master-password-set`).expect(200);
      if (state === 'disabled') await admin(holder).post(`/users/${id}/disable`).expect(200);
      if (state === 'deleted') await admin(holder).delete(`/users/${id}`).expect(204);
      return id;
    }
    const reset = (key: string, userId: string) => admin(key).post(`/users/${userId}/master-password-reset`);

    it('refuses everyone while the policy is off', async () => {
      const user = await userIn('active');
      const response = await reset(holder, user).expect(403);
      expect(response.body.message).toMatch(/policy .* is off/);
    });

    it('allows only a super admin holding the policy, only for active users who are not super admins', async () => {
      await setMasterPasswordResetPolicy(app, company, true, [company.superAdminId]);
      const active = await userIn('active');

      expect((await reset(plainAdmin.apiKey, active).expect(403)).body.message).toMatch(/Only a super admin/);
      expect((await reset(otherSuperAdmin.apiKey, active).expect(403)).body.message).toMatch(/do not hold the policy/);

      const granted = await reset(holder, active).expect(202);
      expect(granted.body).toMatchObject({ userId: active, status: 'pending', requestedBy: company.superAdminId });
      expect(new Date(granted.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect((await reset(holder, active).expect(202)).body.id).toBe(granted.body.id);

      expect((await reset(holder, await userIn('provisioned')).expect(409)).body.message).toMatch(/provisioned/);
      expect((await reset(holder, await userIn('disabled')).expect(409)).body.message).toMatch(/disabled/);
      expect((await reset(holder, await userIn('deleted')).expect(409)).body.message).toMatch(/deleted/);
      const superAdminUser = await userIn('active', otherSuperAdmin.email);
      expect((await reset(holder, superAdminUser).expect(403)).body.message).toMatch(/is a super admin/);

      const audit = await admin(holder).get('/audit-log').expect(200);
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({ action: 'user.master_password_reset.requested', actorId: company.superAdminId, targetId: active }),
      );
    });

    it('lets the holder set change who may reset', async () => {
      await setMasterPasswordResetPolicy(app, company, true, [otherSuperAdmin.id]);
      const active = await userIn('active');
      await reset(holder, active).expect(403);
      await reset(otherSuperAdmin.apiKey, active).expect(202);
    });

    it('hands pending resets to the vault service, which completes each once', async () => {
      await setMasterPasswordResetPolicy(app, company, true, [company.superAdminId]);
      const active = await userIn('active');
      const requested = (await reset(holder, active).expect(202)).body;

      const pending = await internal(company.companyId).get('/master-password-resets?status=pending').expect(200);
      expect(pending.body.items).toContainEqual(
        expect.objectContaining({ id: requested.id, userId: active, userName: expect.any(String) }),
      );
      expect(pending.body.nextCursor).toBeNull();
      await internal(company.companyId).get('/master-password-resets').expect(400);
      const unknown = await internal(company.companyId).get('/master-password-resets?status=done').expect(400);
      expect(JSON.stringify(unknown.body)).toContain("unknown status 'done'; valid: pending");

      const completed = await internal(company.companyId).post(`/master-password-resets/${requested.id}/complete`).expect(200);
      expect(completed.body).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
      await internal(company.companyId).post(`/master-password-resets/${requested.id}/complete`).expect(409);
      const after = await internal(company.companyId).get('/master-password-resets?status=pending').expect(200);
      expect(after.body.items.map((item: { id: string }) => item.id)).not.toContain(requested.id);
    });

    it('pages pending resets, oldest first, with a cursor', async () => {
      await setMasterPasswordResetPolicy(app, company, true, [company.superAdminId]);
      const requested: string[] = [];
      for (let i = 0; i < 3; i++) requested.push((await reset(holder, await userIn('active')).expect(202)).body.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await internal(company.companyId)
          .get(`/master-password-resets?status=Pending&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen.filter((id) => requested.includes(id))).toEqual(requested);
      expect(new Set(seen).size).toBe(seen.length);
    });
  });

  describe('internal API', () => {
    it('answers state and groups of a user by email, case-insensitively', async () => {
      const user = await provisionUser();
      const response = await internal()
        .get(`/users?email=${encodeURIComponent(user.userName.toUpperCase())}`)
        .expect(200);
      expect(response.body).toEqual({ id: user.id, userName: user.userName, state: 'provisioned', active: true, groups: [] });
      await internal()
        .get(`/users?email=${uniqueEmail('nobody')}`)
        .expect(404);
      await internal().get('/users').expect(400);
    });

    it('refuses missing, wrong, admin and provisioning credentials', async () => {
      const user = await provisionUser();
      for (const secret of ['', 'wrong-secret-0123456789', acme.superAdminKey, scimToken]) {
        await internal(acme.companyId, secret).get(`/users?email=${user.userName}`).expect(401);
        await internal(acme.companyId, secret).post(`/users/${user.id}/master-password-set`).expect(401);
        await internal(acme.companyId, secret).get('/master-password-resets?status=pending').expect(401);
      }
      expect((await admin().get(`/users/${user.id}`)).body.state).toBe('provisioned');
    });

    it('checks every route against the company in the path', async () => {
      const user = await provisionUser();
      await internal(globex.companyId).get(`/users?email=${user.userName}`).expect(404);
      await internal(globex.companyId).post(`/users/${user.id}/master-password-set`).expect(404);
      await internal('not-a-uuid').get(`/users?email=${user.userName}`).expect(400);
      expect((await admin().get(`/users/${user.id}`)).body.state).toBe('provisioned');

      await setMasterPasswordResetPolicy(app, acme, true);
      await masterPasswordSet(user.id).expect(200);
      const requested = (await admin().post(`/users/${user.id}/master-password-reset`).expect(202)).body;
      expect((await internal(globex.companyId).get('/master-password-resets?status=pending').expect(200)).body.items).toEqual([]);
      await internal(globex.companyId).post(`/master-password-resets/${requested.id}/complete`).expect(404);
    });
  });
});
