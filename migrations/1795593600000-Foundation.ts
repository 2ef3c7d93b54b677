import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795593600000 implements MigrationInterface {
  name = 'Foundation1795593600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "companies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(200) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_companies" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "admins" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(320) NOT NULL,
        "role" character varying(16) NOT NULL,
        "api_key_hash" bytea NOT NULL,
        "api_key_prefix" character varying(32) NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_admins" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "CHK_admins_role" CHECK ("role" IN ('admin', 'super_admin')),
        CONSTRAINT "FK_admins_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admins_api_key_hash" ON "admins" ("api_key_hash")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_admins_active_email" ON "admins" ("company_id", lower("email")) WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "company_policies" (
        "company_id" uuid NOT NULL,
        "master_password_reset_enabled" boolean NOT NULL DEFAULT false,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_company_policies" PRIMARY KEY ("company_id"),
        CONSTRAINT "FK_company_policies_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "master_password_reset_holders" (
        "company_id" uuid NOT NULL,
        "admin_id" uuid NOT NULL,
        CONSTRAINT "PK_master_password_reset_holders" PRIMARY KEY ("company_id", "admin_id"),
        CONSTRAINT "FK_master_password_reset_holders_admin" FOREIGN KEY ("company_id", "admin_id")
          REFERENCES "admins"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "company_id" uuid NOT NULL,
        "id" bigint GENERATED ALWAYS AS IDENTITY,
        "actor_type" character varying(16) NOT NULL,
        "actor_id" character varying(100),
        "action" character varying(64) NOT NULL,
        "target_type" character varying(32),
        "target_id" character varying(100),
        "details" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_audit_log_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "master_password_reset_holders"`);
    await queryRunner.query(`DROP TABLE "company_policies"`);
    await queryRunner.query(`DROP TABLE "admins"`);
    await queryRunner.query(`DROP TABLE "companies"`);
  }
}
