import { randomUUID } from 'node:crypto';
import { GROUP_SCHEMA, scim, ScimResource, USER_SCHEMA } from './scim-client';
import { bearer, HttpTarget, TEST_SERVICE_SECRET } from './test-app';

export interface TestCompany {
  companyId: string;
  superAdminId: string;
  superAdminEmail: string;
  superAdminKey: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@acme.test`;
}

/** A new company created the way the sign-up service does it: through the internal API. */
export async function createCompany(app: HttpTarget, name = 'Acme'): Promise<TestCompany> {
  const superAdminEmail = uniqueEmail('owner');
  const response = await app.http
    .post('/api/internal/companies')
    .set(bearer(TEST_SERVICE_SECRET))
    .send({ name, superAdminEmail })
    .expect(201);
  return {
    companyId: response.body.companyId,
    superAdminId: response.body.superAdmin.id,
    superAdminEmail,
    superAdminKey: response.body.superAdmin.apiKey,
  };
}

export async function createAdmin(
  app: HttpTarget,
  company: TestCompany,
  role: 'admin' | 'super_admin' = 'admin',
): Promise<{ id: string; email: string; apiKey: string }> {
  const email = uniqueEmail(role);
  const response = await app.http.post('/api/admin/admins').set(bearer(company.superAdminKey)).send({ email, role }).expect(201);
  return { id: response.body.id, email, apiKey: response.body.apiKey };
}

export type TestProvider = 'okta' | 'entra-id' | 'onelogin' | 'pingone' | 'google-workspace' | 'jumpcloud' | 'generic';

/** Creates the company's first provisioning token for the provider, as its super admin; returns the token. */
export async function createProvisioningToken(app: HttpTarget, company: TestCompany, provider: TestProvider = 'okta'): Promise<string> {
  const response = await app.http
    .post(`/api/admin/directory-integrations/${provider}/token`)
    .set(bearer(company.superAdminKey))
    .expect(201);
  return response.body.token;
}

/** Creates the connector token of the company's Active Directory tab, as its super admin; returns the token. */
export async function createConnectorToken(app: HttpTarget, company: TestCompany): Promise<string> {
  const response = await app.http
    .post('/api/admin/directory-integrations/active-directory/token')
    .set(bearer(company.superAdminKey))
    .expect(201);
  return response.body.token;
}

/** A Provisioning API key of the company (read-write unless asked), created by its super admin; returns the key. */
export async function createProvisioningApiKey(
  app: HttpTarget,
  company: TestCompany,
  scope: 'read-only' | 'read-write' = 'read-write',
): Promise<string> {
  const response = await app.http
    .post('/api/admin/directory-integrations/provisioning-api/keys')
    .set(bearer(company.superAdminKey))
    .send({ name: `script ${randomUUID().slice(0, 8)}`, scope })
    .expect(201);
  return response.body.key;
}

/** Sets the company's "permit super admins to reset master passwords" policy, as its super admin. */
export async function setMasterPasswordResetPolicy(
  app: HttpTarget,
  company: TestCompany,
  enabled: boolean,
  superAdminIds: string[] = enabled ? [company.superAdminId] : [],
): Promise<void> {
  await app.http
    .put('/api/admin/policies/master-password-reset')
    .set(bearer(company.superAdminKey))
    .send({ enabled, superAdminIds })
    .expect(200);
}

/** A user provisioned over SCIM, as an identity provider sends one; returns the 201 answer's body. */
export async function createUser(app: HttpTarget, token: string, overrides: ScimResource = {}): Promise<ScimResource> {
  const userName = uniqueEmail('member');
  const body = { schemas: [USER_SCHEMA], userName, displayName: `Name of ${userName}`, active: true, ...overrides };
  return (await scim(app, token).post('/Users', body).expect(201)).body;
}

/** A group provisioned over SCIM with a unique displayName unless given; returns the 201 answer's body. */
export async function createGroup(app: HttpTarget, token: string, overrides: ScimResource = {}): Promise<ScimResource> {
  const body = { schemas: [GROUP_SCHEMA], displayName: `Group ${randomUUID().slice(0, 8)}`, ...overrides };
  return (await scim(app, token).post('/Groups', body).expect(201)).body;
}

/** The members attribute naming these users (or ids). */
export function members(users: (ScimResource | string)[]): { value: string }[] {
  return users.map((user) => ({ value: typeof user === 'string' ? user : user.id }));
}
