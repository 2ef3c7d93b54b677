import { request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, TEST_SERVICE_NAME, TEST_SERVICE_SECRET, usesEmbeddedDatabase } from './support/test-app';
import { freePort, spawnService, SpawnedService, waitForHealthy } from './support/spawn-service';
import { eventually, waitFor } from './support/wait-for';

// A bound, not a measure: each worker compiles the app with ts-node first, which is slow on a busy machine.
const SPAWN_TIMEOUT_MS = 240_000;
const onPostgreSQL = usesEmbeddedDatabase ? describe.skip : describe;

interface Answer {
  status: number;
  body: string;
}

/** One request on a connection of its own, so that the cluster hands each to the next worker. */
function send(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        headers: { ...headers, Connection: 'close', ...(payload ? { 'Content-Type': 'application/json' } : {}) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('WEB_CONCURRENCY', () => {
  it(
    'is refused on the embedded database, naming the setting',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'dps-workers-'));
      try {
        const service = spawnService({ WEB_CONCURRENCY: '2', DATA_DIR: dataDir, PORT: String(await freePort()) });
        expect(await service.exited).toBe(1);
        expect(service.output()).toContain('WEB_CONCURRENCY=2 needs DATABASE_URL');
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    SPAWN_TIMEOUT_MS,
  );

  onPostgreSQL('on PostgreSQL, a busy port', () => {
    it(
      'is refused once by the primary, before any worker starts',
      async () => {
        const taken = createServer();
        await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
        try {
          const port = (taken.address() as AddressInfo).port;
          const service = spawnService({ WEB_CONCURRENCY: '2', DATABASE_URL: process.env.DATABASE_URL, PORT: String(port) });
          expect(await service.exited).toBe(1);
          expect(service.output()).toContain(`Cannot listen on 127.0.0.1:${port}: the port is already in use`);
          expect(service.output()).not.toContain('worker processes');
        } finally {
          await new Promise((resolve) => taken.close(resolve));
        }
      },
      SPAWN_TIMEOUT_MS,
    );
  });

  onPostgreSQL('on PostgreSQL', () => {
    let service: SpawnedService;
    let baseUrl: string;

    beforeAll(async () => {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      service = spawnService({
        WEB_CONCURRENCY: '2',
        DATABASE_URL: process.env.DATABASE_URL,
        PORT: String(port),
        LOG_LEVEL: 'info',
        INTERNAL_API_TOKENS: `${TEST_SERVICE_NAME}:${TEST_SERVICE_SECRET}`,
      });
      const bothListen = async (): Promise<boolean> => {
        // A cluster that stopped (a worker failed to start) will not listen: say so now, not at the timeout.
        if (service.child.exitCode !== null) throw new Error(`The service exited with ${service.child.exitCode}`);
        return (service.output().match(/listens on/g) ?? []).length === 2;
      };
      await waitFor('both workers to listen', bothListen, { timeoutMs: SPAWN_TIMEOUT_MS - 20_000, intervalMs: 200 }).catch(
        (error: Error) => {
          throw new Error(`${error.message}; the service wrote:\n${service.output()}`);
        },
      );
      await waitForHealthy(baseUrl);
    }, SPAWN_TIMEOUT_MS);

    afterAll(async () => {
      if (service && service.child.exitCode === null) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
    });

    it('serves from every worker, and a reset token is refused by all of them at once', async () => {
      const company = JSON.parse(
        (
          await send(baseUrl, 'POST', '/api/internal/companies', bearer(TEST_SERVICE_SECRET), {
            name: 'Workers',
            superAdminEmail: `w-${Date.now()}@acme.test`,
          })
        ).body,
      ) as { companyId: string; superAdmin: { apiKey: string } };
      const admin = bearer(company.superAdmin.apiKey);
      const issue = async (path: string) => (JSON.parse((await send(baseUrl, 'POST', path, admin)).body) as { token: string }).token;
      const oldToken = await issue('/api/admin/directory-integrations/okta/token');
      // Each worker remembers the token's owner (its own cache).
      for (let request = 0; request < 8; request++) {
        expect((await send(baseUrl, 'GET', '/scim/v2/ServiceProviderConfig', bearer(oldToken))).status).toBe(200);
      }
      const workers = new Set(
        service
          .output()
          .split('\n')
          .filter((line) => line.includes('/scim/v2/ServiceProviderConfig'))
          .map((line) => (JSON.parse(line) as { pid: number }).pid),
      );
      expect(workers.size).toBe(2);

      const newToken = await issue('/api/admin/directory-integrations/okta/token/reset');
      // The other worker hears of the reset by a database notice, delivered as the reset commits.
      await eventually(async () => {
        for (let request = 0; request < 4; request++) {
          expect((await send(baseUrl, 'GET', '/scim/v2/ServiceProviderConfig', bearer(oldToken))).status).toBe(401);
        }
      }, 2_000);
      for (let request = 0; request < 8; request++) {
        expect((await send(baseUrl, 'GET', '/scim/v2/ServiceProviderConfig', bearer(oldToken))).status).toBe(401);
        expect((await send(baseUrl, 'GET', '/scim/v2/ServiceProviderConfig', bearer(newToken))).status).toBe(200);
      }
    });

    it(
      'replaces a worker that dies, and the replacement serves on the same port',
      async () => {
        const [victim] = [...service.output().matchAll(/Worker (\d+) listens on/g)].map((match) => Number(match[1]));
        process.kill(victim, 'SIGKILL');
        await waitFor(
          'the replacement worker to listen',
          async () => {
            if (service.child.exitCode !== null) throw new Error(`The service exited with ${service.child.exitCode}:\n${service.output()}`);
            return (service.output().match(/listens on/g) ?? []).length === 3;
          },
          { timeoutMs: SPAWN_TIMEOUT_MS - 20_000, intervalMs: 200 },
        );
        expect(service.output()).toContain(`Worker ${victim} exited (signal SIGKILL): starting another`);
        for (let request = 0; request < 6; request++) expect((await send(baseUrl, 'GET', '/health')).status).toBe(200);
      },
      SPAWN_TIMEOUT_MS,
    );

    it('stops every worker on SIGTERM and exits 0', async () => {
      const pids = [...service.output().matchAll(/Worker (\d+) listens on/g)].map((match) => Number(match[1]));
      expect(pids).toHaveLength(3);
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(pids.filter(processExists)).toEqual([]);
    }, 90_000);
  });
});
