import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sync log says why a write failed (the SCIM error answered) and whom it was about, also when no
 * resource was created; a partial index counts each integration's recent failures for its tab. Audit
 * entries keep the acting admin's email as it was at the time; earlier admin entries get it from `admins`.
 */
export class ExplainingLogs1795594400000 implements MigrationInterface {
  name = 'ExplainingLogs1795594400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_log" ADD "scim_type" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "sync_log" ADD "detail" character varying(1024)`);
    await queryRunner.query(`ALTER TABLE "sync_log" ADD "user_name" character varying(320)`);
    await queryRunner.query(`ALTER TABLE "sync_log" ADD "display_name" character varying(512)`);
    await queryRunner.query(`ALTER TABLE "sync_log" ADD "external_id" character varying(512)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_sync_log_failures" ON "sync_log" ("company_id", "integration_id", "occurred_at") WHERE "status" >= 400`,
    );
    await queryRunner.query(`ALTER TABLE "audit_log" ADD "actor_email" character varying(320)`);
    await queryRunner.query(`
      UPDATE "audit_log" AS "entry" SET "actor_email" = "admin"."email"
        FROM "admins" AS "admin"
       WHERE "entry"."actor_type" = 'admin' AND "admin"."company_id" = "entry"."company_id" AND "admin"."id"::text = "entry"."actor_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "actor_email"`);
    await queryRunner.query(`DROP INDEX "IDX_sync_log_failures"`);
    await queryRunner.query(`ALTER TABLE "sync_log" DROP COLUMN "external_id"`);
    await queryRunner.query(`ALTER TABLE "sync_log" DROP COLUMN "display_name"`);
    await queryRunner.query(`ALTER TABLE "sync_log" DROP COLUMN "user_name"`);
    await queryRunner.query(`ALTER TABLE "sync_log" DROP COLUMN "detail"`);
    await queryRunner.query(`ALTER TABLE "sync_log" DROP COLUMN "scim_type"`);
  }
}
