import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const AGENT = join(__dirname, '..', '..', 'dist', 'connector', 'main.js');

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Writes a connector configuration file (YAML) in a fresh temporary directory; returns its path. */
export function writeAgentConfig(config: object): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dps-connector-')), 'connector.yaml');
  writeFileSync(path, stringify(config));
  return path;
}

/** Runs the built agent (`npm run build` makes dist/connector/main.js) as its own process, to its end. */
export async function runAgent(args: string[], env: Record<string, string>): Promise<AgentRun> {
  if (!existsSync(AGENT)) throw new Error(`${AGENT} is missing: run npm run build first`);
  const child = spawn(process.execPath, [AGENT, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}
