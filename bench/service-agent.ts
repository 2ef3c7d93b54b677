import { createWriteStream, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded (`node -r`) into the service the benchmark starts; not part of the service itself.
 * - The service exits (SIGTERM to itself, its own graceful stop) when its stdin closes, so it never
 *   outlives a benchmark that died without cleaning up.
 * - With BENCH_PROFILE_DIR set, it takes commands on stdin, one JSON object a line, and answers on fd 3:
 *   `{"cmd":"start","phase":"create"}` starts a CPU profile and counts the SQL statements sent through `pg`;
 *   `{"cmd":"stop"}` writes `<phase>.cpuprofile` and answers with the statement counts of the phase.
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
const replies = profileDir ? createWriteStream('', { fd: 3 }) : null;

interface StatementStats {
  count: number;
  totalMs: number;
}

let statements: Map<string, StatementStats> | null = null;
let session: Session | null = null;
let phase = '';

function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function handle(command: { cmd: string; phase?: string }): Promise<unknown> {
  if (command.cmd === 'start') {
    phase = (command.phase ?? 'phase').replace(/[^\w.-]/g, '_');
    statements = new Map();
    session ??= new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    return { ok: true };
  }
  if (command.cmd === 'stop') {
    const { profile } = await post<{ profile: object }>('Profiler.stop');
    session!.disconnect();
    const file = join(profileDir!, `${phase}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const counted = [...(statements ?? new Map<string, StatementStats>()).entries()]
      .map(([sql, stats]) => ({ sql, ...stats }))
      .sort((a, b) => b.totalMs - a.totalMs);
    statements = null;
    return { ok: true, file, statements: counted };
  }
  return { ok: false, error: `unknown command ${command.cmd}` };
}

function countStatements(): void {
  // The same `pg` module TypeORM loads (one node_modules): wrap Client#query to count round trips.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- patches the loaded module object itself
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(this: unknown, ...args: unknown[]): unknown {
    const counting = statements;
    if (!counting) return original.apply(this, args);
    const config = args[0];
    const text = typeof config === 'string' ? config : ((config as { text?: string } | null)?.text ?? '<stream>');
    const key = normalizeSql(text);
    const started = process.hrtime.bigint();
    const done = (): void => {
      const stats = counting.get(key) ?? { count: 0, totalMs: 0 };
      stats.count++;
      stats.totalMs += Number(process.hrtime.bigint() - started) / 1e6;
      counting.set(key, stats);
    };
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (...results: unknown[]) => void;
      args[callbackIndex] = (...results: unknown[]) => {
        done();
        callback(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(done, done);
    } else {
      done();
    }
    return result;
  };
}

const normalized = new Map<string, string>();

function normalizeSql(text: string): string {
  let key = normalized.get(text);
  if (key === undefined) {
    key = text.replace(/\s+/g, ' ').replace(/\$\d+/g, '$n').trim().slice(0, 300);
    if (normalized.size < 10_000) normalized.set(text, key);
  }
  return key;
}

function watchStdin(): void {
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    if (!replies) return;
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      void handle(JSON.parse(line) as { cmd: string; phase?: string })
        .catch((error: unknown) => ({ ok: false, error: String(error) }))
        .then((reply) => replies.write(`${JSON.stringify(reply)}\n`));
    }
  });
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  // Reading stdin must not keep a stopping service alive.
  (process.stdin as unknown as { unref?: () => void }).unref?.();
}

if (profileDir) countStatements();
watchStdin();
