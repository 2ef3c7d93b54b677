import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One owner per user and group (docs/ownership.md): groups keep their managing integration's provider as users do,
 * each tab says whether it adopts unmanaged users, and the sync log tells a write skipped because another source
 * manages the resource from one applied.
 */
export class Ownership1796089816371 implements MigrationInterface {
  name = 'Ownership1796089816371';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "groups"
            ADD "integration_provider" character varying(32)
        `);
    await queryRunner.query(`
            UPDATE "groups" AS "group" SET "integration_provider" = "integration"."provider"
              FROM "directory_integrations" AS "integration"
             WHERE "integration"."company_id" = "group"."company_id" AND "integration"."id" = "group"."integration_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "directory_integrations"
            ADD "adopt_unmanaged_users" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "sync_log"
            ADD "skip_reason" character varying(32)
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_sync_log_skipped" ON "sync_log" ("company_id", "integration_id", "occurred_at")
            WHERE "skip_reason" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "sync_log"
            ADD CONSTRAINT "CHK_sync_log_skip_reason" CHECK ("skip_reason" IN ('managed_by_another_source'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sync_log" DROP CONSTRAINT "CHK_sync_log_skip_reason"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_sync_log_skipped"
        `);
    await queryRunner.query(`
            ALTER TABLE "sync_log" DROP COLUMN "skip_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "directory_integrations" DROP COLUMN "adopt_unmanaged_users"
        `);
    await queryRunner.query(`
            ALTER TABLE "groups" DROP COLUMN "integration_provider"
        `);
  }
}
