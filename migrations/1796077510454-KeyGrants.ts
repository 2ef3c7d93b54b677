import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;
const OPEN = `"state" IN ('queued', 'leased')`;

/**
 * The key hand-off queue of the customer's encryption service and the cursor of the consumer that fills it from the
 * change events. A company's work may read its tasks and lease, complete or fail them; deriving tasks (all companies)
 * and retention run as system work. The cursor is system work's alone.
 */
export class KeyGrants1796077510454 implements MigrationInterface {
  name = 'KeyGrants1796077510454';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "key_grant_tasks" (
        "entry" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "id" uuid NOT NULL,
        "company_id" uuid NOT NULL,
        "kind" character varying(8) NOT NULL,
        "state" character varying(16) NOT NULL DEFAULT 'queued',
        "group_id" uuid,
        "user_id" uuid,
        "user_name" character varying(320),
        "group_display_name" character varying(512),
        "event_id" uuid NOT NULL,
        "event_position" bigint NOT NULL,
        "supersedes" uuid,
        "attempt" integer NOT NULL DEFAULT '0',
        "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "lease_id" uuid,
        "lease_expires_at" TIMESTAMP WITH TIME ZONE,
        "last_error" character varying(1000),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_key_grant_tasks_target" CHECK ("group_id" IS NOT NULL OR "user_id" IS NOT NULL),
        CONSTRAINT "CHK_key_grant_tasks_state" CHECK ("state" IN ('queued', 'leased', 'completed', 'failed', 'cancelled')),
        CONSTRAINT "CHK_key_grant_tasks_kind" CHECK ("kind" IN ('grant', 'revoke')),
        CONSTRAINT "PK_16fb6d864413569d36420c3c20e" PRIMARY KEY ("entry"),
        CONSTRAINT "FK_key_grant_tasks_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_key_grant_tasks_id" ON "key_grant_tasks" ("id")`);
    await queryRunner.query(`CREATE INDEX "IDX_key_grant_tasks_company_state" ON "key_grant_tasks" ("company_id", "state")`);
    await queryRunner.query(`CREATE INDEX "IDX_key_grant_tasks_open" ON "key_grant_tasks" ("entry") WHERE ${OPEN}`);
    await queryRunner.query(`CREATE INDEX "IDX_key_grant_tasks_open_group" ON "key_grant_tasks" ("company_id", "group_id") WHERE ${OPEN}`);
    await queryRunner.query(`CREATE INDEX "IDX_key_grant_tasks_open_user" ON "key_grant_tasks" ("company_id", "user_id") WHERE ${OPEN}`);
    await queryRunner.query(
      `CREATE INDEX "IDX_key_grant_tasks_open_group_wide" ON "key_grant_tasks" ("company_id", "group_id") WHERE ${OPEN} AND "user_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_key_grant_tasks_open_user_wide" ON "key_grant_tasks" ("company_id", "user_id") WHERE ${OPEN} AND "group_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_key_grant_tasks_finished" ON "key_grant_tasks" ("finished_at") WHERE "state" IN ('completed', 'cancelled')`,
    );
    await queryRunner.query(`
      CREATE TABLE "key_grant_cursor" (
        "consumer" character varying(64) NOT NULL,
        "position" bigint NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_71e227e7e1dd1d6b0445c77e5d0" PRIMARY KEY ("consumer")
      )`);
    // The consumer starts from the first event: every change since the outbox began is handed off.
    await queryRunner.query(`INSERT INTO "key_grant_cursor" ("consumer", "position") VALUES ('key-grants', 0)`);

    await queryRunner.query(`GRANT SELECT, UPDATE ON "key_grant_tasks" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "key_grant_tasks" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "key_grant_tasks" TO dps_tenant
        USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
    );
    await queryRunner.query(`ALTER TABLE "key_grant_cursor" ENABLE ROW LEVEL SECURITY`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "key_grant_cursor"`);
    await queryRunner.query(`DROP TABLE "key_grant_tasks"`);
  }
}
