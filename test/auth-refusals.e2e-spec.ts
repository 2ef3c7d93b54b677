import { createAdmin, createCompany, createProvisioningToken, TestCompany } from './support/factories';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('401 answers say why', () => {
  let app: TestApp;
  let company: TestCompany;
  let other: TestCompany;

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    other = await createCompany(app, 'Other');
  });
  afterAll(async () => app.close());

  const admin = (authorization?: string) => {
    const call = app.http.get('/api/admin/admins');
    return authorization === undefined ? call : call.set('Authorization', authorization);
  };
  const internal = (authorization: string) =>
    app.http.get(`/api/internal/companies/${company.companyId}/users?email=a@b.test`).set('Authorization', authorization);
  const scim = (authorization?: string) => {
    const call = app.http.get('/scim/v2/Users');
    return authorization === undefined ? call : call.set('Authorization', authorization);
  };

  it('on the admin API: missing, not bearer, wrong kind, unknown, revoked', async () => {
    const token = await createProvisioningToken(app, company);
    const cases: [string | undefined, string, RegExp][] = [
      [undefined, 'missing_credential', /No Authorization header.*admin API key \(dpsadm_…\)/],
      ['Basic YWxpY2U6c2VjcmV0', 'not_bearer_credential', /"Basic" credential, not a bearer credential/],
      ['Bearer', 'not_bearer_credential', /empty bearer credential/],
      ['Bearer two words', 'not_bearer_credential', /more than one value after Bearer/],
      [`Bearer ${token}`, 'wrong_credential_kind', /^This is a provisioning token; the admin API takes an admin API key \(dpsadm_…\)$/],
      [`Bearer ${TEST_SERVICE_SECRET}`, 'unknown_credential', /not an admin API key/],
      [`Bearer dpsadm_${'A'.repeat(43)}`, 'unknown_credential', /Unknown admin API key/],
    ];
    for (const [authorization, code, message] of cases) {
      const response = await admin(authorization).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, code, message: expect.stringMatching(message) });
    }

    const revoked = await createAdmin(app, company);
    await app.http.delete(`/api/admin/admins/${revoked.id}`).set(bearer(company.superAdminKey)).expect(204);
    const refused = await admin(`Bearer ${revoked.apiKey}`).expect(401);
    expect(refused.body).toMatchObject({ code: 'revoked_credential', message: expect.stringMatching(/revoked on \d{4}-\d\d-\d\dT/) });
  });

  it('on the internal API: wrong kinds are named, unknown secrets are unknown', async () => {
    const token = await createProvisioningToken(app, other, 'entra-id');
    expect((await internal(`Bearer ${company.superAdminKey}`).expect(401)).body).toMatchObject({
      code: 'wrong_credential_kind',
      message: 'This is an admin API key; the internal API takes a service credential from INTERNAL_API_TOKENS',
    });
    expect((await internal(`Bearer ${token}`).expect(401)).body.code).toBe('wrong_credential_kind');
    expect((await internal('Bearer some-other-secret-0123456789').expect(401)).body.code).toBe('unknown_credential');
    expect((await internal('Token abc').expect(401)).body.code).toBe('not_bearer_credential');
  });

  it('on SCIM: SCIM bodies with WWW-Authenticate; a reset token says when it was replaced', async () => {
    const expectScim401 = async (authorization: string | undefined, detail: RegExp) => {
      const response = await scim(authorization).expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['content-type']).toContain('application/scim+json');
      expect(response.body).toEqual({ schemas: [SCIM_ERROR], status: '401', detail: expect.stringMatching(detail) });
    };
    await expectScim401(undefined, /No Authorization header.*provisioning token \(dpsscim_…\)/);
    await expectScim401(`Bearer ${company.superAdminKey}`, /^This is an admin API key; the SCIM API takes a provisioning token/);
    await expectScim401(`Bearer dpsscim_${'B'.repeat(43)}`, /Unknown provisioning token/);

    const first = await createProvisioningToken(app, company, 'onelogin');
    await scim(`Bearer ${first}`).expect(200);
    const reset = await app.http
      .post('/api/admin/directory-integrations/onelogin/token/reset')
      .set(bearer(company.superAdminKey))
      .expect(201);
    await expectScim401(
      `Bearer ${first}`,
      /^This provisioning token was replaced on \d{4}-\d\d-\d\dT[\d:.]+Z; update the identity provider/,
    );

    await app.http.delete('/api/admin/directory-integrations/onelogin/token').set(bearer(company.superAdminKey)).expect(204);
    await expectScim401(`Bearer ${reset.body.token}`, /^This provisioning token was revoked on /);
    // The first token's answer still tells the replacement, not the later revocation.
    await expectScim401(`Bearer ${first}`, /was replaced on/);
  });

  it('says nothing about another company: the same answers whichever company a credential belongs to', async () => {
    const mine = await admin(`Bearer dpsadm_${'C'.repeat(43)}`).expect(401);
    const otherKeyOnScim = await scim(`Bearer ${other.superAdminKey}`).expect(401);
    expect(JSON.stringify(mine.body)).not.toContain(other.companyId);
    expect(JSON.stringify(otherKeyOnScim.body)).not.toContain(other.companyId);
    expect(JSON.stringify(otherKeyOnScim.body)).not.toContain('Other');
  });
});
