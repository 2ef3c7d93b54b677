import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import request from 'supertest';
import { RunningApplication, startApplication } from '../../src/application';
import { freshMigratedDataDir } from './embedded-template';

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

/** Starts the real application on a free port: DATABASE_URL when set, else a fresh embedded database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = usesEmbeddedDatabase ? (options.dataDir ?? (await freshMigratedDataDir())) : undefined;
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
      DATABASE_URL: process.env.DATABASE_URL,
      DATA_DIR: dataDir,
      INTERNAL_API_TOKENS: `${TEST_SERVICE_NAME}:${TEST_SERVICE_SECRET}`,
      LOG_LEVEL: options.captureLogs ? 'debug' : 'silent',
      ...options.env,
    },
    { logDestination },
  );
  return {
    running,
    http: request(running.url),
    logs,
    dataDir,
    close: async () => {
      await running.close();
      if (dataDir && !options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
