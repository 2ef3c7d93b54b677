import { DataSource } from 'typeorm';
import { EmptyDatabase, emptyDatabaseEngines, migratedDataSource } from '../../test/support/empty-database';

/**
 * The entities declare the schema and the migrations build it: after every migration has run on an empty
 * database, TypeORM compares the two as `npm run migration:generate` would. Runs on PGlite (PostgreSQL 18)
 * and on the PostgreSQL at DATABASE_URL, in a database of its own.
 */

/** The statements that would bring the database to what the entities declare. */
async function changesTheEntitiesAsk(dataSource: DataSource): Promise<string[]> {
  const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
  return upQueries.map((query) => query.query.trim());
}

describe('Entities and migrations', () => {
  describe.each(emptyDatabaseEngines())('on %s', (_engine, emptyDatabase) => {
    let database: EmptyDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      database = await emptyDatabase();
      dataSource = await migratedDataSource(database.url);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.remove();
    });

    it('declare the same schema: generating a migration from the entities finds nothing to change', async () => {
      expect(await changesTheEntitiesAsk(dataSource)).toEqual([]);
    });

    it('would be told apart: an entity column that differs from the migrations asks for a change', async () => {
      const name = dataSource.getMetadata('companies').findColumnWithDatabaseName('name')!;
      const length = name.length;
      name.length = '201';
      try {
        expect(await changesTheEntitiesAsk(dataSource)).toContain('ALTER TABLE "companies" ADD "name" character varying(201) NOT NULL');
      } finally {
        name.length = length;
      }
    });
  });
});
