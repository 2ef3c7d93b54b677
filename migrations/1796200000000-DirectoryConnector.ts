import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;
const PROVIDERS = `'okta', 'entra-id', 'onelogin', 'pingone', 'google-workspace', 'jumpcloud', 'generic', 'provisioning-api'`;
const TABLES = ['directory_connector_agents', 'directory_connector_runs'];

/**
 * The Active Directory / LDAP connector's tab (provider `active-directory`, whose token is a connector token), the
 * agent's last contact and version, and the runs it reported.
 */
export class DirectoryConnector1796200000000 implements MigrationInterface {
  name = 'DirectoryConnector1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "directory_integrations" DROP CONSTRAINT "CHK_directory_integrations_provider"`);
    await queryRunner.query(
      `ALTER TABLE "directory_integrations" ADD CONSTRAINT "CHK_directory_integrations_provider"
        CHECK ("provider" IN (${PROVIDERS}, 'active-directory'))`,
    );
    await queryRunner.query(`
      CREATE TABLE "directory_connector_agents" (
        "company_id" uuid NOT NULL,
        "integration_id" uuid NOT NULL,
        "version" character varying(64),
        "last_contact_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_directory_connector_agents" PRIMARY KEY ("company_id", "integration_id"),
        CONSTRAINT "FK_directory_connector_agents_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "directory_connector_runs" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "integration_id" uuid NOT NULL,
        "version" character varying(64),
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "result" character varying(16) NOT NULL,
        "users" integer NOT NULL,
        "groups" integer NOT NULL,
        "snapshot_id" uuid,
        "error" character varying(2000),
        CONSTRAINT "CHK_directory_connector_runs_result" CHECK ("result" IN ('applied', 'held', 'dry-run', 'failed')),
        CONSTRAINT "PK_directory_connector_runs" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_directory_connector_runs_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_directory_connector_runs_recent" ON "directory_connector_runs" ("company_id", "integration_id", "started_at")`,
    );
    for (const table of TABLES) {
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO dps_tenant`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "company_isolation" ON "${table}" TO dps_tenant
          USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
      );
    }
  }

  /** The active-directory tabs go with their agents and runs (and their users' and groups' managing tab with them). */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "directory_connector_runs"`);
    await queryRunner.query(`DROP TABLE "directory_connector_agents"`);
    await queryRunner.query(`DELETE FROM "directory_integrations" WHERE "provider" = 'active-directory'`);
    await queryRunner.query(`ALTER TABLE "directory_integrations" DROP CONSTRAINT "CHK_directory_integrations_provider"`);
    await queryRunner.query(
      `ALTER TABLE "directory_integrations" ADD CONSTRAINT "CHK_directory_integrations_provider" CHECK ("provider" IN (${PROVIDERS}))`,
    );
  }
}
