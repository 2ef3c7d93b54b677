/**
 * The directory connector's measurement (docs/directory-connector.md): 10,000 AD-like users in Debian's slapd, the
 * built service (`node dist/src/main.js`) on DATABASE_URL, and the built agent run as a process: the first sync (every
 * user created), then a run with nothing to change. Needs `npm run build` first; run with
 * `DATABASE_URL=postgresql://… npm run bench:connector`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { runAgent, writeAgentConfig } from '../test/support/connector-agent';
import { adDirectoryLdif, GROUPS, PEOPLE, range } from '../test/support/ldap-fixture';
import { CONNECTOR_DN, CONNECTOR_PASSWORD, startSlapd } from '../test/support/slapd-server';

const PROJECT_ROOT = resolve(__dirname, '..');
const USERS = Number(process.env.CONNECTOR_BENCH_USERS ?? 10_000);
const GROUP_SIZE = 200;

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL to a PostgreSQL database the service may migrate');
  const groupCount = Math.ceil(USERS / GROUP_SIZE);
  const groups = range(0, groupCount).map((group) => ({
    name: `Team${group}`,
    users: range(group * GROUP_SIZE, Math.min(USERS, (group + 1) * GROUP_SIZE)),
    // Every tenth team holds the next one: nested groups the agent expands.
    groups: group % 10 === 0 && group + 1 < groupCount ? [`Team${group + 1}`] : [],
  }));
  const seeding = Date.now();
  const slapd = await startSlapd({
    sizeLimit: 1000,
    seed: adDirectoryLdif(
      range(0, USERS).map((index) => ({ index })),
      groups,
    ),
  });
  report(`slapd seeded with ${USERS} users and ${groupCount} groups in ${seconds(Date.now() - seeding)}`);
  const port = await freePort();
  const internalToken = randomBytes(24).toString('hex');
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = spawn(process.execPath, [resolve(PROJECT_ROOT, 'dist', 'src', 'main.js')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      DATABASE_URL: databaseUrl,
      INTERNAL_API_TOKENS: `bench:${internalToken}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUntilReady(baseUrl, service);
    const company = await post(baseUrl, '/api/internal/companies', internalToken, {
      name: 'Connector bench',
      superAdminEmail: `owner.${port}@bench.test`,
    });
    const adminKey = (company as { superAdmin: { apiKey: string } }).superAdmin.apiKey;
    const token = ((await post(baseUrl, '/api/admin/directory-integrations/active-directory/token', adminKey)) as { token: string }).token;
    const config = writeAgentConfig({
      service: { url: baseUrl, token: { env: 'DPS_CONNECTOR_TOKEN' } },
      ldap: { urls: [slapd.url], bindDn: CONNECTOR_DN, bindPassword: { env: 'LDAP_BIND_PASSWORD' }, pageSize: 1000 },
      users: { baseDns: [PEOPLE], filter: '(objectClass=inetOrgPerson)' },
      groups: { baseDns: [GROUPS], filter: '(objectClass=groupOfNames)' },
      mapping: { userName: 'mail', externalId: 'objectGUID' },
    });
    for (const label of ['first sync (every user created)', 'second sync (nothing to change)']) {
      const started = Date.now();
      const run = await runAgent(['--config', config, '--once'], { DPS_CONNECTOR_TOKEN: token, LDAP_BIND_PASSWORD: CONNECTOR_PASSWORD });
      if (run.code !== 0) throw new Error(`the agent failed:\n${run.stderr}`);
      report(`${label}: ${seconds(Date.now() - started)} for ${USERS} users`);
      process.stderr.write(run.stderr);
    }
  } finally {
    service.kill('SIGTERM');
    await slapd.destroy();
  }
}

async function post(baseUrl: string, path: string, credential: string, body?: object): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function waitUntilReady(baseUrl: string, service: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (service.exitCode !== null) throw new Error(`the service exited with ${service.exitCode}`);
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error('the service did not become ready in 120 s');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function report(line: string): void {
  process.stdout.write(`[connector bench] ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
