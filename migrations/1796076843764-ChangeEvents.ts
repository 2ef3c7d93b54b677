import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * The outbox of change events. A company's work appends its events and reads its feed; giving them their
 * position and sequence (the sequencer) and retention run as system work, past the policies.
 */
export class ChangeEvents1796076843764 implements MigrationInterface {
  name = 'ChangeEvents1796076843764';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "company_event_heads" (
        "company_id" uuid NOT NULL,
        "last_sequence" bigint NOT NULL,
        CONSTRAINT "PK_74a383ff2fc9f2986024b3b41f3" PRIMARY KEY ("company_id"),
        CONSTRAINT "FK_company_event_heads_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "change_events" (
        "entry" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "id" uuid NOT NULL,
        "company_id" uuid NOT NULL,
        "position" bigint,
        "sequence" bigint,
        "type" character varying(64) NOT NULL,
        "source" jsonb NOT NULL,
        "subject" jsonb NOT NULL,
        "data" jsonb NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_c66819c092dcbad1e85ada0b9cf" PRIMARY KEY ("entry"),
        CONSTRAINT "FK_change_events_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_change_events_unsequenced" ON "change_events" ("entry") WHERE "position" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_change_events_company_sequence" ON "change_events" ("company_id", "sequence")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_change_events_position" ON "change_events" ("position")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_change_events_id" ON "change_events" ("id")`);

    await queryRunner.query(`GRANT SELECT, INSERT ON "change_events" TO dps_tenant`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "change_events_entry_seq" TO dps_tenant`);
    await queryRunner.query(`GRANT SELECT ON "company_event_heads" TO dps_tenant`);
    for (const table of ['change_events', 'company_event_heads']) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "company_isolation" ON "${table}" TO dps_tenant
          USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "change_events"`);
    await queryRunner.query(`DROP TABLE "company_event_heads"`);
  }
}
