import { MigrationInterface, QueryRunner } from 'typeorm';

/** The console's 7-day activity chart reads a company's recent sync-log entries by time, not its whole history. */
export class SyncLogActivityIndex1796105585809 implements MigrationInterface {
  name = 'SyncLogActivityIndex1796105585809';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_sync_log_activity" ON "sync_log" ("company_id", "occurred_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_sync_log_activity"`);
  }
}
