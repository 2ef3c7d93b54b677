import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryIntegrations1795593650000 implements MigrationInterface {
  name = 'DirectoryIntegrations1795593650000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "directory_integrations" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "provider" character varying(32) NOT NULL,
        "token_hash" bytea,
        "token_prefix" character varying(32),
        "token_created_at" TIMESTAMP WITH TIME ZONE,
        "token_created_by" uuid,
        "last_sync_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_directory_integrations" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "CHK_directory_integrations_provider"
          CHECK ("provider" IN ('okta', 'entra-id', 'onelogin', 'pingone', 'google-workspace', 'jumpcloud', 'generic')),
        CONSTRAINT "CHK_directory_integrations_token"
          CHECK (("token_hash" IS NULL) = ("token_prefix" IS NULL) AND ("token_hash" IS NULL) = ("token_created_at" IS NULL)),
        CONSTRAINT "FK_directory_integrations_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_directory_integrations_provider" ON "directory_integrations" ("company_id", "provider")`,
    );
    // Every SCIM request authenticates through this index.
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_directory_integrations_token_hash" ON "directory_integrations" ("token_hash")`);
    await queryRunner.query(`
      CREATE TABLE "sync_log" (
        "company_id" uuid NOT NULL,
        "id" bigint GENERATED ALWAYS AS IDENTITY,
        "integration_id" uuid NOT NULL,
        "operation" character varying(16) NOT NULL,
        "resource_type" character varying(32) NOT NULL,
        "resource_id" character varying(255),
        "status" smallint NOT NULL,
        "request_id" character varying(64),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_sync_log" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "CHK_sync_log_operation" CHECK ("operation" IN ('create', 'replace', 'patch', 'delete', 'bulk')),
        CONSTRAINT "FK_sync_log_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_sync_log_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_sync_log_integration" ON "sync_log" ("company_id", "integration_id", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_log"`);
    await queryRunner.query(`DROP TABLE "directory_integrations"`);
  }
}
