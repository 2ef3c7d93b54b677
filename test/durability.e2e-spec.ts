import { rmSync } from 'node:fs';
import { freePort, SpawnedService, spawnService, waitForHealthy } from './support/spawn-service';
import { freshMigratedDataDir } from './support/embedded-template';
import { TEST_SERVICE_NAME, TEST_SERVICE_SECRET, usesEmbeddedDatabase } from './support/test-app';
import { waitFor } from './support/wait-for';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const WORKERS = 8;
/** Load runs until this many PATCHes were acknowledged, so that the stop lands mid-stream however fast the machine is. */
const ACKNOWLEDGED_BEFORE_STOP = WORKERS * 3;
const LOAD_TIMEOUT_MS = 30_000;
/** Two service processes start in each test; on a busy machine each takes tens of seconds. */
const SPAWNS_TIMEOUT_MS = 180_000;

interface Acknowledged {
  created: Set<string>;
  /** The marker each acknowledged PATCH wrote to both title and displayName. */
  patched: Map<string, string>;
}

type Json = Record<string, any>;

async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

async function call(baseUrl: string, method: string, path: string, secret: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function provisioningToken(baseUrl: string): Promise<string> {
  const company = await json(
    await call(baseUrl, 'POST', '/api/internal/companies', TEST_SERVICE_SECRET, {
      name: 'Durable',
      superAdminEmail: `owner-${Date.now()}@acme.test`,
    }),
  );
  const token = await json(await call(baseUrl, 'POST', '/api/admin/directory-integrations/generic/token', company.superAdmin.apiKey));
  return token.token;
}

/** Writers that remember what the service acknowledged, until `stop` or the first refused connection. */
async function driveWrites(baseUrl: string, token: string, stopAt: number, acknowledged: Acknowledged): Promise<void> {
  const worker = async (workerId: number): Promise<void> => {
    for (let i = 0; Date.now() < stopAt && i < 10_000; i++) {
      try {
        const created = await call(baseUrl, 'POST', '/scim/v2/Users', token, { userName: `w${workerId}-${i}-${Date.now()}@acme.test` });
        if (created.status !== 201) continue;
        const { id } = await json(created);
        acknowledged.created.add(id);
        const marker = `m-${workerId}-${i}`;
        const patched = await call(baseUrl, 'PATCH', `/scim/v2/Users/${id}`, token, {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'replace', path: 'title', value: marker },
            { op: 'replace', path: 'displayName', value: marker },
          ],
        });
        if (patched.status === 200) acknowledged.patched.set(id, marker);
      } catch {
        return; // the service went away
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, workerId) => worker(workerId)));
}

function underLoad(acknowledged: Acknowledged): Promise<void> {
  return waitFor(`${ACKNOWLEDGED_BEFORE_STOP} acknowledged PATCHes`, () => acknowledged.patched.size >= ACKNOWLEDGED_BEFORE_STOP, {
    timeoutMs: LOAD_TIMEOUT_MS,
  });
}

async function expectAcknowledgedWritesKept(baseUrl: string, token: string, acknowledged: Acknowledged): Promise<void> {
  expect(acknowledged.created.size).toBeGreaterThan(0);
  for (const id of acknowledged.created) {
    const response = await call(baseUrl, 'GET', `/scim/v2/Users/${id}`, token);
    expect(response.status).toBe(200);
    const user = await json(response);
    const marker = acknowledged.patched.get(id);
    if (marker) expect([user.title, user.displayName]).toEqual([marker, marker]);
  }
  // Each PATCH is one transaction: no user may carry one of its two changes without the other.
  const list = await json(await call(baseUrl, 'GET', '/scim/v2/Users?count=1000', token));
  for (const user of list.Resources as Json[]) expect(user.title).toBe(user.displayName);
}

async function restartAndCheck(env: Record<string, string>, baseUrl: string, token: string, acknowledged: Acknowledged): Promise<void> {
  const restarted = spawnService(env);
  try {
    await waitForHealthy(baseUrl);
    await expectAcknowledgedWritesKept(baseUrl, token, acknowledged);
  } finally {
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  }
}

async function startService(env: Record<string, string>, baseUrl: string): Promise<SpawnedService> {
  const service = spawnService(env);
  await waitForHealthy(baseUrl);
  return service;
}

/**
 * Starts the service on `port` with `env`, stops it with `stop` once it is under load, and checks after a restart
 * that every acknowledged write is there and none is half-applied.
 */
async function stopUnderLoadAndCheck(
  port: number,
  env: Record<string, string>,
  stop: (service: SpawnedService) => Promise<void>,
): Promise<void> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = await startService(env, baseUrl);
  const token = await provisioningToken(baseUrl);
  const acknowledged: Acknowledged = { created: new Set(), patched: new Map() };
  const load = driveWrites(baseUrl, token, Date.now() + LOAD_TIMEOUT_MS, acknowledged);
  await underLoad(acknowledged);
  await stop(service);
  await load;
  await restartAndCheck(env, baseUrl, token, acknowledged);
}

function serviceEnv(port: number, database: Record<string, string>): Record<string, string> {
  return { PORT: String(port), ...database, INTERNAL_API_TOKENS: `${TEST_SERVICE_NAME}:${TEST_SERVICE_SECRET}`, LOG_LEVEL: 'warn' };
}

describe('durability of acknowledged writes', () => {
  const describeRealPostgres = usesEmbeddedDatabase ? describe.skip : describe;
  const describeEmbedded = usesEmbeddedDatabase ? describe : describe.skip;

  describeRealPostgres('on PostgreSQL, when the process is killed mid-load', () => {
    it(
      'keeps every write that got a 2xx and nothing half-applied',
      async () => {
        const port = await freePort();
        await stopUnderLoadAndCheck(port, serviceEnv(port, { DATABASE_URL: process.env.DATABASE_URL! }), async (service) => {
          service.child.kill('SIGKILL');
          await service.exited;
        });
      },
      SPAWNS_TIMEOUT_MS,
    );
  });

  describeEmbedded('on the embedded database, after SIGTERM mid-load', () => {
    let dataDir: string;
    beforeEach(async () => (dataDir = await freshMigratedDataDir('dps-durable-')));
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it(
      'finishes in-flight requests, keeps every acknowledged write and nothing half-applied',
      async () => {
        const port = await freePort();
        await stopUnderLoadAndCheck(port, serviceEnv(port, { DATA_DIR: dataDir }), async (service) => {
          service.child.kill('SIGTERM');
          expect(await service.exited).toBe(0);
        });
      },
      SPAWNS_TIMEOUT_MS,
    );
  });
});
