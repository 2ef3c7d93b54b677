import { randomUUID } from 'node:crypto';
import { TEST_SERVICE_SECRET, TestApp } from './test-app';

export interface TestCompany {
  companyId: string;
  superAdminId: string;
  superAdminEmail: string;
  superAdminKey: string;
}

/** Anything with an HTTP client on the app: a TestApp, or an app a test assembled itself. */
export type HttpTarget = Pick<TestApp, 'http'>;

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@acme.test`;
}

export function bearer(secret: string): { Authorization: string } {
  return { Authorization: `Bearer ${secret}` };
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

/** Retries an assertion until it passes or the time is up: for effects written in the background. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
