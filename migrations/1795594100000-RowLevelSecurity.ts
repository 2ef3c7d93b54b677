import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows belong to one company, keyed by its `company_id`. */
const COMPANY_TABLES = [
  'admins',
  'company_policies',
  'master_password_reset_holders',
  'audit_log',
  'directory_integrations',
  'sync_log',
  'user_accounts',
  'groups',
  'group_members',
  'master_password_resets',
];
const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * Row-level security: work done for one company runs as the role `dps_tenant` with `app.company_id`
 * set (src/database/company-scoped-client.ts), and sees and writes only that company's rows, so a
 * query missing its `company_id` condition cannot reach another company. The migrating role owns
 * the tables and so is not subject to the policies: it does the work that spans companies.
 *
 * Under RLS, PostgreSQL uses an index for a condition only when its functions are leakproof, which
 * lower() is not: the case-insensitive unique keys become stored lower-case columns.
 */
export class RowLevelSecurity1795594100000 implements MigrationInterface {
  name = 'RowLevelSecurity1795594100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_accounts" ADD "user_name_key" character varying(320) GENERATED ALWAYS AS (lower("user_name")) STORED NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "UQ_user_accounts_user_name"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_user_accounts_user_name" ON "user_accounts" ("company_id", "user_name_key") WHERE "state" <> 'deleted'`,
    );
    await queryRunner.query(
      `ALTER TABLE "groups" ADD "display_name_key" character varying(512) GENERATED ALWAYS AS (lower("display_name")) STORED NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "UQ_groups_display_name"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_groups_display_name" ON "groups" ("company_id", "display_name_key")`);
    // Where TypeORM keeps generated columns' expressions, to compare them with the entities.
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await queryRunner.query(`
      INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
      VALUES (current_database(), current_schema(), 'user_accounts', 'GENERATED_COLUMN', 'user_name_key', 'lower("user_name")'),
             (current_database(), current_schema(), 'groups', 'GENERATED_COLUMN', 'display_name_key', 'lower("display_name")')`);

    // Roles belong to the whole cluster: several databases (or instances migrating at once) share this one.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dps_tenant') THEN
          CREATE ROLE dps_tenant NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // A superuser may switch to any role; any other owner needs the membership.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('GRANT dps_tenant TO %I', current_user);
        END IF;
      END $$`);
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO dps_tenant', current_schema());
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "audit_log_id_seq", "sync_log_id_seq" TO dps_tenant`);

    await queryRunner.query(`GRANT SELECT ON "companies" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "companies" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY "company_isolation" ON "companies" TO dps_tenant USING ("id" = ${CURRENT_COMPANY})`);
    for (const table of COMPANY_TABLES) {
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO dps_tenant`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "company_isolation" ON "${table}" TO dps_tenant
          USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
      );
    }

    // Runs before the company is known, whatever the connection's scope: as the owner, past the policies.
    await queryRunner.query(`
      CREATE FUNCTION "find_provisioning_token_owner"(token_hash bytea)
        RETURNS TABLE (owner_company_id uuid, owner_integration_id uuid, owner_provider character varying, owner_token_hash bytea)
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT
      AS $$
      BEGIN
        RETURN QUERY SELECT i.company_id, i.id, i.provider, i.token_hash FROM directory_integrations i WHERE i.token_hash = $1;
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "find_provisioning_token_owner"(bytea) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION "find_provisioning_token_owner"(bytea) TO dps_tenant`);
  }

  /** The role stays: other databases of the cluster may still use it. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "find_provisioning_token_owner"(bytea)`);
    for (const table of [...COMPANY_TABLES].reverse()) {
      await queryRunner.query(`DROP POLICY "company_isolation" ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`REVOKE ALL ON "${table}" FROM dps_tenant`);
    }
    await queryRunner.query(`DROP POLICY "company_isolation" ON "companies"`);
    await queryRunner.query(`ALTER TABLE "companies" DISABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`REVOKE ALL ON "companies" FROM dps_tenant`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE "audit_log_id_seq", "sync_log_id_seq" FROM dps_tenant`);
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM dps_tenant', current_schema());
      END $$`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" IN ('user_name_key', 'display_name_key')`,
    );
    await queryRunner.query(`DROP INDEX "UQ_groups_display_name"`);
    await queryRunner.query(`ALTER TABLE "groups" DROP COLUMN "display_name_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_groups_display_name" ON "groups" ("company_id", lower("display_name"))`);
    await queryRunner.query(`DROP INDEX "UQ_user_accounts_user_name"`);
    await queryRunner.query(`ALTER TABLE "user_accounts" DROP COLUMN "user_name_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_user_accounts_user_name" ON "user_accounts" ("company_id", lower("user_name")) WHERE "state" <> 'deleted'`,
    );
  }
}
