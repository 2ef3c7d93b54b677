import { TransactionHost } from '../src/database/transaction-host';
import { bearer, createCompany, createProvisioningToken } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const seen: string[] = [];
const proto = TransactionHost.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of ['rows', 'first']) {
  const original = proto[name];
  proto[name] = function (this: unknown, sql: unknown, params: unknown) {
    if (/user_accounts u|groups g|group_members gm/.test(String(sql))) seen.push(String(sql).replace(/\s+/g, ' ').trim());
    return original.call(this, sql, params);
  };
}

it('prints the search statements', async () => {
  const app: TestApp = await startTestApp();
  try {
    const company = await createCompany(app);
    const token = await createProvisioningToken(app, company);
    const get = (path: string) => app.http.get(`/scim/v2${path}`).set(bearer(token));
    const paths = [
      '/Users?filter=' + encodeURIComponent('userName eq "a@b.c"'),
      '/Users?filter=' + encodeURIComponent('externalId eq "x"'),
      '/Users',
      '/Users?startIndex=3&count=2',
      '/Users?sortBy=userName&sortOrder=descending',
      '/Users?count=0',
      '/Groups?filter=' + encodeURIComponent('displayName eq "Sales"'),
      '/Groups?filter=' + encodeURIComponent('externalId eq "g"'),
      '/Groups',
      '/?filter=' + encodeURIComponent('userName eq "a@b.c"'),
    ];
    for (const path of paths) {
      seen.length = 0;
      const response = await get(path);
      console.log(`${path} -> ${response.status}\n  ${seen.join('\n  ')}`);
    }
  } finally {
    await app.close();
  }
});
