import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * Webhook endpoints and their delivery log. A company's admins manage its endpoints and read their log; endpoints of
 * internal services (no company) and the delivery work across companies run as system work, past the policies.
 */
export class Webhooks1796077482969 implements MigrationInterface {
  name = 'Webhooks1796077482969';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "company_id" uuid,
        "created_by_service" character varying(100),
        "url" character varying(2048) NOT NULL,
        "description" character varying(500) NOT NULL,
        "event_types" jsonb NOT NULL,
        "secret_ciphertext" bytea NOT NULL,
        "enabled" boolean NOT NULL,
        "disabled_reason" character varying(1000),
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "cursor" bigint NOT NULL,
        "attempt" integer NOT NULL DEFAULT '0',
        "failing_since" TIMESTAMP WITH TIME ZONE,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE,
        "leased_until" TIMESTAMP WITH TIME ZONE,
        "lease_owner" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"),
        CONSTRAINT "FK_webhook_endpoints_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_endpoints_due" ON "webhook_endpoints" ("next_attempt_at") WHERE "enabled"`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_endpoints_company" ON "webhook_endpoints" ("company_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "entry" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "id" uuid NOT NULL,
        "endpoint_id" uuid NOT NULL,
        "company_id" uuid,
        "event_id" uuid NOT NULL,
        "event_type" character varying(64) NOT NULL,
        "trigger" character varying(16) NOT NULL,
        "attempt" integer NOT NULL,
        "succeeded" boolean NOT NULL,
        "response_status" integer,
        "duration_ms" integer NOT NULL,
        "error" character varying(1000),
        "next_attempt_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_d9bee48a349dc40732c66b3e617" PRIMARY KEY ("entry"),
        CONSTRAINT "FK_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_webhook_deliveries_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_created_at" ON "webhook_deliveries" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_endpoint" ON "webhook_deliveries" ("endpoint_id", "entry")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_webhook_deliveries_id" ON "webhook_deliveries" ("id")`);

    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_endpoints" TO dps_tenant`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "webhook_deliveries" TO dps_tenant`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "webhook_deliveries_entry_seq" TO dps_tenant`);
    for (const table of ['webhook_endpoints', 'webhook_deliveries']) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "company_isolation" ON "${table}" TO dps_tenant
          USING ("company_id" = ${CURRENT_COMPANY}) WITH CHECK ("company_id" = ${CURRENT_COMPANY})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}
