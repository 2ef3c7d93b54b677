import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const BUILT_PAGE = join(ROOT, 'dist', 'console', 'index.html');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

function builtAt(): number {
  try {
    return statSync(BUILT_PAGE).mtimeMs;
  } catch {
    return -1;
  }
}

/** `npm test` serves the console as `npm start` does: built into dist/console when missing or older than its sources. */
export default function buildConsoleIfStale(): void {
  const sources = Math.max(newestChange(join(ROOT, 'console')), statSync(join(ROOT, 'package-lock.json')).mtimeMs);
  if (builtAt() >= sources) return;
  // Jest sets NODE_ENV=test, which would give React's development build: the page is tested as it is served.
  execFileSync('npm', ['run', '--silent', 'build:console'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
