import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

const TABLES = [
  'directory_sync_settings',
  'directory_snapshots',
  'directory_snapshot_parts',
  'directory_snapshot_users',
  'directory_snapshot_groups',
  'directory_snapshot_memberships',
];

/**
 * Directory snapshots: what a source says should exist, staged part by part until it is committed, and the record of
 * what reconciling it did; and per source, how it deprovisions and how much it may deprovision unconfirmed.
 */
export class DirectorySync1796089910249 implements MigrationInterface {
  name = 'DirectorySync1796089910249';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "directory_sync_settings" (
        "company_id" uuid NOT NULL,
        "integration_id" uuid NOT NULL,
        "deprovision_action" character varying(16) NOT NULL DEFAULT 'disable',
        "max_delete_percent" integer NOT NULL DEFAULT '10',
        "updated_by" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_directory_sync_settings_percent" CHECK ("max_delete_percent" BETWEEN 0 AND 100),
        CONSTRAINT "CHK_directory_sync_settings_action" CHECK ("deprovision_action" IN ('disable', 'delete')),
        CONSTRAINT "PK_e63ade066fbb752ff090a57ba14" PRIMARY KEY ("company_id", "integration_id"),
        CONSTRAINT "FK_directory_sync_settings_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "directory_snapshots" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "integration_id" uuid NOT NULL,
        "provider" character varying(32) NOT NULL,
        "state" character varying(16) NOT NULL,
        "planned" jsonb,
        "result" jsonb,
        "reason" character varying(1000),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "committed_at" TIMESTAMP WITH TIME ZONE,
        "applied_at" TIMESTAMP WITH TIME ZONE,
        "duration_ms" integer,
        "decided_by" uuid,
        "decided_by_email" character varying(320),
        "decided_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_directory_snapshots_state"
          CHECK ("state" IN ('open', 'applying', 'held', 'applied', 'rejected', 'expired', 'failed')),
        CONSTRAINT "PK_862d151f9e85f6003c08d88a902" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "FK_directory_snapshots_integration" FOREIGN KEY ("company_id", "integration_id")
          REFERENCES "directory_integrations"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_directory_snapshots_expiry" ON "directory_snapshots" ("expires_at") WHERE "state" IN ('open', 'held')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_directory_snapshots_integration" ON "directory_snapshots" ("company_id", "integration_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "directory_snapshot_parts" (
        "company_id" uuid NOT NULL,
        "snapshot_id" uuid NOT NULL,
        "part_number" integer NOT NULL,
        "users" integer NOT NULL,
        "groups" integer NOT NULL,
        "memberships" integer NOT NULL,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_fef9a6d66d8a107f449f742a862" PRIMARY KEY ("company_id", "snapshot_id", "part_number"),
        CONSTRAINT "FK_directory_snapshot_parts_snapshot" FOREIGN KEY ("company_id", "snapshot_id")
          REFERENCES "directory_snapshots"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "directory_snapshot_users" (
        "company_id" uuid NOT NULL,
        "snapshot_id" uuid NOT NULL,
        "user_name_key" character varying(320) GENERATED ALWAYS AS (lower("user_name")) STORED NOT NULL,
        "part_number" integer NOT NULL,
        "user_name" character varying(320) NOT NULL,
        "external_id" character varying(512),
        "display_name" character varying(512),
        "active" boolean NOT NULL,
        "attributes" jsonb NOT NULL,
        CONSTRAINT "PK_ad81186f5e766707dce931c5bb0" PRIMARY KEY ("company_id", "snapshot_id", "user_name_key"),
        CONSTRAINT "FK_directory_snapshot_users_part" FOREIGN KEY ("company_id", "snapshot_id", "part_number")
          REFERENCES "directory_snapshot_parts"("company_id", "snapshot_id", "part_number") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_directory_snapshot_users_part" ON "directory_snapshot_users" ("company_id", "snapshot_id", "part_number")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_directory_snapshot_users_external_id" ON "directory_snapshot_users" ("company_id", "snapshot_id", "external_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "directory_snapshot_groups" (
        "company_id" uuid NOT NULL,
        "snapshot_id" uuid NOT NULL,
        "display_name_key" character varying(512) GENERATED ALWAYS AS (lower("display_name")) STORED NOT NULL,
        "part_number" integer NOT NULL,
        "display_name" character varying(512) NOT NULL,
        "external_id" character varying(512),
        CONSTRAINT "PK_4e8aa932e0f9c59d546b0575d04" PRIMARY KEY ("company_id", "snapshot_id", "display_name_key"),
        CONSTRAINT "FK_directory_snapshot_groups_part" FOREIGN KEY ("company_id", "snapshot_id", "part_number")
          REFERENCES "directory_snapshot_parts"("company_id", "snapshot_id", "part_number") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_directory_snapshot_groups_part" ON "directory_snapshot_groups" ("company_id", "snapshot_id", "part_number")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_directory_snapshot_groups_external_id" ON "directory_snapshot_groups" ("company_id", "snapshot_id", "external_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "directory_snapshot_memberships" (
        "company_id" uuid NOT NULL,
        "snapshot_id" uuid NOT NULL,
        "part_number" integer NOT NULL,
        "position" integer NOT NULL,
        "group_ref" character varying(512) NOT NULL,
        "user_ref" character varying(512) NOT NULL,
        CONSTRAINT "PK_ce22283436d54147f3867d2e9d0" PRIMARY KEY ("company_id", "snapshot_id", "part_number", "position"),
        CONSTRAINT "FK_directory_snapshot_memberships_part" FOREIGN KEY ("company_id", "snapshot_id", "part_number")
          REFERENCES "directory_snapshot_parts"("company_id", "snapshot_id", "part_number") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
      VALUES (current_database(), current_schema(), 'directory_snapshot_users', 'GENERATED_COLUMN', 'user_name_key', 'lower("user_name")'),
             (current_database(), current_schema(), 'directory_snapshot_groups', 'GENERATED_COLUMN', 'display_name_key', 'lower("display_name")')`);

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
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN'
          AND "table" IN ('directory_snapshot_users', 'directory_snapshot_groups')`,
    );
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
