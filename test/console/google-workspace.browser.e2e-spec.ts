import type { Browser, Page } from 'playwright-core';
import { createCompany, TestCompany } from '../support/factories';
import {
  GoogleDirectoryStandIn,
  googleEnv,
  STAND_IN_ADMIN,
  STAND_IN_CUSTOMER_ID,
  startGoogleDirectoryStandIn,
} from '../support/google-directory-stand-in';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessible, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

describe('console: the Google Workspace tab, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let standIn: GoogleDirectoryStandIn;
  let company: TestCompany;

  beforeAll(async () => {
    standIn = await startGoogleDirectoryStandIn();
    [app, browser] = await Promise.all([startTestApp({ env: googleEnv(standIn) }), launchBrowser()]);
    company = await createCompany(app, 'Acme');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await standIn?.close();
  });

  const openTab = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Directory integrations' }).click();
    await page.getByRole('tab', { name: 'Google Workspace' }).click();
    await page.getByRole('heading', { level: 2, name: 'Google Workspace' }).waitFor();
  };

  it('uploads the key, saves the setup, tests the connection and syncs now', async () => {
    const [ada] = standIn.addUsers(3);
    standIn.addGroup('Engineering', [{ type: 'USER', id: ada.id }]);
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await openTab(page);
    await page.getByText('No key yet').waitFor();
    await expect(page.getByRole('button', { name: 'Sync now' }).isDisabled()).resolves.toBe(true);

    await page.getByLabel('Upload the key (JSON file)').setInputFiles({
      name: 'service-account.json',
      mimeType: 'application/json',
      buffer: Buffer.from(standIn.keyFile()),
    });
    await page.getByText(`Key ${standIn.keyId} of ${standIn.clientEmail} stored, encrypted.`).waitFor();
    await page.getByTestId('service-account').getByText(standIn.clientEmail).waitFor();

    await page.getByLabel('Admin to impersonate').fill(STAND_IN_ADMIN);
    await page.getByLabel('Customer id').fill(STAND_IN_CUSTOMER_ID);
    await page.getByLabel('Sync every (minutes, 0: only on demand)').fill('60');
    await page.getByRole('button', { name: 'Save setup' }).click();
    await page.getByText('Setup saved.').waitFor();

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Test connection: every check passed').waitFor();
    expect(await page.getByRole('cell', { name: 'Passed' }).count()).toBe(4);

    standIn.delegation = false;
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Test connection: the delegation check failed').waitFor();
    await page.getByRole('cell', { name: /Domain-wide delegation is not granted/ }).waitFor();
    standIn.delegation = true;

    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Sync applied: 3 users, 1 groups, 1 memberships.').waitFor();
    await page
      .getByTestId('last-run')
      .getByText(/^applied/)
      .waitFor();
    await page.getByRole('table', { name: 'Recent runs, newest first' }).getByRole('cell', { name: 'manual' }).waitFor();
    await page.getByRole('table', { name: 'Snapshots, newest first' }).getByRole('cell', { name: 'applied' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'google-workspace');
    expect(await page.content()).not.toContain('PRIVATE KEY');
  });
});
