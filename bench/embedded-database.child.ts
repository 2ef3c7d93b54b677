import { mkdirSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded database of a benchmark run, in its own process: PGlite served on loopback through
 * pglite-socket, as src/database/embedded-postgres.ts does in the service, except that it accepts one
 * connection more than the service's pool so that the raw baseline reaches the very same database.
 * Neither the load generator nor the service shares its event loop. Prints `{"url": ...}` once
 * listening; exits when stdin closes (also when the benchmark was killed) or on SIGTERM, and then
 * removes the benchmark's temporary directory.
 */
async function main(): Promise<void> {
  const [dataDir, maxConnections, removeOnExit] = process.argv.slice(2);
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: Number(maxConnections) });
  await server.start();
  process.stdout.write(`${JSON.stringify({ url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable` })}\n`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.close();
    if (removeOnExit) rmSync(removeOnExit, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
