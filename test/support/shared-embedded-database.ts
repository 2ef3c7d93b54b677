import { rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client } from 'pg';
import { freshMigratedDataDir } from './embedded-template';

/** Where the test apps of an embedded run find the one PGlite they share (set by the global setup below). */
export const SHARED_EMBEDDED_URL_VARIABLE = 'TEST_SHARED_EMBEDDED_DATABASE_URL';

interface SharedEmbeddedDatabase {
  db: PGlite;
  server: PGLiteSocketServer;
  dataDir: string;
}

const holder = globalThis as { sharedEmbeddedDatabase?: SharedEmbeddedDatabase };

/**
 * Without DATABASE_URL, the suites share one embedded PGlite for the run, as the PostgreSQL run shares one database:
 * starting and stopping a PGlite per test app cost seconds each. Tests that need a database of their own (first
 * start, restarts, the admin CLI) still pass a data directory and get the app's own embedded database.
 */
export async function startSharedEmbeddedDatabase(): Promise<void> {
  if (process.env.DATABASE_URL || holder.sharedEmbeddedDatabase) return;
  const dataDir = await freshMigratedDataDir('dps-test-shared-');
  const db = await PGlite.create({ dataDir });
  // The suites use one connection at a time (one app, pool of one), but pglite-socket frees a closed connection's
  // slot only once it has seen the socket close: spare slots let the next app connect at once.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  holder.sharedEmbeddedDatabase = { db, server, dataDir };
  process.env[SHARED_EMBEDDED_URL_VARIABLE] = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
}

export async function stopSharedEmbeddedDatabase(): Promise<void> {
  const shared = holder.sharedEmbeddedDatabase;
  if (!shared) return;
  holder.sharedEmbeddedDatabase = undefined;
  delete process.env[SHARED_EMBEDDED_URL_VARIABLE];
  await shared.server.stop();
  await shared.db.close();
  rmSync(shared.dataDir, { recursive: true, force: true });
}

/**
 * PGlite is a single backend session that outlives each client connection: what one app left in the session (its
 * role, settings, advisory locks) is cleared before the next app connects, as a new server session would be.
 */
export async function resetSharedEmbeddedSession(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DISCARD ALL');
  } finally {
    await client.end();
  }
}
