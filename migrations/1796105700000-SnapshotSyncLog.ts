import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sync log names a directory snapshot's steps: opened, a part uploaded, committed, confirmed, rejected. */
export class SnapshotSyncLog1796105700000 implements MigrationInterface {
  name = 'SnapshotSyncLog1796105700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_log" DROP CONSTRAINT "CHK_sync_log_operation"`);
    await queryRunner.query(`
      ALTER TABLE "sync_log" ADD CONSTRAINT "CHK_sync_log_operation" CHECK ("operation" IN (
        'create', 'replace', 'patch', 'delete', 'bulk',
        'snapshot_open', 'snapshot_part', 'snapshot_commit', 'snapshot_confirm', 'snapshot_reject'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "sync_log" WHERE "operation" LIKE 'snapshot_%'`);
    await queryRunner.query(`ALTER TABLE "sync_log" DROP CONSTRAINT "CHK_sync_log_operation"`);
    await queryRunner.query(
      `ALTER TABLE "sync_log" ADD CONSTRAINT "CHK_sync_log_operation" CHECK ("operation" IN ('create', 'replace', 'patch', 'delete', 'bulk'))`,
    );
  }
}
