import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the retention purges need: the time a user was deleted and whether its personal data is gone yet, and
 * indexes that find old rows across companies without reading whole tables. The audit log's target index lets
 * a user's purge find the entries that name it.
 */
export class Retention1795594360000 implements MigrationInterface {
  name = 'Retention1795594360000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_accounts" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "user_accounts" ADD "personal_data_purged_at" TIMESTAMP WITH TIME ZONE`);
    // A deleted user changes no more: its last update is its deletion.
    await queryRunner.query(`UPDATE "user_accounts" SET "deleted_at" = "updated_at" WHERE "state" = 'deleted'`);
    // Whoever moves a user to 'deleted' (a service, a script), the time is kept: without it retention would never come.
    await queryRunner.query(`
      CREATE FUNCTION "user_accounts_stamp_deletion"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.deleted_at := now();
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "TRG_user_accounts_stamp_deletion" BEFORE INSERT OR UPDATE OF "state" ON "user_accounts"
        FOR EACH ROW WHEN (NEW.state = 'deleted' AND NEW.deleted_at IS NULL)
        EXECUTE FUNCTION "user_accounts_stamp_deletion"()`);
    await queryRunner.query(
      `ALTER TABLE "user_accounts" ADD CONSTRAINT "CHK_user_accounts_deleted_at" CHECK ("state" <> 'deleted' OR "deleted_at" IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_user_accounts_purgeable" ON "user_accounts" ("deleted_at") WHERE "state" = 'deleted' AND "personal_data_purged_at" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_sync_log_occurred_at" ON "sync_log" ("occurred_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_created_at" ON "audit_log" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_target" ON "audit_log" ("company_id", "target_type", "target_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_audit_log_target"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_log_created_at"`);
    await queryRunner.query(`DROP INDEX "IDX_sync_log_occurred_at"`);
    await queryRunner.query(`DROP INDEX "IDX_user_accounts_purgeable"`);
    await queryRunner.query(`ALTER TABLE "user_accounts" DROP CONSTRAINT "CHK_user_accounts_deleted_at"`);
    await queryRunner.query(`DROP TRIGGER "TRG_user_accounts_stamp_deletion" ON "user_accounts"`);
    await queryRunner.query(`DROP FUNCTION "user_accounts_stamp_deletion"()`);
    await queryRunner.query(`ALTER TABLE "user_accounts" DROP COLUMN "personal_data_purged_at"`);
    await queryRunner.query(`ALTER TABLE "user_accounts" DROP COLUMN "deleted_at"`);
  }
}
