import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

const TABLES = ['google_workspace_connections', 'google_workspace_runs'];

/**
 * The Google Workspace tab's setup (the encrypted service account key, the impersonated admin, the directory and the
 * part of it to sync, the schedule, the lease one instance runs it under) and the record of its runs.
 */
export class GoogleWorkspace1796210000000 implements MigrationInterface {
  name = 'GoogleWorkspace1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "google_workspace_connections" (
        "company_id" uuid NOT NULL,
        "integration_id" uuid NOT NULL,
        "service_account_email" character varying(320),
        "key_id" character varying(128),
        "encrypted_key" bytea,
        "key_uploaded_at" TIMESTAMP WITH TIME ZONE,
        "admin_email" character varying(320),
        "customer_id" character varying(64),
        "domain" character varying(255),
        "scope_kind" character varying(16) NOT NULL DEFAULT 'all',
        "scope_values" jsonb NOT NULL DEFAULT '[]',
        "schedule_minutes" integer NOT NULL DEFAULT '0',
        "next_run_at" TIMESTAMP WITH TIME ZONE,
        "lease_owner" uuid,
        "lease_until" TIMESTAMP WITH TIME ZONE,
        "resume" jsonb,
        "updated_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_google_workspace_connections_schedule" CHECK ("schedule_minutes" BETWEEN 0 AND 10080),
        CONSTRAINT "CHK_google_workspace_connections_scope" CHECK ("scope_kind" IN ('all', 'groups', 'org_units')),
        CONSTRAINT "PK_cd172a3ce6f0920b6dc6973fe4c" PRIMARY KEY ("company_id", "integration_id"),
        CONSTRAINT "FK_google_workspace_connections_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_google_workspace_connections_due" ON "google_workspace_connections" ("next_run_at")
        WHERE "next_run_at" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "google_workspace_runs" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "integration_id" uuid NOT NULL,
        "trigger" character varying(16) NOT NULL,
        "state" character varying(16) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "snapshot_id" uuid,
        "counts" jsonb,
        "result" jsonb,
        "error" character varying(2000),
        CONSTRAINT "CHK_google_workspace_runs_trigger" CHECK ("trigger" IN ('schedule', 'manual')),
        CONSTRAINT "CHK_google_workspace_runs_state" CHECK ("state" IN ('running', 'applied', 'held', 'failed')),
        CONSTRAINT "PK_49ebcdcc837116e2ff86f9475a1" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_google_workspace_runs_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_google_workspace_runs_integration" ON "google_workspace_runs" ("company_id", "integration_id", "started_at")`,
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "google_workspace_runs"`);
    await queryRunner.query(`DROP TABLE "google_workspace_connections"`);
  }
}
