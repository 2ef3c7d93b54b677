import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCompany, createProvisioningApiKey, TestCompany, uniqueEmail } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

const SCRIPT = join(__dirname, '..', 'docs', 'examples', 'provision.mjs');
const run = promisify(execFile);

/** The customer script of docs/examples, run as a customer would run it, against the real app. */
describe('docs/examples/provision.mjs', () => {
  let app: TestApp;
  let company: TestCompany;
  let key: string;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    company = await createCompany(app);
    key = await createProvisioningApiKey(app, company);
    dir = mkdtempSync(join(tmpdir(), 'dps-script-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  const provision = async (csv: string, group: string) => {
    const file = join(dir, 'people.csv');
    writeFileSync(file, csv);
    return run(process.execPath, [SCRIPT, file, group], {
      env: { ...process.env, DPS_BASE_URL: app.running.url, DPS_API_KEY: key },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  };
  const api = (path: string) => app.http.get(`/api/v1${path}`).set(bearer(key)).expect(200);

  it('provisions the people of a CSV and their group, and changes nothing when run again', async () => {
    const [ada, bob] = [uniqueEmail('ada'), uniqueEmail('bob')];
    const csv = `email,givenName,familyName,active\n${ada},Ada,Lovelace,\n${bob},Bob,Byte,false\n`;
    const first = await provision(csv, 'All staff');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`${ada}: created`);
    expect(first.stdout).toContain('All staff: 1 members');

    const users = (await api('/users?limit=200')).body.items as { id: string; email: string; state: string; givenName: string }[];
    const byEmail = new Map(users.map((user) => [user.email, user]));
    expect(byEmail.get(ada)).toMatchObject({ givenName: 'Ada', state: 'provisioned' });
    expect(byEmail.get(bob)).toMatchObject({ state: 'disabled' });
    const [group] = (await api('/groups?q=All%20staff')).body.items;
    expect((await api(`/groups/${group.id}/members`)).body.items.map((member: { id: string }) => member.id)).toEqual([
      byEmail.get(ada)!.id,
    ]);

    const again = await provision(csv, 'All staff');
    expect(again.code).toBe(0);
    expect((await api('/users?limit=200')).body.items).toHaveLength(2);
    expect((await api('/groups')).body.items).toHaveLength(1);

    const changed = await provision(`${csv}not-an-email,X,Y,\n`, 'All staff');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`${ada}: unchanged`);
    expect(changed.stderr).toContain('not-an-email');
  });
});
