import { randomUUID } from 'node:crypto';
import { TEST_SERVICE_SECRET, TestApp } from './test-app';

export interface TestCompany {
  companyId: string;
  superAdminId: string;
  superAdminEmail: string;
  superAdminKey: string;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@acme.test`;
}

export function bearer(secret: string): { Authorization: string } {
  return { Authorization: `Bearer ${secret}` };
}

/** A new company created the way the sign-up service does it: through the internal API. */
export async function createCompany(app: TestApp, name = 'Acme'): Promise<TestCompany> {
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
  app: TestApp,
  company: TestCompany,
  role: 'admin' | 'super_admin' = 'admin',
): Promise<{ id: string; email: string; apiKey: string }> {
  const email = uniqueEmail(role);
  const response = await app.http
    .post('/api/admin/admins')
    .set(bearer(company.superAdminKey))
    .send({ email, role })
    .expect(201);
  return { id: response.body.id, email, apiKey: response.body.apiKey };
}
