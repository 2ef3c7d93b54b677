import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmptyDatabase, emptyDatabaseEngines, migratedAfterFilling } from './support/empty-database';

const LIVE_USER_COUNTS = 1796400000000;

const acme = randomUUID();
const globex = randomUUID();

async function storeUsers(dataSource: DataSource, companyId: string, live: number, deleted: number): Promise<void> {
  await dataSource.query(`INSERT INTO companies (id, name) VALUES ($1, 'Company') ON CONFLICT DO NOTHING`, [companyId]);
  await dataSource.query(
    `INSERT INTO user_accounts (company_id, user_name, state, deleted_at)
     SELECT $1::uuid, 'user-' || n || '-' || $4::text || '@acme.test', CASE WHEN n <= $3 THEN 'deleted' ELSE 'active' END,
            CASE WHEN n <= $3 THEN now() END
       FROM generate_series(1, $2::int + $3::int) AS n`,
    [companyId, live, deleted, randomUUID()],
  );
}

describe('LiveUserCounts migration', () => {
  describe.each(emptyDatabaseEngines())('on %s', (_engine, emptyDatabase) => {
    let database: EmptyDatabase;
    let dataSource: DataSource;

    /** Each company's counts: live users and changes since the migration. */
    const counts = async (): Promise<Record<string, { live: number; changes: number }>> => {
      const rows: { company_id: string; live: string; changes: string }[] = await dataSource.query(
        'SELECT company_id, sum(live) AS live, sum(changes) AS changes FROM live_user_counts GROUP BY company_id',
      );
      return Object.fromEntries(rows.map((row) => [row.company_id, { live: Number(row.live), changes: Number(row.changes) }]));
    };

    beforeAll(async () => {
      database = await emptyDatabase();
      dataSource = await migratedAfterFilling(database.url, LIVE_USER_COUNTS, async (stored) => {
        await storeUsers(stored, acme, 3, 2);
        await storeUsers(stored, globex, 1, 0);
      });
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.remove();
    });

    it("counts each company's users that are not deleted", async () => {
      expect(await counts()).toEqual({ [acme]: { live: 3, changes: 0 }, [globex]: { live: 1, changes: 0 } });
    });

    it('follows users created, deleted, restored and removed from then on', async () => {
      await storeUsers(dataSource, acme, 2, 1);
      expect((await counts())[acme]).toEqual({ live: 5, changes: 2 });
      const [user] = await dataSource.query(`SELECT id FROM user_accounts WHERE company_id = $1 AND state = 'active' LIMIT 1`, [acme]);
      await dataSource.query(`UPDATE user_accounts SET state = 'disabled' WHERE id = $1`, [user.id]);
      expect((await counts())[acme]).toEqual({ live: 5, changes: 2 });
      await dataSource.query(`UPDATE user_accounts SET state = 'deleted', deleted_at = now() WHERE id = $1`, [user.id]);
      expect((await counts())[acme]).toEqual({ live: 4, changes: 3 });
      await dataSource.query(`UPDATE user_accounts SET state = 'active', deleted_at = NULL WHERE id = $1`, [user.id]);
      expect((await counts())[acme]).toEqual({ live: 5, changes: 4 });
      await dataSource.query(`DELETE FROM user_accounts WHERE id = $1`, [user.id]);
      expect((await counts())[acme]).toEqual({ live: 4, changes: 5 });
      expect((await counts())[globex]).toEqual({ live: 1, changes: 0 });
    });

    it('reverts: no counts table, and users are written as before', async () => {
      await dataSource.undoLastMigration({ transaction: 'all' });
      const [table] = await dataSource.query(`SELECT to_regclass('live_user_counts') AS found`);
      expect(table.found).toBeNull();
      await storeUsers(dataSource, globex, 1, 1);
      await dataSource.query('DELETE FROM companies WHERE id = $1', [acme]);
    });
  });
});
