import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCompany } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/wait-for';

const run = promisify(execFile);

/** The shell block between the README's walkthrough markers, exactly as a reader copies it. */
function readmeWalkthrough(): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no walkthrough block between its markers');
  return block[1];
}

describe('README walkthrough', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('runs from the admin key to a provisioned user and its sync-log entry', async () => {
    const company = await createCompany(app);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', readmeWalkthrough()], {
      env: { ...process.env, BASE: app.running.url, ADMIN_KEY: company.superAdminKey },
    });

    expect(stdout).toContain('"scimBaseUrl"');
    expect(stdout).toContain('"userName":"ada@example.com"');

    const users = await app.http.get('/api/admin/users?q=ada@example.com').set(bearer(company.superAdminKey));
    expect(users.body.items).toEqual([expect.objectContaining({ userName: 'ada@example.com', state: 'provisioned' })]);

    // The sync log is written just after the response, so the script's last call may have come before it.
    await eventually(async () => {
      const log = await app.http.get('/api/admin/sync-log?provider=okta').set(bearer(company.superAdminKey));
      expect(JSON.stringify(log.body)).toMatch(/"operation":"create".*"status":201/);
    });
  });
});
