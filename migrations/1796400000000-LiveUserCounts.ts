import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_COMPANY = `NULLIF(current_setting('app.company_id', true), '')::uuid`;

/**
 * live_user_counts keeps, per company, how many users are not deleted (live) and how many times that set has changed
 * (changes: users created, deleted, or hard-deleted while live), maintained by triggers on user_accounts whatever
 * writes it (SCIM, the Provisioning API, a directory snapshot, a company's removal). A listing's totalResults is then
 * a sum of a few rows instead of a count over every user, and a listing cursor still holds exactly when `changes` has
 * not moved since its page (src/accounts/listing-cursors.ts).
 *
 * A company has several rows (slots), and a writer adds to one that no other transaction holds, or to a new one: it
 * never waits for another writer, so the counts add no lock wait (nor deadlock) to a transaction, and a company has
 * about as many rows as it had writers at once. The functions run as the owner: the counts are written past
 * row-level security, and read through it.
 */
export class LiveUserCounts1796400000000 implements MigrationInterface {
  name = 'LiveUserCounts1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "live_user_counts" (
        "company_id" uuid NOT NULL,
        "slot" integer NOT NULL,
        "live" bigint NOT NULL DEFAULT 0,
        "changes" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_live_user_counts" PRIMARY KEY ("company_id", "slot"),
        CONSTRAINT "FK_live_user_counts_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`GRANT SELECT ON "live_user_counts" TO dps_tenant`);
    await queryRunner.query(`ALTER TABLE "live_user_counts" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "company_isolation" ON "live_user_counts" TO dps_tenant USING ("company_id" = ${CURRENT_COMPANY})`,
    );

    await queryRunner.query(`
      CREATE FUNCTION "add_to_live_user_count"(company uuid, live_delta bigint, changes_delta bigint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
      AS $$
      DECLARE
        free_slot integer;
      BEGIN
        LOOP
          SELECT slot INTO free_slot FROM live_user_counts WHERE company_id = company LIMIT 1 FOR UPDATE SKIP LOCKED;
          IF FOUND THEN
            UPDATE live_user_counts SET live = live + live_delta, changes = changes + changes_delta
             WHERE company_id = company AND slot = free_slot;
            RETURN;
          END IF;
          -- Every slot is another writer's until it commits, or there is none yet. A company being removed deletes
          -- its users after itself: nothing is counted for it.
          IF NOT EXISTS (SELECT FROM companies WHERE id = company) THEN
            RETURN;
          END IF;
          INSERT INTO live_user_counts (company_id, slot, live, changes)
          VALUES (company, 1 + floor(random() * 2147483646)::integer, live_delta, changes_delta)
          ON CONFLICT DO NOTHING;
          IF FOUND THEN
            RETURN;
          END IF;
        END LOOP;
      END
      $$`);
    // Once per INSERT statement, however many users it inserts (a directory snapshot inserts thousands).
    await queryRunner.query(`
      CREATE FUNCTION "count_inserted_users"() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
      AS $$
      DECLARE
        inserted record;
      BEGIN
        FOR inserted IN SELECT company_id, count(*) AS live FROM inserted_users WHERE state <> 'deleted' GROUP BY company_id LOOP
          PERFORM add_to_live_user_count(inserted.company_id, inserted.live, inserted.live);
        END LOOP;
        RETURN NULL;
      END
      $$`);
    // A user that leaves or rejoins the live set.
    await queryRunner.query(`
      CREATE FUNCTION "count_user_leaving_or_rejoining"() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
      AS $$
      BEGIN
        PERFORM add_to_live_user_count(OLD.company_id, CASE WHEN TG_OP = 'UPDATE' AND NEW.state <> 'deleted' THEN 1 ELSE -1 END, 1);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "add_to_live_user_count"(uuid, bigint, bigint) FROM PUBLIC`);
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
      INSERT INTO "live_user_counts" ("company_id", "slot", "live", "changes")
      SELECT "company_id", 1, count(*), 0 FROM "user_accounts" WHERE "state" <> 'deleted' GROUP BY "company_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "user_accounts_count_removed" ON "user_accounts"`);
    await queryRunner.query(`DROP TRIGGER "user_accounts_count_state" ON "user_accounts"`);
    await queryRunner.query(`DROP TRIGGER "user_accounts_count_inserted" ON "user_accounts"`);
    await queryRunner.query(`DROP FUNCTION "count_user_leaving_or_rejoining"()`);
    await queryRunner.query(`DROP FUNCTION "count_inserted_users"()`);
    await queryRunner.query(`DROP FUNCTION "add_to_live_user_count"(uuid, bigint, bigint)`);
    await queryRunner.query(`DROP TABLE "live_user_counts"`);
  }
}
