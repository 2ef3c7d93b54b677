import { Client } from 'pg';
import { freePort, SpawnedService, spawnService, waitForHealthy } from './support/spawn-service';
import { PATCH_OP_SCHEMA, USER_SCHEMA } from './support/scim-client';
import { TEST_SERVICE_NAME, TEST_SERVICE_SECRET, usesEmbeddedDatabase } from './support/test-app';
import { eventually, waitFor } from './support/wait-for';

const WORKERS = 8;
/** Load runs until this many changes were acknowledged, so that the kill lands mid-stream however fast the machine is. */
const ACKNOWLEDGED_BEFORE_KILL = WORKERS * 6;
const LOAD_TIMEOUT_MS = 30_000;
const SPAWNS_TIMEOUT_MS = 180_000;

type Json = Record<string, any>;

interface Acknowledged {
  created: Set<string>;
  /** The displayName each acknowledged PATCH set, per user, in the order acknowledged. */
  renamed: Map<string, string[]>;
  count(): number;
}

async function call(baseUrl: string, method: string, path: string, secret: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** SCIM creates and renames from concurrent workers, remembering what got a 2xx, until the service goes away. */
async function driveChanges(baseUrl: string, token: string, acknowledged: Acknowledged): Promise<void> {
  const stopAt = Date.now() + LOAD_TIMEOUT_MS;
  const worker = async (workerId: number): Promise<void> => {
    for (let i = 0; Date.now() < stopAt; i++) {
      try {
        const userName = `e${workerId}-${i}-${Date.now()}@acme.test`;
        const created = await call(baseUrl, 'POST', '/scim/v2/Users', token, { schemas: [USER_SCHEMA], userName });
        if (created.status !== 201) continue;
        const { id } = (await created.json()) as Json;
        acknowledged.created.add(id);
        for (let n = 0; n < 2; n++) {
          const name = `n-${workerId}-${i}-${n}`;
          const patched = await call(baseUrl, 'PATCH', `/scim/v2/Users/${id}`, token, {
            schemas: [PATCH_OP_SCHEMA],
            Operations: [{ op: 'replace', path: 'displayName', value: name }],
          });
          if (patched.status === 200) acknowledged.renamed.set(id, [...(acknowledged.renamed.get(id) ?? []), name]);
        }
      } catch {
        return; // the service went away
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, workerId) => worker(workerId)));
}

/** Every event of the feed after `after`, through the service's HTTP API. */
async function readFeed(baseUrl: string, after: string, companyId?: string): Promise<Json[]> {
  const path = companyId ? `/api/internal/companies/${companyId}/events` : '/api/internal/events';
  const events: Json[] = [];
  for (let cursor = after; ;) {
    const response = await call(baseUrl, 'GET', `${path}?after=${cursor}&limit=1000`, TEST_SERVICE_SECRET);
    expect(response.status).toBe(200);
    const page = (await response.json()) as Json;
    if (page.events.length === 0) return events;
    events.push(...page.events);
    cursor = page.nextCursor;
  }
}

const describeRealPostgres = usesEmbeddedDatabase ? describe.skip : describe;

describeRealPostgres('change events when the process is killed mid-load, on PostgreSQL', () => {
  let database: Client;
  let service: SpawnedService | undefined;

  beforeAll(async () => {
    database = new Client({ connectionString: process.env.DATABASE_URL });
    await database.connect();
  });
  afterAll(async () => {
    await database.end();
  });
  afterEach(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
  });

  it(
    'keeps exactly one event for every acknowledged change, none without its change, and numbers them without a gap',
    async () => {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const env = {
        PORT: String(port),
        DATABASE_URL: process.env.DATABASE_URL!,
        INTERNAL_API_TOKENS: `${TEST_SERVICE_NAME}:${TEST_SERVICE_SECRET}`,
        LOG_LEVEL: 'warn',
      };
      service = spawnService(env);
      await waitForHealthy(baseUrl);
      const company = (await (
        await call(baseUrl, 'POST', '/api/internal/companies', TEST_SERVICE_SECRET, {
          name: 'Killed',
          superAdminEmail: `owner-${Date.now()}@acme.test`,
        })
      ).json()) as Json;
      const companyId: string = company.companyId;
      const token = (
        (await (await call(baseUrl, 'POST', '/api/admin/directory-integrations/okta/token', company.superAdmin.apiKey)).json()) as Json
      ).token as string;
      const start: string = (await database.query(`SELECT coalesce(max(position), 0)::text AS last FROM change_events`)).rows[0].last;

      const acknowledged: Acknowledged = {
        created: new Set(),
        renamed: new Map(),
        count: () => acknowledged.created.size + [...acknowledged.renamed.values()].reduce((sum, names) => sum + names.length, 0),
      };
      const load = driveChanges(baseUrl, token, acknowledged);
      await waitFor(`${ACKNOWLEDGED_BEFORE_KILL} acknowledged changes`, () => acknowledged.count() >= ACKNOWLEDGED_BEFORE_KILL, {
        timeoutMs: LOAD_TIMEOUT_MS,
      });
      service.child.kill('SIGKILL');
      await service.exited;
      await load;

      service = spawnService(env);
      await waitForHealthy(baseUrl);
      // The restarted sequencer numbers what the killed one left unnumbered.
      await eventually(async () => {
        const { rows } = await database.query(`SELECT count(*)::int AS pending FROM change_events WHERE position IS NULL`);
        expect(rows[0].pending).toBe(0);
      }, 30_000);
      const events = await readFeed(baseUrl, '0', companyId);

      expect(events.map((event) => Number(event.sequence))).toEqual(events.map((_, index) => index + 1));
      const stored = await database.query(`SELECT count(*)::int AS count FROM change_events WHERE company_id = $1`, [companyId]);
      expect(events).toHaveLength(stored.rows[0].count);
      const all = await readFeed(baseUrl, start);
      expect(all.map((event) => BigInt(event.position))).toEqual(all.map((_, index) => BigInt(start) + BigInt(index + 1)));
      expect(all.filter((event) => event.companyId === companyId)).toEqual(events);

      const created = events.filter((event) => event.type === 'user.created').map((event) => event.subject.id as string);
      const renames = events.filter((event) => event.type === 'user.updated');
      expect(events.length).toBe(created.length + renames.length);
      expect(new Set(created).size).toBe(created.length);
      for (const id of acknowledged.created) expect(created).toContain(id);
      const renamedTo = (id: string) =>
        renames.filter((event) => event.subject.id === id).map((event) => event.data.changes.displayName.after);
      for (const [id, names] of acknowledged.renamed) expect(renamedTo(id).slice(0, names.length)).toEqual(names);

      // No event without its change: each user of an event exists, with the name of the last rename event.
      const users = await database.query(`SELECT id::text AS id, display_name FROM user_accounts WHERE company_id = $1`, [companyId]);
      const nameOf = new Map<string, string | null>(users.rows.map((row: Json) => [row.id, row.display_name]));
      expect([...nameOf.keys()].sort()).toEqual([...created].sort());
      for (const id of created) expect(nameOf.get(id)).toBe(renamedTo(id).at(-1) ?? null);
    },
    SPAWNS_TIMEOUT_MS,
  );
});
