import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * Admin API keys get a table of their own, so an admin can hold several (a key issued on the server
 * for a lost one leaves the others working) and a revoked key is still recognised as revoked.
 * Provisioning tokens that were reset or revoked keep their hash, so that an identity provider still
 * sending one is told what happened and when. Hashes only: never a clear secret.
 */
export class CredentialHistory1795594300000 implements MigrationInterface {
  name = 'CredentialHistory1795594300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "admin_api_keys" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "admin_id" uuid NOT NULL,
        "key_hash" bytea NOT NULL,
        "key_prefix" character varying(32) NOT NULL,
        "issued_by" character varying(100),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_admin_api_keys" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_admin_api_keys_admin" FOREIGN KEY ("company_id", "admin_id")
          REFERENCES "admins"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_api_keys_key_hash" ON "admin_api_keys" ("key_hash")`);
    await queryRunner.query(`CREATE INDEX "IDX_admin_api_keys_admin" ON "admin_api_keys" ("company_id", "admin_id")`);
    await queryRunner.query(`
      INSERT INTO "admin_api_keys" ("company_id", "admin_id", "key_hash", "key_prefix", "issued_by", "created_at", "revoked_at")
      SELECT "company_id", "id", "api_key_hash", "api_key_prefix", "created_by"::text, "created_at", "revoked_at" FROM "admins"`);
    await queryRunner.query(`DROP INDEX "UQ_admins_api_key_hash"`);
    await queryRunner.query(`ALTER TABLE "admins" DROP COLUMN "api_key_hash"`);
    await queryRunner.query(`ALTER TABLE "admins" DROP COLUMN "api_key_prefix"`);

    await queryRunner.query(`
      CREATE TABLE "retired_provisioning_tokens" (
        "company_id" uuid NOT NULL,
        "token_hash" bytea NOT NULL,
        "integration_id" uuid NOT NULL,
        "token_prefix" character varying(32) NOT NULL,
        "reason" character varying(16) NOT NULL,
        "retired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_retired_provisioning_tokens" PRIMARY KEY ("company_id", "token_hash"),
        CONSTRAINT "CHK_retired_provisioning_tokens_reason" CHECK ("reason" IN ('replaced', 'revoked')),
        CONSTRAINT "FK_retired_provisioning_tokens_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_retired_provisioning_tokens_token_hash" ON "retired_provisioning_tokens" ("token_hash")`,
    );

    for (const table of ['admin_api_keys', 'retired_provisioning_tokens']) {
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO dps_tenant`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "company_isolation" ON "${table}" TO dps_tenant
          USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
      );
    }
  }

  /** Each admin keeps its newest key that is still valid (else its newest one); other keys are lost. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "retired_provisioning_tokens"`);
    await queryRunner.query(`ALTER TABLE "admins" ADD "api_key_hash" bytea`);
    await queryRunner.query(`ALTER TABLE "admins" ADD "api_key_prefix" character varying(32)`);
    await queryRunner.query(`
      UPDATE "admins" a SET "api_key_hash" = k."key_hash", "api_key_prefix" = k."key_prefix"
      FROM (
        SELECT DISTINCT ON ("company_id", "admin_id") "company_id", "admin_id", "key_hash", "key_prefix"
        FROM "admin_api_keys" ORDER BY "company_id", "admin_id", ("revoked_at" IS NULL) DESC, "created_at" DESC
      ) k
      WHERE a."company_id" = k."company_id" AND a."id" = k."admin_id"`);
    await queryRunner.query(`ALTER TABLE "admins" ALTER COLUMN "api_key_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "admins" ALTER COLUMN "api_key_prefix" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admins_api_key_hash" ON "admins" ("api_key_hash")`);
    await queryRunner.query(`DROP TABLE "admin_api_keys"`);
  }
}
