import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * Rows of the counts a writing connection adds to: its own, so that concurrent writers of one company do not queue
 * on one row (a connection's transactions never wait on each other).
 */
const SHARDS = 16;

/**
 * live_user_counts keeps, per company, how many users are not deleted (live) and how many times that set has changed
 * (changes: users created, deleted, or hard-deleted while live), maintained by triggers on user_accounts whatever
 * writes it (SCIM, the Provisioning API, a directory snapshot, retention, a company's removal). A listing's
 * totalResults is then a sum of at most 16 rows instead of a count over every user, and a listing cursor still holds
 * exactly when `changes` has not moved since its page (src/accounts/listing-cursors.ts).
 *
 * The triggers' functions run as the owner: the counts are written past row-level security, and read through it.
 */
export class LiveUserCounts1796400000000 implements MigrationInterface {
  name = 'LiveUserCounts1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "live_user_counts" (
        "company_id" uuid NOT NULL,
        "shard" smallint NOT NULL,
        "live" bigint NOT NULL DEFAULT 0,
        "changes" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_live_user_counts" PRIMARY KEY ("company_id", "shard"),
        CONSTRAINT "FK_live_user_counts_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`GRANT SELECT ON "live_user_counts" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "live_user_counts" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "live_user_counts" TO dps_tenant USING ("company_id" = ${CURRENT_COMPANY})`,
    );

    // One upsert per INSERT statement, however many users it inserts (a directory snapshot inserts thousands).
    await queryRunner.query(`
      CREATE FUNCTION "count_inserted_users"() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
      AS $$
      BEGIN
        INSERT INTO live_user_counts AS c (company_id, shard, live, changes)
        SELECT company_id, pg_backend_pid() % ${SHARDS}, count(*), count(*)
          FROM inserted_users WHERE state <> 'deleted' GROUP BY company_id
        ON CONFLICT (company_id, shard) DO UPDATE SET live = c.live + EXCLUDED.live, changes = c.changes + EXCLUDED.changes;
        RETURN NULL;
      END
      $$`);
    // A user that leaves or rejoins the live set. A company's removal deletes its users after the company itself:
    // their counts went with it, and nothing is counted for a company that is gone.
    await queryRunner.query(`
      CREATE FUNCTION "count_user_leaving_or_rejoining"() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
      AS $$
      DECLARE
        delta bigint := CASE WHEN TG_OP = 'UPDATE' AND NEW.state <> 'deleted' THEN 1 ELSE -1 END;
      BEGIN
        INSERT INTO live_user_counts AS c (company_id, shard, live, changes)
        SELECT OLD.company_id, pg_backend_pid() % ${SHARDS}, delta, 1
         WHERE EXISTS (SELECT FROM companies WHERE id = OLD.company_id)
        ON CONFLICT (company_id, shard) DO UPDATE SET live = c.live + EXCLUDED.live, changes = c.changes + 1;
        RETURN NULL;
      END
      $$`);
    for (const fn of ['count_inserted_users', 'count_user_leaving_or_rejoining']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION "${fn}"() FROM PUBLIC`);
    }
    await queryRunner.query(`
      CREATE TRIGGER "user_accounts_count_inserted" AFTER INSERT ON "user_accounts"
        REFERENCING NEW TABLE AS inserted_users FOR EACH STATEMENT EXECUTE FUNCTION "count_inserted_users"()`);
    await queryRunner.query(`
      CREATE TRIGGER "user_accounts_count_state" AFTER UPDATE OF "state" ON "user_accounts" FOR EACH ROW
        WHEN ((OLD."state" = 'deleted') IS DISTINCT FROM (NEW."state" = 'deleted'))
        EXECUTE FUNCTION "count_user_leaving_or_rejoining"()`);
    await queryRunner.query(`
      CREATE TRIGGER "user_accounts_count_removed" AFTER DELETE ON "user_accounts" FOR EACH ROW
        WHEN (OLD."state" <> 'deleted')
        EXECUTE FUNCTION "count_user_leaving_or_rejoining"()`);

    // After the triggers: creating them locked out writers until this commits, so no user is counted twice or missed.
    await queryRunner.query(`
      INSERT INTO "live_user_counts" ("company_id", "shard", "live", "changes")
      SELECT "company_id", 0, count(*), 0 FROM "user_accounts" WHERE "state" <> 'deleted' GROUP BY "company_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "user_accounts_count_removed" ON "user_accounts"`);
    await queryRunner.query(`DROP TRIGGER "user_accounts_count_state" ON "user_accounts"`);
    await queryRunner.query(`DROP TRIGGER "user_accounts_count_inserted" ON "user_accounts"`);
    await queryRunner.query(`DROP FUNCTION "count_user_leaving_or_rejoining"()`);
    await queryRunner.query(`DROP FUNCTION "count_inserted_users"()`);
    await queryRunner.query(`DROP TABLE "live_user_counts"`);
  }
}
