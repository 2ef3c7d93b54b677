import { createAdmin, createCompany, TestCompany, uniqueEmail } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('admin API keys and admin management', () => {
  let app: TestApp;
  let acme: TestCompany;
  let globex: TestCompany;

  beforeAll(async () => {
    app = await startTestApp();
    acme = await createCompany(app, 'Acme');
    globex = await createCompany(app, 'Globex');
  });
  afterAll(() => app.close());

  it('refuses admin routes without a key, with a malformed key and with an unknown key', async () => {
    await app.http.get('/api/admin/admins').expect(401);
    await app.http.get('/api/admin/admins').set('Authorization', 'Basic abc').expect(401);
    await app.http.get('/api/admin/admins').set(bearer('not-a-key')).expect(401);
    const unknown = `dpsadm_${'A'.repeat(43)}`;
    await app.http.get('/api/admin/admins').set(bearer(unknown)).expect(401);
  });

  it('lets a super admin create an admin whose key then works, shown once', async () => {
    const created = await createAdmin(app, acme, 'admin');
    expect(created.apiKey).toMatch(/^dpsadm_[A-Za-z0-9_-]{43}$/);

    const list = await app.http.get('/api/admin/admins').set(bearer(created.apiKey)).expect(200);
    const listed = list.body.items.find((admin: { id: string }) => admin.id === created.id);
    expect(listed).toMatchObject({ email: created.email, role: 'admin' });
    expect(listed.apiKey).toBeUndefined();
    expect(created.apiKey.startsWith(listed.apiKeyPrefix)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(created.apiKey);
  });

  it('tells the key’s holder who they are: id, email, role and company', async () => {
    const created = await createAdmin(app, acme, 'admin');
    const me = await app.http.get('/api/admin/me').set(bearer(created.apiKey)).expect(200);
    expect(me.body).toEqual({ id: created.id, email: created.email, role: 'admin', companyId: acme.companyId });
    const owner = await app.http.get('/api/admin/me').set(bearer(globex.superAdminKey)).expect(200);
    expect(owner.body).toEqual({
      id: globex.superAdminId,
      email: globex.superAdminEmail,
      role: 'super_admin',
      companyId: globex.companyId,
    });
    await app.http.delete(`/api/admin/admins/${created.id}`).set(bearer(acme.superAdminKey)).expect(204);
    await app.http.get('/api/admin/me').set(bearer(created.apiKey)).expect(401);
  });

  it('lists only the admins of the caller’s company', async () => {
    const list = await app.http.get('/api/admin/admins').set(bearer(globex.superAdminKey)).expect(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ email: globex.superAdminEmail })], nextCursor: null });
  });

  it('pages the admins in creation order; a revoked admin’s id still works as a cursor', async () => {
    const company = await createCompany(app);
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createAdmin(app, company, 'admin'));
    const list = (cursor?: string) =>
      app.http
        .get(`/api/admin/admins?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(company.superAdminKey))
        .expect(200);
    const first = (await list()).body;
    expect(first.items.map((admin: { id: string }) => admin.id)).toEqual([company.superAdminId, created[0].id]);
    await app.http.delete(`/api/admin/admins/${created[0].id}`).set(bearer(company.superAdminKey)).expect(204);
    const second = (await list(first.nextCursor)).body;
    expect(second).toEqual({ items: created.slice(1).map((admin) => expect.objectContaining({ id: admin.id })), nextCursor: null });
    await app.http.get('/api/admin/admins?cursor=nope').set(bearer(company.superAdminKey)).expect(400);
  });

  it('refuses admin management to a plain admin', async () => {
    const plain = await createAdmin(app, acme, 'admin');
    await app.http.post('/api/admin/admins').set(bearer(plain.apiKey)).send({ email: uniqueEmail(), role: 'admin' }).expect(403);
    await app.http.delete(`/api/admin/admins/${acme.superAdminId}`).set(bearer(plain.apiKey)).expect(403);
  });

  it('revokes an admin whose key then gets 401 at once', async () => {
    const created = await createAdmin(app, acme, 'admin');
    await app.http.get('/api/admin/admins').set(bearer(created.apiKey)).expect(200);
    await app.http.delete(`/api/admin/admins/${created.id}`).set(bearer(acme.superAdminKey)).expect(204);
    await app.http.get('/api/admin/admins').set(bearer(created.apiKey)).expect(401);
    await app.http.delete(`/api/admin/admins/${created.id}`).set(bearer(acme.superAdminKey)).expect(404);
  });

  it('refuses to revoke or see another company’s admin', async () => {
    const acmeAdmin = await createAdmin(app, acme, 'admin');
    await app.http.delete(`/api/admin/admins/${acmeAdmin.id}`).set(bearer(globex.superAdminKey)).expect(404);
    await app.http.get('/api/admin/admins').set(bearer(acmeAdmin.apiKey)).expect(200);
  });

  it('keeps the last super admin', async () => {
    const response = await app.http.delete(`/api/admin/admins/${globex.superAdminId}`).set(bearer(globex.superAdminKey)).expect(409);
    expect(response.body.message).toMatch(/last super admin/);
  });

  it('rejects a duplicate email and invalid bodies with clear 4xx answers', async () => {
    const created = await createAdmin(app, acme, 'admin');
    const duplicate = await app.http
      .post('/api/admin/admins')
      .set(bearer(acme.superAdminKey))
      .send({ email: created.email.toUpperCase(), role: 'admin' })
      .expect(409);
    expect(duplicate.body.message).toContain('already exists');

    const invalid = await app.http
      .post('/api/admin/admins')
      .set(bearer(acme.superAdminKey))
      .send({ email: 'not-an-email', role: 'owner', extra: true })
      .expect(400);
    expect(invalid.body).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      message: expect.stringContaining('email must be an email'),
    });
    expect(invalid.body.details).toEqual(
      expect.arrayContaining([
        { field: 'extra', problem: 'property extra should not exist' },
        { field: 'email', problem: 'email must be an email' },
      ]),
    );
    await app.http.delete('/api/admin/admins/not-a-uuid').set(bearer(acme.superAdminKey)).expect(400);
  });
});
