import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user keeps the provider of the integration that manages it, so that the accounts module answers "managed by
 * Okta" from its own table. A tab's provider never changes; existing users take it from their integration.
 */
export class UserIntegrationProvider1796077440145 implements MigrationInterface {
  name = 'UserIntegrationProvider1796077440145';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_accounts" ADD "integration_provider" character varying(32)`);
    await queryRunner.query(`
      UPDATE "user_accounts" AS "user" SET "integration_provider" = "integration"."provider"
        FROM "directory_integrations" AS "integration"
       WHERE "integration"."company_id" = "user"."company_id" AND "integration"."id" = "user"."integration_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_accounts" DROP COLUMN "integration_provider"`);
  }
}
