import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * The first answers to Provisioning API writes sent with an Idempotency-Key, per company and API key, kept 24 hours
 * (purged by the retention job, as system work).
 */
export class IdempotencyRecords1796090852511 implements MigrationInterface {
  name = 'IdempotencyRecords1796090852511';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "idempotency_records" (
        "company_id" uuid NOT NULL,
        "api_key_id" uuid NOT NULL,
        "idempotency_key" character varying(255) NOT NULL,
        "fingerprint" bytea NOT NULL,
        "response_status" integer,
        "response_body" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_idempotency_records" PRIMARY KEY ("company_id", "api_key_id", "idempotency_key")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_idempotency_records_created_at" ON "idempotency_records" ("created_at")`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "idempotency_records" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "idempotency_records" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "idempotency_records" TO dps_tenant
        USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
  }
}
