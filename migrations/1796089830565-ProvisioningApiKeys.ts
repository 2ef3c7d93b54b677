import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;
const SCIM_PROVIDERS = `'okta', 'entra-id', 'onelogin', 'pingone', 'google-workspace', 'jumpcloud', 'generic'`;

/**
 * The Provisioning API's tab (provider `provisioning-api`, which never holds a SCIM token) and its company API keys:
 * hashes only, a name, a scope, when last used, when revoked. A key is looked up by its hash before the company is
 * known, as system work; everything else runs in the company's scope.
 */
export class ProvisioningApiKeys1796089830565 implements MigrationInterface {
  name = 'ProvisioningApiKeys1796089830565';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "directory_integrations" DROP CONSTRAINT "CHK_directory_integrations_provider"`);
    await queryRunner.query(
      `ALTER TABLE "directory_integrations" ADD CONSTRAINT "CHK_directory_integrations_provider"
        CHECK ("provider" IN (${SCIM_PROVIDERS}, 'provisioning-api'))`,
    );
    await queryRunner.query(`
      CREATE TABLE "provisioning_api_keys" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "integration_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "scope" character varying(16) NOT NULL,
        "key_hash" bytea NOT NULL,
        "key_prefix" character varying(32) NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_provisioning_api_keys_scope" CHECK ("scope" IN ('read-only', 'read-write')),
        CONSTRAINT "PK_provisioning_api_keys" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_provisioning_api_keys_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_provisioning_api_keys_integration" ON "provisioning_api_keys" ("company_id", "integration_id")`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_provisioning_api_keys_key_hash" ON "provisioning_api_keys" ("key_hash")`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "provisioning_api_keys" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "provisioning_api_keys" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "provisioning_api_keys" TO dps_tenant
        USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
    );
  }

  /** The provisioning-api tabs go with their keys (and their users' and groups' managing tab with them). */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "provisioning_api_keys"`);
    await queryRunner.query(`DELETE FROM "directory_integrations" WHERE "provider" = 'provisioning-api'`);
    await queryRunner.query(`ALTER TABLE "directory_integrations" DROP CONSTRAINT "CHK_directory_integrations_provider"`);
    await queryRunner.query(
      `ALTER TABLE "directory_integrations" ADD CONSTRAINT "CHK_directory_integrations_provider" CHECK ("provider" IN (${SCIM_PROVIDERS}))`,
    );
  }
}
