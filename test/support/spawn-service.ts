import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const PROJECT_ROOT = join(__dirname, '..', '..');

export interface SpawnedService {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs src/main.ts as its own process, the way `npm start` runs the built one. */
export function spawnService(env: Record<string, string | undefined>): SpawnedService {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(PROJECT_ROOT, 'src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the admin command line (src/cli/admin-cli.ts) the way `npm run admin --` runs the built one. */
export async function runAdminCli(args: string[], env: Record<string, string | undefined>): Promise<CommandResult> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(PROJECT_ROOT, 'src', 'cli', 'admin-cli.ts'), ...args],
    {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}

/** A service process compiles its TypeScript and migrates before it answers: allow for a loaded machine. */
export async function waitForHealthy(baseUrl: string, timeoutMs = 100_000): Promise<void> {
  const healthy = () =>
    fetch(`${baseUrl}/health`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
  await waitFor(`the service at ${baseUrl} to become healthy`, healthy, { timeoutMs, intervalMs: 200 });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
