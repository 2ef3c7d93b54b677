import { existsSync } from 'node:fs';
import { createCompany, createProvisioningToken, createUser, TestCompany, uniqueEmail } from './support/factories';
import { startPgBouncer, PGBOUNCER, RunningPgBouncer } from './support/pgbouncer';
import { PATCH_OP_SCHEMA, scim, ScimResource } from './support/scim-client';
import { bearer, startTestApp, TestApp, usesEmbeddedDatabase } from './support/test-app';
import { eventually } from './support/wait-for';

const COMPANIES = 3;
const USERS_PER_COMPANY = 12;
const ROUNDS = 25;
const IN_FLIGHT = 24;

interface Tenant {
  company: TestCompany;
  token: string;
  users: ScimResource[];
}

/** Runs every task, `inFlight` at a time. */
async function inFlight(tasks: (() => Promise<void>)[], inFlight: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

// A pooler in front of the embedded database is no setup anyone runs: it takes one connection.
const onPostgreSQL = usesEmbeddedDatabase || !existsSync(PGBOUNCER) ? describe.skip : describe;

/**
 * PgBouncer in transaction mode hands each transaction whichever server connection is free: the company scope must
 * travel with each transaction, never stay on a session (docs/operations.md, connection poolers).
 */
onPostgreSQL('behind PgBouncer in transaction mode', () => {
  let bouncer: RunningPgBouncer;
  let app: TestApp;

  beforeAll(async () => {
    bouncer = await startPgBouncer(process.env.DATABASE_URL!, 4);
    app = await startTestApp({
      env: { DATABASE_URL: bouncer.url, DATABASE_LISTEN_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: '10' },
    });
  });

  afterAll(async () => {
    await app?.close();
    await bouncer?.stop();
  });

  it('finds every company’s own users under concurrent load, never another’s, and writes every change and its log', async () => {
    const tenants: Tenant[] = [];
    for (let index = 0; index < COMPANIES; index++) {
      const company = await createCompany(app, `Pooled ${index}`);
      const token = await createProvisioningToken(app, company, 'okta');
      const users: ScimResource[] = [];
      for (let user = 0; user < USERS_PER_COMPANY; user++) users.push(await createUser(app, token, { userName: uniqueEmail(`p${index}`) }));
      tenants.push({ company, token, users });
    }

    const problems: string[] = [];
    const patches = new Map<string, number>();
    const tasks: (() => Promise<void>)[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      tenants.forEach((tenant, index) => {
        const user = tenant.users[round % USERS_PER_COMPANY];
        const foreign = tenants[(index + 1) % COMPANIES].users[round % USERS_PER_COMPANY];
        tasks.push(async () => {
          const found = await scim(app, tenant.token).get(`/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
          if (found.status !== 200 || found.body.totalResults !== 1 || found.body.Resources[0].id !== user.id) {
            problems.push(`company ${index} looking up its ${user.userName}: ${found.status} ${JSON.stringify(found.body).slice(0, 200)}`);
          }
        });
        tasks.push(async () => {
          const found = await scim(app, tenant.token).get(`/Users?filter=${encodeURIComponent(`userName eq "${foreign.userName}"`)}`);
          if (found.status !== 200 || found.body.totalResults !== 0) {
            problems.push(`company ${index} looking up another company's ${foreign.userName}: ${found.status} ${found.body.totalResults}`);
          }
        });
        tasks.push(async () => {
          const patched = await scim(app, tenant.token).patch(`/Users/${user.id}`, {
            schemas: [PATCH_OP_SCHEMA],
            Operations: [{ op: 'replace', path: 'displayName', value: `Round ${round}` }],
          });
          if (patched.status !== 200) problems.push(`company ${index} PATCH ${user.id}: ${patched.status} ${JSON.stringify(patched.body)}`);
          patches.set(tenant.company.companyId, (patches.get(tenant.company.companyId) ?? 0) + 1);
        });
      });
    }
    await inFlight(tasks, IN_FLIGHT);
    expect(problems).toEqual([]);

    // Every write's sync-log entry was written (a scope left on another session would have the policy refuse it).
    for (const tenant of tenants) {
      const expected = USERS_PER_COMPANY + (patches.get(tenant.company.companyId) ?? 0);
      await eventually(async () => {
        const page = (await app.http.get('/api/admin/sync-log?limit=200').set(bearer(tenant.company.superAdminKey)).expect(200)).body as {
          items: { status: number }[];
        };
        expect(page.items).toHaveLength(expected);
        expect(page.items.every((entry) => entry.status < 300)).toBe(true);
      });
    }
  });
});
