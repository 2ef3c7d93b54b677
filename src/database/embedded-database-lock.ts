import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'dps.lock';

export class EmbeddedDatabaseInUseError extends Error {
  override readonly name = 'EmbeddedDatabaseInUseError';
}

/**
 * PGlite is a single-process database: two processes on one directory would corrupt it. The lock file
 * holds the owner's pid; a lock whose process is gone (killed) is taken over.
 */
export class EmbeddedDatabaseLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): EmbeddedDatabaseLock {
    const path = join(dataDir, LOCK_FILE);
    for (;;) {
      try {
        writeFileSync(path, String(process.pid), { flag: 'wx' });
        return new EmbeddedDatabaseLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number(readFileSync(path, 'utf8'));
      if (isRunning(owner)) {
        throw new EmbeddedDatabaseInUseError(
          `The embedded database in ${dataDir} is in use by process ${owner} (a running service or admin command): stop it first, or use DATABASE_URL.`,
        );
      }
      rmSync(path, { force: true });
    }
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
