import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/** The global unique indexes on credential hashes that credential_lookups replaces. */
const HASH_INDEXES = [
  { name: 'UQ_directory_integrations_token_hash', table: 'directory_integrations', column: 'token_hash' },
  { name: 'UQ_retired_provisioning_tokens_token_hash', table: 'retired_provisioning_tokens', column: 'token_hash' },
  { name: 'UQ_admin_api_keys_key_hash', table: 'admin_api_keys', column: 'key_hash' },
  { name: 'UQ_provisioning_api_keys_key_hash', table: 'provisioning_api_keys', column: 'key_hash' },
];

const TOKEN_OWNER_SIGNATURE = `"find_provisioning_token_owner"(token_hash bytea)
  RETURNS TABLE (owner_company_id uuid, owner_integration_id uuid, owner_provider character varying, owner_token_hash bytea)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT`;

/**
 * Credentials are found by hash in one small global table, credential_lookups (hash → kind, company, owning row),
 * instead of global unique indexes on the company tables that hold them: a schema distributed by company_id
 * (docs/scaling.md) cannot keep a unique index that lacks company_id. Every hash already stored is copied in,
 * retired provisioning tokens' included, so that a retired token still says when it was replaced.
 */
export class CredentialLookups1796300000000 implements MigrationInterface {
  name = 'CredentialLookups1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "credential_lookups" (
        "hash" bytea NOT NULL,
        "kind" character varying(32) NOT NULL,
        "company_id" uuid NOT NULL,
        "owner_id" uuid NOT NULL,
        CONSTRAINT "CHK_credential_lookups_kind" CHECK ("kind" IN ('integration-token', 'admin-api-key', 'provisioning-api-key')),
        CONSTRAINT "PK_credential_lookups" PRIMARY KEY ("hash")
      )`);
    await queryRunner.query(`
      INSERT INTO "credential_lookups" ("hash", "kind", "company_id", "owner_id")
      SELECT "token_hash", 'integration-token', "company_id", "id" FROM "directory_integrations" WHERE "token_hash" IS NOT NULL
      UNION ALL
      SELECT "token_hash", 'integration-token', "company_id", "integration_id" FROM "retired_provisioning_tokens"
      UNION ALL
      SELECT "key_hash", 'admin-api-key', "company_id", "id" FROM "admin_api_keys"
      UNION ALL
      SELECT "key_hash", 'provisioning-api-key', "company_id", "id" FROM "provisioning_api_keys"`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "credential_lookups" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "credential_lookups" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "credential_lookups" TO dps_tenant
        USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
    );

    // Two primary-key probes, not a join: distributed, the second goes to the company's shard alone.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ${TOKEN_OWNER_SIGNATURE}
      AS $$
      DECLARE
        found_company_id uuid;
        found_integration_id uuid;
      BEGIN
        SELECT l.company_id, l.owner_id INTO found_company_id, found_integration_id
          FROM credential_lookups l WHERE l.hash = $1 AND l.kind = 'integration-token';
        IF found_company_id IS NULL THEN
          RETURN;
        END IF;
        RETURN QUERY SELECT i.company_id, i.id, i.provider, i.token_hash FROM directory_integrations i
          WHERE i.company_id = found_company_id AND i.id = found_integration_id AND i.token_hash = $1;
      END
      $$`);

    for (const index of HASH_INDEXES) await queryRunner.query(`DROP INDEX "${index.name}"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of HASH_INDEXES) {
      await queryRunner.query(`CREATE UNIQUE INDEX "${index.name}" ON "${index.table}" ("${index.column}")`);
    }
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ${TOKEN_OWNER_SIGNATURE}
      AS $$
      BEGIN
        RETURN QUERY SELECT i.company_id, i.id, i.provider, i.token_hash FROM directory_integrations i WHERE i.token_hash = $1;
      END
      $$`);
    await queryRunner.query(`DROP TABLE "credential_lookups"`);
  }
}
