import { DataSource, MigrationExecutor } from 'typeorm';

// Any fixed 64-bit number: serialises migration runs when several instances start at once.
const MIGRATION_LOCK_KEY = 7_301_554_218;

/**
 * Applies pending migrations, one instance at a time, all in one transaction that holds a transaction-level advisory
 * lock: nothing is left on a session, so this also works through a pooler in transaction mode (a session lock taken
 * there could stay on a pooled server connection and block every later start), and a failed run changes nothing.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      await executor.executePendingMigrations();
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
