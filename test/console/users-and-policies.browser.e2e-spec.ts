import type { Browser, Page } from 'playwright-core';
import { createCompany, createGroup, createProvisioningToken, createUser, members, TestCompany } from '../support/factories';
import { PATCH_OP_SCHEMA, scim } from '../support/scim-client';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';
import { eventually, waitFor } from '../support/wait-for';
import { expectAccessible, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

describe('console: users, policies, the logs and webhooks, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let company: TestCompany;
  let token: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [app, browser, receiver] = await Promise.all([
      startTestApp({ env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } }),
      launchBrowser(),
      startWebhookReceiver(),
    ]);
    company = await createCompany(app, 'Acme');
    token = await createProvisioningToken(app, company, 'okta');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
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
    await page.getByRole('link', { name: 'Okta' }).waitFor();
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

  it('adds a webhook endpoint whose secret is shown once and signs the test event, and shows its delivery log', async () => {
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await go(page, 'Webhooks');
    await page.getByText('No endpoints yet.').waitFor();
    await page.getByLabel('Endpoint URL').fill(`${receiver.url}/directory`);
    await page.getByLabel('user.disabled').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = await page.getByLabel('Signing secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('cell', { name: `${receiver.url}/directory`, exact: true }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'webhooks');

    await page.getByRole('button', { name: `Send test to ${receiver.url}/directory` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Test event to .*: succeeded/ })
      .waitFor();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.verifies(receiver.received[0], secret)).toBe(true);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.content()).not.toContain(secret);

    const user = await createUser(app, token);
    await scim(app, token)
      .patch(`/Users/${user.id}`, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { active: false } }] })
      .expect(200);
    await waitFor('the user.disabled event to be delivered', () => receiver.received.length === 2, { timeoutMs: 15_000 });
    expect(receiver.received[1].event).toMatchObject({ type: 'user.disabled', subject: { id: user.id } });
    // The delivery log is written in batches after the send.
    const endpoints = (await app.http.get('/api/admin/webhooks').set(bearer(company.superAdminKey)).expect(200)).body.items;
    await eventually(async () => {
      const log = await app.http.get(`/api/admin/webhooks/${endpoints[0].id}/deliveries`).set(bearer(company.superAdminKey)).expect(200);
      expect(log.body.items.map((delivery: any) => delivery.eventType)).toContain('user.disabled');
    }, 15_000);

    await page.getByRole('link', { name: `${receiver.url}/directory` }).click();
    await page.getByRole('cell', { name: 'webhook.test (test, attempt 1)' }).waitFor();
    await page.getByRole('cell', { name: 'user.disabled (automatic, attempt 1)' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Redeliver user\.disabled/ }).click();
    await page.getByRole('status').filter({ hasText: 'Sent again: succeeded' }).waitFor();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2].headers['webhook-id']).toBe(receiver.received[1].headers['webhook-id']);
    await screenshot(page, 'webhook-deliveries');
  });
});
