import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SCIM lists users and groups in creation order (stable across pages): without an index on that order every page
 * sorted the whole company. The integration index serves the counters on the Directory integrations tabs.
 */
export class ListingIndexes1795594000000 implements MigrationInterface {
  name = 'ListingIndexes1795594000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_user_accounts_created" ON "user_accounts" ("company_id", "created_at", "id") WHERE "state" <> 'deleted'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_groups_created" ON "groups" ("company_id", "created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_user_accounts_integration" ON "user_accounts" ("company_id", "integration_id") WHERE "state" <> 'deleted'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_user_accounts_integration"`);
    await queryRunner.query(`DROP INDEX "IDX_groups_created"`);
    await queryRunner.query(`DROP INDEX "IDX_user_accounts_created"`);
  }
}
