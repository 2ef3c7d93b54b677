import type { Browser, Page } from 'playwright-core';
import {
  createCompany,
  createGroup,
  createProvisioningApiKey,
  createProvisioningToken,
  createUser,
  members,
  TestCompany,
  uniqueEmail,
} from '../support/factories';
import { PATCH_OP_SCHEMA, scim } from '../support/scim-client';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from '../support/test-app';
import { eventually } from '../support/wait-for';
import { expectAccessible, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

const PUBLIC_BASE_URL = 'https://dps.example.test';

describe('console: the Provisioning API tab, snapshots, ownership and the key hand-off, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let company: TestCompany;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ env: { PUBLIC_BASE_URL } }), launchBrowser()]);
    company = await createCompany(app, 'Acme');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const openTab = async (page: Page, name: string) => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Directory integrations' }).click();
    await page.getByRole('tab', { name }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
  };
  const go = async (page: Page, link: string) => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: link }).waitFor();
  };
  const apiUsers = (key: string) => app.http.get('/api/v1/users').set(bearer(key));

  it('creates an API key shown once, shows its last use and the tab’s Last sync, and revokes it (401 at once)', async () => {
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await openTab(page, 'Provisioning API');
    await expect(page.getByLabel('API base URL', { exact: true }).inputValue()).resolves.toBe(`${PUBLIC_BASE_URL}/api/v1`);
    await expect(page.getByRole('link', { name: 'API documentation' }).getAttribute('href')).resolves.toBe('/api/docs');
    await page.getByText('No API keys yet').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Key name').fill('HR nightly sync');
    await page.getByLabel('Scope').selectOption('read-write');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = await page.getByLabel('Provisioning API key', { exact: true }).inputValue();
    expect(key).toMatch(/^dpsprov_/);
    await page.getByText('It will not be shown again').waitFor();
    await page.getByRole('cell', { name: 'HR nightly sync', exact: true }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'provisioning-api-key');

    await apiUsers(key).expect(200);
    await eventually(async () => {
      const keys = await app.http.get('/api/admin/directory-integrations/provisioning-api/keys').set(bearer(company.superAdminKey));
      expect(keys.body.items[0].lastUsedAt).not.toBeNull();
    }, 15_000);
    // Leaving the tab removes the key from the page; coming back shows its last use and the tab's Last sync.
    await page.getByRole('tab', { name: 'Okta' }).click();
    await page.getByRole('heading', { level: 2, name: 'Okta' }).waitFor();
    expect(await page.content()).not.toContain(key);
    await page.getByRole('tab', { name: 'Provisioning API' }).click();
    const row = page.getByRole('row').filter({ hasText: 'HR nightly sync' });
    await row.getByRole('cell', { name: /ago|now/ }).waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('last-sync').locator('time').waitFor();
    expect(await page.content()).not.toContain(key);
    await screenshot(page, 'provisioning-api');

    await page.getByRole('button', { name: 'Revoke HR nightly sync' }).click();
    await expectAccessible(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('status').filter({ hasText: 'was revoked' }).waitFor();
    await row.getByText('Revoked').waitFor();
    await apiUsers(key).expect(401);
  }, 120_000);

  it('shows a held snapshot with its planned changes, applies it on confirmation, and edits the source’s settings', async () => {
    const key = await createProvisioningApiKey(app, company);
    const send = async (userNames: string[]) => {
      const opened = await app.http.post('/api/v1/snapshots').set(bearer(key)).send({}).expect(201);
      await app.http
        .put(`/api/v1/snapshots/${opened.body.id}/parts/1`)
        .set(bearer(key))
        .send({ users: userNames.map((userName) => ({ userName })) })
        .expect(200);
      const committed = await app.http
        .post(`/api/v1/snapshots/${opened.body.id}/commit`)
        .set(bearer(key))
        .send({ parts: 1, users: userNames.length })
        .expect(200);
      return committed.body.state;
    };
    const userNames = ['ada', 'grace', 'alan', 'edsger'].map((name) => uniqueEmail(name));
    await expect(send(userNames)).resolves.toBe('applied');
    await expect(send(userNames.slice(0, 1))).resolves.toBe('held');

    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await openTab(page, 'Provisioning API');
    const held = page.getByRole('region', { name: /^Held snapshot of/ });
    await held.getByRole('cell', { name: userNames[3] }).waitFor();
    await expect(held.getByRole('row').filter({ hasText: userNames[1] }).textContent()).resolves.toContain('user.disable');
    await expectAccessible(page);
    await screenshot(page, 'directory-snapshots');

    await held.getByRole('button', { name: 'Confirm snapshot' }).click();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('3 users would lose access: 3 deprovisioned (disabled)');
    await expectAccessible(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Apply snapshot' }).click();
    await page.getByRole('status').filter({ hasText: 'The snapshot was applied.' }).waitFor();
    await expect(held.count()).resolves.toBe(0);
    await page.getByRole('row').filter({ hasText: company.superAdminEmail }).getByRole('cell', { name: 'applied' }).waitFor();
    const disabled = await app.http.get('/api/v1/users?state=disabled').set(bearer(key)).expect(200);
    expect(disabled.body.items.map((user: { email: string }) => user.email).sort()).toEqual(userNames.slice(1).sort());

    await page.getByLabel('Users missing from a snapshot are').selectOption('delete');
    await page.getByLabel('Hold a snapshot taking access from more than (%)').fill('25');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    const integrations = await app.http.get('/api/admin/directory-integrations/provisioning-api').set(bearer(company.superAdminKey));
    const settings = await app.http
      .get(`/api/admin/directory-sync/sources/${integrations.body.integrationId}/settings`)
      .set(bearer(company.superAdminKey))
      .expect(200);
    expect(settings.body).toMatchObject({ deprovisionAction: 'delete', maxDeletePercent: 25 });
  }, 120_000);

  it('turns adoption on and transfers a tab’s users and groups to another tab behind a confirmation naming the counts', async () => {
    const token = await createProvisioningToken(app, company, 'onelogin');
    const users = [await createUser(app, token), await createUser(app, token)];
    await createGroup(app, token, { displayName: 'Engineering', members: members(users) });
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await openTab(page, 'OneLogin');

    await page.getByLabel('Adopt unmanaged users with the same email').check();
    await page.getByRole('status').filter({ hasText: 'now adopts unmanaged users' }).waitFor();
    const tab = await app.http.get('/api/admin/directory-integrations/onelogin').set(bearer(company.superAdminKey)).expect(200);
    expect(tab.body.adoptUnmanagedUsers).toBe(true);

    await page.getByLabel('Transfer users and groups to').selectOption('pingone');
    await page.getByRole('button', { name: 'Transfer…' }).click();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('2 users and 1 group, with their memberships, move to PingOne');
    await expectAccessible(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Transfer', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Moved 2 users and 1 group to PingOne.' }).waitFor();
    await screenshot(page, 'ownership');
    const moved = await app.http.get('/api/admin/users?managedBy=pingone').set(bearer(company.superAdminKey)).expect(200);
    expect(moved.body.items.map((user: { id: string }) => user.id).sort()).toEqual(users.map((user) => user.id).sort());
  }, 120_000);

  it('shows each user’s managing source, filters users by it, and explains skipped writes in the sync log', async () => {
    const okta = await createProvisioningToken(app, company, 'okta');
    const entra = await createProvisioningToken(app, company, 'entra-id');
    const user = await createUser(app, okta);
    // Entra ID changes a user Okta manages: answered, not applied, logged as skipped.
    await scim(app, entra)
      .patch(`/Users/${user.id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { displayName: 'Not applied' } }] })
      .expect(200);
    await eventually(async () => {
      const log = await app.http.get('/api/admin/sync-log?outcome=skipped').set(bearer(company.superAdminKey)).expect(200);
      expect(log.body.items).toHaveLength(1);
    }, 15_000);

    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await go(page, 'Users');
    await page.getByLabel('Managed by').selectOption('okta');
    expect(page.url()).toContain('managedBy=okta');
    const row = page.getByRole('row').filter({ hasText: user.userName });
    await row.getByRole('link', { name: 'Okta' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(2);
    await expectAccessible(page);
    await screenshot(page, 'users-managed-by');
    await page.getByLabel('Managed by').selectOption('none');
    await page.getByText('No user matches these filters.').waitFor();
    await page.getByLabel('Managed by').selectOption('okta');
    await row.getByRole('link', { name: user.userName }).click();
    await page.getByRole('heading', { level: 1, name: user.userName }).waitFor();
    await page.getByRole('link', { name: 'Okta' }).waitFor();

    await go(page, 'Sync log');
    await page.getByLabel('Outcome').selectOption('skipped');
    await page.getByTestId('skipped-explained').waitFor();
    await page.getByRole('cell', { name: '200 skipped, not applied' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Details of entry/ }).click();
    await expect(page.getByRole('region', { name: /^Sync-log entry/ }).textContent()).resolves.toMatch(/Why skipped.*okta/i);
  }, 120_000);

  it('shows the key hand-off backlog: nothing waiting, then a waiting grant, then one failed for good with its reason', async () => {
    const initech = await createCompany(app, 'Initech');
    const token = await createProvisioningToken(app, initech, 'okta');
    const page = await openConsole(browser, app.running.url);
    await signIn(page, initech.superAdminKey);
    await go(page, 'Key hand-off');
    await page.getByText('Nothing waiting: every grant and revocation was handed over.').waitFor();
    await page.getByText('No grant or revocation has failed for good.').waitFor();
    await expectAccessible(page);

    const user = await createUser(app, token);
    await createGroup(app, token, { displayName: 'Finance', members: members([user]) });
    const backlog = () => app.http.get('/api/admin/key-grants').set(bearer(initech.superAdminKey)).expect(200);
    // On a database other suites have filled, the consumer first plans their events.
    await eventually(async () => expect((await backlog()).body.queued).toBe(1), 90_000, 250);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('key-grants-queued').filter({ hasText: /^1$/ }).waitFor();
    await page
      .locator('dd')
      .filter({ hasText: /^\d+ s, since/ })
      .waitFor();

    const internal = (path: string) => app.http.post(`/api/internal/key-grants${path}`).set(bearer(TEST_SERVICE_SECRET));
    const lease = await internal('/lease').send({ companyId: initech.companyId }).expect(200);
    expect(lease.body.tasks).toHaveLength(1);
    await internal(`/${lease.body.tasks[0].id}/fail`)
      .send({ leaseId: lease.body.leaseId, reason: 'no public key for this user', retryable: false })
      .expect(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('cell', { name: 'no public key for this user' }).waitFor();
    await page.getByRole('cell', { name: user.userName }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'key-grants');
  }, 180_000);
});
