import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EmbeddedDatabaseLock } from './embedded-database-lock';

/**
 * PostgreSQL in-process: PGlite persisted under a directory, served on loopback
 * through pglite-socket so the app talks to it with the same `pg` driver as to a real server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: EmbeddedDatabaseLock,
    readonly url: string,
  ) {}

  /**
   * One client connection at a time: PGlite is a single backend session, and pglite-socket queues
   * protocol messages one by one, so two connections' extended-protocol messages would interleave.
   */
  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const lock = EmbeddedDatabaseLock.acquire(dataDir);
    let db: PGlite | undefined;
    try {
      db = await PGlite.create({ dataDir });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
      return new EmbeddedPostgres(db, server, lock, url);
    } catch (error) {
      await db?.close();
      lock.release();
      throw error;
    }
  }

  /** Stops accepting connections and closes the database so its files are left consistent. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    this.lock.release();
  }
}
