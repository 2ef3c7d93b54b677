import type { Browser } from 'playwright-core';
import { createCompany, TestCompany } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectAccessible, launchBrowser, openConsole, screenshot, signIn } from './support/browser';

describe('console: the Active Directory tab, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let company: TestCompany;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    company = await createCompany(app, 'Acme');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** What the agent sends in a run (it is tested as a process against slapd in test/directory-connector.e2e-spec.ts). */
  async function agentRun(token: string): Promise<void> {
    const agent = (request: ReturnType<TestApp['http']['get']>) =>
      request.set(bearer(token)).set('User-Agent', 'dps-directory-connector/9.8.7');
    const snapshot = (await agent(app.http.post('/api/connector/v1/snapshots')).expect(201)).body;
    const users = [
      { userName: 'ada@acme.test', externalId: 'guid-ada' },
      { userName: 'grace@acme.test', externalId: 'guid-grace', active: false },
    ];
    await agent(app.http.put(`/api/connector/v1/snapshots/${snapshot.id}/parts/1`))
      .send({ users })
      .expect(200);
    await agent(app.http.post(`/api/connector/v1/snapshots/${snapshot.id}/commit`))
      .send({ parts: 1, users: 2 })
      .expect(200);
    const times = { startedAt: '2026-12-01T09:00:00.000Z', finishedAt: '2026-12-01T09:00:04.000Z' };
    const later = { startedAt: '2026-12-01T09:15:00.000Z', finishedAt: '2026-12-01T09:15:04.000Z' };
    await agent(app.http.post('/api/connector/v1/runs'))
      .send({ ...times, result: 'applied', users: 2, groups: 0, snapshotId: snapshot.id })
      .expect(201);
    await agent(app.http.post('/api/connector/v1/runs'))
      .send({ ...later, result: 'failed', users: 0, groups: 0, error: 'LDAP bind as cn=svc refused by ldaps://dc1: invalid credentials' })
      .expect(201);
  }

  it('issues the connector token once, then shows the agent, its last run, its errors and its snapshots', async () => {
    const page = await openConsole(browser, app.running.url);
    await signIn(page, company.superAdminKey);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Directory integrations' }).click();
    await page.getByRole('tab', { name: 'Active Directory / LDAP' }).click();
    await page.getByRole('heading', { level: 2, name: 'Active Directory / LDAP' }).waitFor();
    await page.getByText('The agent has not connected yet').waitFor();
    expect(await page.getByLabel('SCIM base URL').count()).toBe(0);

    await page.getByRole('button', { name: 'Create connector token' }).click();
    const token = await page.getByLabel('Connector token', { exact: true }).inputValue();
    expect(token).toMatch(/^dpsconn_/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have copied it' }).click();

    await agentRun(token);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const state = page.getByTestId('connector-state');
    await state.getByText('9.8.7').waitFor();
    await page
      .getByTestId('connector-last-run')
      .getByText(/failed, .*0 users, 0 groups in 4\.0 s/)
      .waitFor();
    await page.getByText('LDAP bind as cn=svc refused by ldaps://dc1: invalid credentials').waitFor();
    await page.getByRole('heading', { name: 'Directory snapshots' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'active-directory');
    expect(await page.content()).not.toContain(token);
  });
});
