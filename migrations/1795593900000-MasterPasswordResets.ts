import { MigrationInterface, QueryRunner } from 'typeorm';

export class MasterPasswordResets1795593900000 implements MigrationInterface {
  name = 'MasterPasswordResets1795593900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "master_password_resets" (
        "company_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "requested_by" uuid NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_master_password_resets" PRIMARY KEY ("company_id", "id"),
        CONSTRAINT "CHK_master_password_resets_status" CHECK ("status" IN ('pending', 'completed')),
        CONSTRAINT "FK_master_password_resets_user" FOREIGN KEY ("company_id", "user_id")
          REFERENCES "user_accounts"("company_id", "id") ON DELETE CASCADE,
        CONSTRAINT "FK_master_password_resets_requested_by" FOREIGN KEY ("company_id", "requested_by")
          REFERENCES "admins"("company_id", "id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_master_password_resets_status" ON "master_password_resets" ("company_id", "status", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "master_password_resets"`);
  }
}
