import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersAndGroups1795593700000 implements MigrationInterface {
  name = 'UsersAndGroups1795593700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "user_accounts" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "integration_id" uuid,
        "user_name" character varying(320) NOT NULL,
        "external_id" character varying(512),
        "display_name" character varying(512),
        "state" character varying(16) NOT NULL,
        "master_password_set_at" TIMESTAMP WITH TIME ZONE,
        "attributes" jsonb NOT NULL DEFAULT '{}',
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_accounts" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "CHK_user_accounts_state" CHECK ("state" IN ('provisioned', 'active', 'disabled', 'deleted')),
        CONSTRAINT "FK_user_accounts_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    // A deleted user's userName can be provisioned again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_user_accounts_user_name" ON "user_accounts" ("company_id", lower("user_name")) WHERE "state" <> 'deleted'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_user_accounts_external_id" ON "user_accounts" ("company_id", "external_id") WHERE "state" <> 'deleted'`,
    );
    await queryRunner.query(`
      CREATE TABLE "groups" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "integration_id" uuid,
        "display_name" character varying(512) NOT NULL,
        "external_id" character varying(512),
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_groups" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_groups_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_groups_display_name" ON "groups" ("company_id", lower("display_name"))`);
    await queryRunner.query(`CREATE INDEX "IDX_groups_external_id" ON "groups" ("company_id", "external_id")`);
    await queryRunner.query(`
      CREATE TABLE "group_members" (
        "company_id" uuid NOT NULL,
        "group_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        CONSTRAINT "PK_group_members" PRIMARY KEY ("company_id", "group_id", "user_id"),
        CONSTRAINT "FK_group_members_group" FOREIGN KEY ("company_id", "group_id")
          REFERENCES "groups"("company_id", "id") ON DELETE CASCADE,
        CONSTRAINT "FK_group_members_user" FOREIGN KEY ("company_id", "user_id")
          REFERENCES "user_accounts"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_group_members_user" ON "group_members" ("company_id", "user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "group_members"`);
    await queryRunner.query(`DROP TABLE "groups"`);
    await queryRunner.query(`DROP TABLE "user_accounts"`);
  }
}
