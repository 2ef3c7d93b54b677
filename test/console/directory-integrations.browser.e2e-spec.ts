import type { Browser, Page } from 'playwright-core';
import { createAdmin, createCompany, TestCompany } from '../support/factories';
import { scim, USER_SCHEMA } from '../support/scim-client';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { expectAccessible, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

const PUBLIC_BASE_URL = 'https://dps.example.test';
const TOKEN_SHAPE = /^dpsscim_[A-Za-z0-9_-]{43}$/;

describe('console: Directory integrations, in Chromium', () => {
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

  const lastSync = (page: Page) => page.getByTestId('last-sync').locator('time').getAttribute('datetime');
  const scimStatus = async (token: string) => (await scim(app, token).get('/Users?count=1')).status;

  it('signs in, creates the Okta token shown once, resets it (old token 401 at once) and shows Last sync move', async () => {
    const page = await openConsole(browser, app.running.url);
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    await signIn(page, company.superAdminKey);

    await page.getByRole('tab', { name: 'Okta' }).click();
    await expect(page.getByLabel('SCIM base URL', { exact: true }).inputValue()).resolves.toBe(`${PUBLIC_BASE_URL}/scim/v2`);
    await expect(page.getByTestId('policy-warning').textContent()).resolves.toContain('master password');
    await page.getByRole('button', { name: 'Create provisioning token' }).click();
    const first = await page.getByLabel('Provisioning token', { exact: true }).inputValue();
    expect(first).toMatch(TOKEN_SHAPE);
    await page.getByText('It will not be shown again').waitFor();
    await page.getByRole('button', { name: 'Copy the provisioning token' }).click();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(first);
    await expectAccessible(page);
    await screenshot(page, 'directory-integrations-token');
    expect(await scimStatus(first)).toBe(200);

    // Leaving the tab takes the token off the page.
    await page.getByRole('tab', { name: 'Microsoft Entra ID' }).click();
    await page.getByRole('tab', { name: 'Okta' }).click();
    await page.getByText('You’ve already created your provisioning token').waitFor();
    expect(await page.content()).not.toContain(first);
    expect(page.url()).not.toContain('dpsscim_');

    await page.getByRole('button', { name: 'Reset provisioning token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the Okta provisioning token?' });
    await expect(dialog.textContent()).resolves.toContain('stops working at once');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Reset token' }).click();
    const second = await page.getByLabel('Provisioning token', { exact: true }).inputValue();
    expect(second).toMatch(TOKEN_SHAPE);
    expect(second).not.toBe(first);
    expect(await scimStatus(first)).toBe(401);
    expect(await scimStatus(second)).toBe(200);

    // Last sync: the first SCIM request sets it; it moves on with later traffic (written at most every 5 s).
    await waitFor(
      'Last sync to show the SCIM traffic',
      async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return (await page.getByTestId('last-sync').locator('time').count()) === 1;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    const before = (await lastSync(page))!;
    await waitFor(
      'Last sync to move after more SCIM traffic',
      async () => {
        expect(await scimStatus(second)).toBe(200);
        await page.getByRole('button', { name: 'Refresh' }).click();
        await page.getByRole('button', { name: 'Refresh' }).isEnabled();
        return (await lastSync(page))! > before;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    await expect(page.getByTestId('last-sync').textContent()).resolves.toMatch(/ago|now/);

    // The 7-day chart counts the writes (reads are not in the sync log); a bar opens its hour's entries.
    await scim(app, second)
      .post('/Users', { schemas: [USER_SCHEMA], userName: 'ada@acme.test' })
      .expect(201);
    await scim(app, second)
      .post('/Users', { schemas: [USER_SCHEMA], userName: 'ada@acme.test' })
      .expect(409);
    const chart = page.getByRole('group', { name: '2 SCIM writes in the last 7 days, 1 failed' });
    await waitFor(
      'the chart to show both writes',
      async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return (await chart.count()) === 1;
      },
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    await expectAccessible(page);
    await screenshot(page, 'directory-integrations');
    await chart.getByRole('link', { name: /2 writes, 1 failed/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sync log' }).waitFor();
    await page.getByRole('cell', { name: 'ada@acme.test' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(2);
    expect(page.url()).toMatch(/provider=okta&since=.*&until=.*&outcome=failure/);
  });

  it('sends an admin whose key is revoked back to sign-in, saying why', async () => {
    const admin = await createAdmin(app, company, 'admin');
    const page = await openConsole(browser, app.running.url);
    await signIn(page, admin.apiKey);
    await page.getByRole('tab', { name: 'Okta' }).waitFor();
    await app.http.delete(`/api/admin/admins/${admin.id}`).set(bearer(company.superAdminKey)).expect(204);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByLabel('Admin API key').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/You were signed out: .*revoked/i);
    expect(await page.content()).not.toContain(admin.apiKey);

    await page.getByLabel('Admin API key').fill('dpsadm_not-a-real-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').last().textContent()).resolves.toMatch(/key/i);
    await page.context().close();
  });
});
