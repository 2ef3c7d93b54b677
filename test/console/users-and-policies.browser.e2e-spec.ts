import type { Browser, Page } from 'playwright-core';
import { createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany } from '../support/factories';
import { scim } from '../support/scim-client';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually } from '../support/wait-for';
import { expectAccessible, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

describe('console: users, policies and the logs, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let company: TestCompany;
  let token: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    company = await createCompany(app, 'Acme');
    token = await createProvisioningToken(app, company, 'okta');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const go = async (page: Page, link: string) => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: link }).waitFor();
  };

  it('disables a SCIM-provisioned user from the page (SCIM then reads it inactive) and shows a refused reset’s reason', async () => {
    const user = await createUser(app, token, { displayName: 'Ada Lovelace' });
    const group = await createGroup(app, token, { displayName: 'Engineering', members: members([user]) });
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);

    await go(page, 'Users');
    await page.getByRole('searchbox', { name: 'Search' }).fill(user.userName);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: user.userName }).waitFor();
    expect(page.url()).toContain(`q=${encodeURIComponent(user.userName)}`);
    await expectAccessible(page);
    await screenshot(page, 'users');
    await page.getByRole('link', { name: user.userName }).click();
    await page.getByRole('heading', { level: 1, name: user.userName }).waitFor();
    await page.getByRole('link', { name: 'okta' }).waitFor();
    await page.getByRole('link', { name: 'Engineering' }).waitFor();

    await page.getByRole('button', { name: 'Disable' }).click();
    await expectAccessible(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('status').filter({ hasText: 'the user was disabled' }).waitFor();
    await page.locator('.state').filter({ hasText: 'Disabled' }).waitFor();
    await eventually(async () => {
      const read = await scim(app, token).get(`/Users/${user.id}`).expect(200);
      expect(read.body.active).toBe(false);
    });
    await screenshot(page, 'user-detail');

    // The reset is refused (policy off, user disabled): the page says why, in the service's words.
    await page.getByRole('button', { name: 'Reset master password' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Request reset' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/polic|disabled/i);

    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable user' }).click();
    await page.getByRole('status').filter({ hasText: 'the user was enabled' }).waitFor();
    await eventually(async () => expect((await scim(app, token).get(`/Users/${user.id}`).expect(200)).body.active).toBe(true));

    await page.getByRole('link', { name: 'Engineering' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engineering' }).waitFor();
    await page.getByRole('link', { name: user.userName }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'group-members');
    await go(page, 'Groups');
    await page.getByRole('link', { name: group.displayName }).waitFor();
    await screenshot(page, 'groups');
  });

  it('shows the master-password-reset warning on the tab until a super admin holds the policy, and again when it is off', async () => {
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    const warning = page.getByTestId('policy-warning');
    await page.getByRole('tab', { name: 'Okta' }).click();
    await warning.waitFor();

    await go(page, 'Policies');
    await page.getByLabel('Permit super admins to reset master passwords').check();
    await page.getByLabel(company.superAdminEmail).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Policy saved' }).waitFor();
    await screenshot(page, 'policies');

    await go(page, 'Directory integrations');
    await page.getByRole('tab', { name: 'Okta', selected: true }).waitFor();
    await page.getByText('You’ve already created your provisioning token').waitFor();
    await expect(warning.count()).resolves.toBe(0);

    await go(page, 'Policies');
    await page.getByLabel('Permit super admins to reset master passwords').uncheck();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Policy saved' }).waitFor();
    await go(page, 'Directory integrations');
    await warning.waitFor();
  });

  it('lists the sync log with filters and an entry’s detail, the audit log, and admins with a new key shown once', async () => {
    await scim(app, token)
      .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'not an email', active: 'maybe' })
      .expect(400);
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);

    await go(page, 'Sync log');
    await page.getByLabel('Outcome').selectOption('failure');
    await page
      .getByRole('cell', { name: /^400 failure/ })
      .first()
      .waitFor();
    expect(page.url()).toContain('outcome=failure');
    await expectAccessible(page);
    await page
      .getByRole('button', { name: /^Details of entry/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Sync-log entry/ }).waitFor();
    await screenshot(page, 'sync-log');

    await go(page, 'Audit log');
    await page.getByRole('cell', { name: 'user.disable' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'audit-log');

    await go(page, 'Admins');
    await page.getByLabel('Email').fill('helpdesk@acme.test');
    await page.getByRole('button', { name: 'Add admin' }).click();
    const key = await page.getByLabel('Admin API key', { exact: true }).inputValue();
    expect(key).toMatch(/^dpsadm_/);
    await page.getByRole('cell', { name: 'helpdesk@acme.test', exact: true }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admins');
    await go(page, 'Users');
    expect(await page.content()).not.toContain(key);
  });
});
