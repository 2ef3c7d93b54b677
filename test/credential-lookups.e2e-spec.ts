import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashSecret } from '../src/common/crypto/secret-token';
import { CompanyScopes } from '../src/common/tenancy/company-scope';
import {
  createAdmin,
  createCompany,
  createConnectorToken,
  createProvisioningApiKey,
  createProvisioningToken,
  TestCompany,
} from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

interface Lookup {
  kind: string;
  company_id: string;
  /** Whether the row it names, in that company, holds the same hash. */
  owned: boolean;
}

describe('credential lookups', () => {
  let app: TestApp;
  const dataSource = () => app.running.app.get(DataSource);

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function lookupOf(secret: string): Promise<Lookup | undefined> {
    const [row] = await dataSource().query(
      `SELECT l.kind, l.company_id,
              CASE l.kind
                WHEN 'integration-token' THEN
                  EXISTS (SELECT FROM directory_integrations i
                           WHERE i.company_id = l.company_id AND i.id = l.owner_id AND i.token_hash = l.hash)
                  OR EXISTS (SELECT FROM retired_provisioning_tokens r
                              WHERE r.company_id = l.company_id AND r.integration_id = l.owner_id AND r.token_hash = l.hash)
                WHEN 'admin-api-key' THEN
                  EXISTS (SELECT FROM admin_api_keys k WHERE k.company_id = l.company_id AND k.id = l.owner_id AND k.key_hash = l.hash)
                ELSE
                  EXISTS (SELECT FROM provisioning_api_keys k
                           WHERE k.company_id = l.company_id AND k.id = l.owner_id AND k.key_hash = l.hash)
              END AS owned
         FROM credential_lookups l WHERE l.hash = $1`,
      [hashSecret(secret)],
    );
    return row;
  }

  it('registers every credential as it is issued, with its company and the row that holds it', async () => {
    const company = await createCompany(app);
    const admin = await createAdmin(app, company);
    const replaced = await createProvisioningToken(app, company, 'okta');
    const reset = await app.http.post('/api/admin/directory-integrations/okta/token/reset').set(bearer(company.superAdminKey)).expect(201);
    const connectorToken = await createConnectorToken(app, company);
    const apiKey = await createProvisioningApiKey(app, company);

    const owned = (kind: string): Lookup => ({ kind, company_id: company.companyId, owned: true });
    expect(await lookupOf(company.superAdminKey)).toEqual(owned('admin-api-key'));
    expect(await lookupOf(admin.apiKey)).toEqual(owned('admin-api-key'));
    expect(await lookupOf(replaced)).toEqual(owned('integration-token'));
    expect(await lookupOf(reset.body.token)).toEqual(owned('integration-token'));
    expect(await lookupOf(connectorToken)).toEqual(owned('integration-token'));
    expect(await lookupOf(apiKey)).toEqual(owned('provisioning-api-key'));
    expect(await lookupOf(`dpsadm_${randomUUID()}`)).toBeUndefined();
  });

  it('is what authentication reads first: a credential whose lookup is gone is unknown on every API', async () => {
    const company = await createCompany(app);
    const scimToken = await createProvisioningToken(app, company);
    const connectorToken = await createConnectorToken(app, company);
    const apiKey = await createProvisioningApiKey(app, company);
    await dataSource().query('DELETE FROM credential_lookups WHERE company_id = $1', [company.companyId]);

    const scimRefusal = await app.http.get('/scim/v2/Users').set(bearer(scimToken)).expect(401);
    expect(scimRefusal.body.detail).toMatch(/^Unknown provisioning token/);
    const adminRefusal = await app.http.get('/api/admin/me').set(bearer(company.superAdminKey)).expect(401);
    expect(adminRefusal.body.code).toBe('unknown_credential');
    const apiRefusal = await app.http.get('/api/v1/users').set(bearer(apiKey)).expect(401);
    expect(apiRefusal.body.code).toBe('unknown_credential');
    const connectorRefusal = await app.http.post('/api/connector/v1/snapshots').set(bearer(connectorToken)).expect(401);
    expect(connectorRefusal.body.code).toBe('unknown_credential');
  });

  it('shows a company its own lookups only, and takes none for another company', async () => {
    const a = await createCompany(app);
    const b = await createCompany(app);
    const asA = <T>(work: () => Promise<T>) => CompanyScopes.runForCompany(a.companyId, work);
    const seen: { company_id: string }[] = await asA(() =>
      dataSource().query('SELECT DISTINCT company_id FROM credential_lookups WHERE company_id = ANY($1)', [[a.companyId, b.companyId]]),
    );
    expect(seen).toEqual([{ company_id: a.companyId }]);
    await expect(asA(() => plantLookup(b))).rejects.toMatchObject({ driverError: { code: '42501' } });
  });

  function plantLookup(owner: TestCompany): Promise<unknown> {
    return dataSource().query(`INSERT INTO credential_lookups (hash, kind, company_id, owner_id) VALUES ($1, 'admin-api-key', $2, $3)`, [
      hashSecret(randomUUID()),
      owner.companyId,
      owner.superAdminId,
    ]);
  }
});
