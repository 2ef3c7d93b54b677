import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import request from 'supertest';
import { RunningApplication, startApplication } from '../../src/application';
import { freshMigratedDataDir } from './embedded-template';
import { resetSharedEmbeddedSession, SHARED_EMBEDDED_URL_VARIABLE } from './shared-embedded-database';

export const TEST_SERVICE_NAME = 'test-signup';
export const TEST_SERVICE_SECRET = 'test-service-secret-0123456789abcdef';

export interface TestApp {
  running: RunningApplication;
  http: ReturnType<typeof request>;
  /** Every JSON log line the app wrote, when started with captureLogs. */
  logs: string[];
  dataDir?: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  captureLogs?: boolean;
  /** Reuse an embedded database directory (restart tests); a fresh migrated one otherwise. */
  dataDir?: string;
  keepDataDir?: boolean;
}

/** Anything with an HTTP client on the app: a TestApp, or an app a test assembled itself. */
export type HttpTarget = Pick<TestApp, 'http'>;

export function bearer(secret: string): { Authorization: string } {
  return { Authorization: `Bearer ${secret}` };
}

/** True when the suite runs on the embedded database rather than DATABASE_URL. */
export const usesEmbeddedDatabase = !process.env.DATABASE_URL;

/** Starts the real application on a free port, on DATABASE_URL or an embedded database (see databaseFor). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await databaseFor(options);
  const dataDir = database.dataDir;
  const logs: string[] = [];
  const logDestination = options.captureLogs
    ? new Writable({
        write(chunk: Buffer, _encoding, done) {
          logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      })
    : undefined;
  const running = await startApplication(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: database.poolSize,
      DATA_DIR: dataDir,
      INTERNAL_API_TOKENS: `${TEST_SERVICE_NAME}:${TEST_SERVICE_SECRET}`,
      LOG_LEVEL: options.captureLogs ? 'debug' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
      // Scheduled Google Workspace runs only where a test asks for them.
      GOOGLE_WORKSPACE_POLL_SECONDS: '0',
      ...options.env,
    },
    { logDestination },
  ).catch((error: unknown) => {
    database.release?.();
    throw error;
  });
  return {
    running,
    http: request(running.url),
    logs,
    dataDir,
    close: async () => {
      await running.close();
      database.release?.();
      if (dataDir && !options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface TestDatabase {
  url?: string;
  poolSize?: string;
  dataDir?: string;
}

/** Whether an app of this suite is using the shared embedded database now. */
let sharedInUse = false;

/**
 * DATABASE_URL; else the run's shared embedded database; else an embedded database of its own: when asked for one,
 * or for a second app running beside the first (PGlite is one session: two apps on it would share transactions).
 */
async function databaseFor(options: TestAppOptions): Promise<TestDatabase & { release?: () => void }> {
  if (!usesEmbeddedDatabase) return { url: process.env.DATABASE_URL };
  const shared = process.env[SHARED_EMBEDDED_URL_VARIABLE];
  if (shared && !options.dataDir && !sharedInUse) {
    sharedInUse = true;
    await resetSharedEmbeddedSession(shared);
    // One connection, as the app gives its own embedded database.
    return { url: shared, poolSize: '1', release: () => (sharedInUse = false) };
  }
  return { dataDir: options.dataDir ?? (await freshMigratedDataDir()) };
}
