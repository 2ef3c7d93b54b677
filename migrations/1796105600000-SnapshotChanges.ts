import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/** The full difference of a dry-run or held snapshot, paged by position; it goes with its snapshot. */
export class SnapshotChanges1796105600000 implements MigrationInterface {
  name = 'SnapshotChanges1796105600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "directory_snapshot_changes" (
        "company_id" uuid NOT NULL,
        "snapshot_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "action" character varying(16) NOT NULL,
        "target" character varying(512) NOT NULL,
        "target_id" uuid,
        "detail" character varying(1000),
        "code" character varying(64),
        CONSTRAINT "PK_0d68e033630e25b610ddf4f00b3" PRIMARY KEY ("company_id", "snapshot_id", "position"),
        CONSTRAINT "FK_directory_snapshot_changes_snapshot" FOREIGN KEY ("company_id", "snapshot_id")
          REFERENCES "directory_snapshots"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "directory_snapshot_changes" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "directory_snapshot_changes" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "directory_snapshot_changes" TO dps_tenant
        USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "directory_snapshot_changes"`);
  }
}
