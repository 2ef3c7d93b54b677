import { rmSync } from 'node:fs';
import { uniqueEmail } from './support/factories';
import { runAdminCli } from './support/spawn-service';
import { freshMigratedDataDir } from './support/embedded-template';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp, usesEmbeddedDatabase } from './support/test-app';

const KEY = /^ {2}(dpsadm_[A-Za-z0-9_-]{43})$/m;

/** `npm run admin -- issue-key`: a lost admin key recovered on the server. */
describe('admin command line: issue-key', () => {
  let dataDir: string | undefined;
  let app: TestApp;
  const cliEnv = () => ({ DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = usesEmbeddedDatabase ? await freshMigratedDataDir('dps-cli-') : undefined;
  });
  afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

  const startApp = async () => (app = await startTestApp({ dataDir, keepDataDir: true }));
  /** The embedded database serves one process: the service stops while the command runs. */
  const stopAppIfEmbedded = async () => usesEmbeddedDatabase && (await app.close());
  const startAppIfEmbedded = async () => usesEmbeddedDatabase && (await startApp());

  it('issues a new key for an admin; names the companies when the email is ambiguous; revokes others on request', async () => {
    await startApp();
    const email = uniqueEmail('lost');
    const companies = [];
    for (const name of ['First', 'Second']) {
      const created = await app.http
        .post('/api/internal/companies')
        .set(bearer(TEST_SERVICE_SECRET))
        .send({ name, superAdminEmail: email })
        .expect(201);
      companies.push({ id: created.body.companyId, adminId: created.body.superAdmin.id, key: created.body.superAdmin.apiKey });
    }
    await stopAppIfEmbedded();

    const ambiguous = await runAdminCli(['issue-key', '--email', email.toUpperCase()], cliEnv());
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain(companies[0].id);
    expect(ambiguous.stderr).toContain(companies[1].id);
    expect(ambiguous.stderr).toContain('--company');
    expect(ambiguous.stdout).not.toContain('dpsadm_');

    const unknown = await runAdminCli(['issue-key', '--email', uniqueEmail('nobody')], cliEnv());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No active admin with email/);

    const usage = await runAdminCli(['issue-key'], cliEnv());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run admin -- issue-key');

    const issued = await runAdminCli(['issue-key', '--email', email, '--company', companies[1].id], cliEnv());
    expect(issued.code).toBe(0);
    const newKey = KEY.exec(issued.stdout)?.[1];
    expect(newKey).toBeDefined();
    expect(issued.stdout).toContain('Second');

    await startAppIfEmbedded();
    const admins = await app.http.get('/api/admin/admins').set(bearer(newKey!)).expect(200);
    expect(admins.body.items.map((admin: { id: string }) => admin.id)).toContain(companies[1].adminId);
    await app.http.get('/api/admin/admins').set(bearer(companies[1].key)).expect(200);
    const audit = await app.http.get('/api/admin/audit-log').set(bearer(newKey!)).expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ actorType: 'system', actorId: 'cli', action: 'admin.key_issued', targetId: companies[1].adminId }),
    );
    expect(JSON.stringify(audit.body)).not.toContain(newKey);
    await stopAppIfEmbedded();

    const replacing = await runAdminCli(['issue-key', '--email', email, '--company', companies[1].id, '--revoke-others'], cliEnv());
    expect(replacing.code).toBe(0);
    expect(replacing.stdout).toContain('Other keys of this admin revoked: 2.');
    const onlyKey = KEY.exec(replacing.stdout)![1];

    await startAppIfEmbedded();
    try {
      await app.http.get('/api/admin/admins').set(bearer(onlyKey)).expect(200);
      for (const revoked of [newKey!, companies[1].key]) {
        const refused = await app.http.get('/api/admin/admins').set(bearer(revoked)).expect(401);
        expect(refused.body.code).toBe('revoked_credential');
      }
      // The other company's admin with the same email is untouched.
      await app.http.get('/api/admin/admins').set(bearer(companies[0].key)).expect(200);

      if (usesEmbeddedDatabase) {
        const refused = await runAdminCli(['issue-key', '--email', email, '--company', companies[0].id], cliEnv());
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/embedded database in .* is in use by process \d+.*stop it first/);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      }
    } finally {
      await app.close();
    }
  }, 300_000);
});
