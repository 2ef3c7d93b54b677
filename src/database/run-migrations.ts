import { DataSource, MigrationExecutor } from 'typeorm';

// Any fixed 64-bit number: serialises migration runs when several instances start at once.
const MIGRATION_LOCK_KEY = 7_301_554_218;

/**
 * Applies pending migrations, one instance at a time, each migration in its own transaction.
 * Lock and migrations share one connection, so this also works with a pool of one.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
