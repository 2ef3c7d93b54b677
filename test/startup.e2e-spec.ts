import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startApplication } from '../src/application';
import { ConfigurationError } from '../src/config/environment';
import { TENANT_ROLE } from '../src/database/company-scoped-client';
import { createCompany } from './support/factories';
import { freePort, spawnService, waitForHealthy } from './support/spawn-service';
import { freshMigratedDataDir } from './support/embedded-template';
import { bearer, startTestApp, usesEmbeddedDatabase } from './support/test-app';

// Restart and first-start behaviour concern the embedded database; .ci/run runs this suite in both modes.
const describeEmbedded = usesEmbeddedDatabase ? describe : describe.skip;
const describeRealPostgres = usesEmbeddedDatabase ? describe.skip : describe;
// A bound, not a measure: a spawned service compiles the app with ts-node first, which is slow on a busy machine.
const SPAWN_TIMEOUT_MS = 180_000;

describe('configuration', () => {
  it('refuses to start on invalid values, naming each variable', async () => {
    const attempt = startApplication({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    await expect(attempt).rejects.toThrow(/PORT="eighty"[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT="eighty"/);
    await expect(attempt).rejects.toThrow(/LOG_LEVEL="loud"/);
  });

  it('rejects malformed INTERNAL_API_TOKENS and PUBLIC_BASE_URL', async () => {
    await expect(startApplication({ INTERNAL_API_TOKENS: 'signup' })).rejects.toThrow(/INTERNAL_API_TOKENS/);
    await expect(startApplication({ PUBLIC_BASE_URL: 'not a url' })).rejects.toThrow(/PUBLIC_BASE_URL/);
  });

  it(
    'stops the process with exit code 1 and one line naming the variable',
    async () => {
      const service = spawnService({ PORT: '70000' });
      expect(await service.exited).toBe(1);
      expect(service.output()).toContain('Invalid configuration');
      expect(service.output()).toContain('PORT="70000"');
      expect(service.output().trim().split('\n')).toHaveLength(1);
    },
    SPAWN_TIMEOUT_MS,
  );
});

describe('start-up failures', () => {
  it(
    'a busy port stops the start before anything is created or printed: one line, exit 1',
    async () => {
      const blocker = createServer();
      const port = await new Promise<number>((resolve) =>
        blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
      );
      const parent = mkdtempSync(join(tmpdir(), 'dps-busy-'));
      const dataDir = join(parent, 'data');
      try {
        // No INTERNAL_API_TOKENS: a start on an empty database would create the demo company and print its key.
        const service = spawnService({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL });
        expect(await service.exited).toBe(1);
        const lines = service.output().trim().split('\n');
        expect(lines).toEqual([
          `Cannot listen on 127.0.0.1:${port}: the port is already in use. Stop the other process or set PORT to a free port.`,
        ]);
        expect(existsSync(dataDir)).toBe(false);
      } finally {
        blocker.close();
        rmSync(parent, { recursive: true, force: true });
      }
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'an unreachable database stops the start with one line naming it',
    async () => {
      const port = await freePort();
      const service = spawnService({ PORT: '0', DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${port}/nowhere` });
      expect(await service.exited).toBe(1);
      expect(service.output().trim().split('\n')).toEqual([
        `Cannot reach the database at 127.0.0.1:${port} (ECONNREFUSED): check DATABASE_URL and that PostgreSQL is running.`,
      ]);
    },
    SPAWN_TIMEOUT_MS,
  );
});

describeRealPostgres('database user', () => {
  it('refuses to start when the user cannot act as the row-level security role', async () => {
    // The schema is in place; the user may read it but was never made a member of the tenant role.
    await (await startTestApp()).close();
    const owner = new Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    const user = `dps_startup_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    try {
      await owner.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
      await owner.query(`GRANT SELECT ON schema_migrations, typeorm_metadata TO ${user}`);
      const url = new URL(process.env.DATABASE_URL!);
      url.username = user;
      url.password = password;
      const attempt = startApplication({ DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
      await expect(attempt).rejects.toThrow(`cannot switch to the role ${TENANT_ROLE}`);
    } finally {
      await owner.query(`DROP OWNED BY ${user}`).catch(() => undefined);
      await owner.query(`DROP ROLE IF EXISTS ${user}`);
      await owner.end();
    }
  }, 60_000);
});

describeEmbedded('embedded database', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await freshMigratedDataDir('dps-restart-');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data across a restart', async () => {
    const first = await startTestApp({ dataDir, keepDataDir: true });
    const company = await createCompany(first);
    await first.close();

    const second = await startTestApp({ dataDir, keepDataDir: true });
    try {
      const admins = await second.http.get('/api/admin/admins').set(bearer(company.superAdminKey)).expect(200);
      expect(admins.body.items[0].email).toBe(company.superAdminEmail);
    } finally {
      await second.close();
    }
  });

  it('creates the database and a demo company on first start and prints its key once', async () => {
    // A truly first start: an empty directory, the database created and migrated from nothing.
    const firstStartDir = mkdtempSync(join(tmpdir(), 'dps-first-start-'));
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      const first = await startTestApp({ dataDir: firstStartDir, keepDataDir: true, env: { INTERNAL_API_TOKENS: undefined } });
      const banner = printed.join('');
      const apiKey = /Admin API key:\s+(dpsadm_\S+)/.exec(banner)?.[1];
      expect(apiKey).toBeDefined();
      expect(banner).toContain('/scim/v2');
      await first.http.get('/api/admin/admins').set(bearer(apiKey!)).expect(200);
      await first.close();

      printed.length = 0;
      const second = await startTestApp({ dataDir: firstStartDir, keepDataDir: true, env: { INTERNAL_API_TOKENS: undefined } });
      expect(printed.join('')).not.toContain('dpsadm_');
      await second.http.get('/api/admin/admins').set(bearer(apiKey!)).expect(200);
      await second.close();
    } finally {
      write.mockRestore();
      rmSync(firstStartDir, { recursive: true, force: true });
    }
    // Creating a cluster and running every migration from nothing is the slowest start there is.
  }, 180_000);

  it('shuts down cleanly on SIGTERM and starts again on the same data', async () => {
    const port = await freePort();
    const env = { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const first = spawnService(env);
    await waitForHealthy(`http://127.0.0.1:${port}`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = spawnService(env);
    await waitForHealthy(`http://127.0.0.1:${port}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 240_000); // two service processes start from TypeScript, each bounded by waitForHealthy
});
