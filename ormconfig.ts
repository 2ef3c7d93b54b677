import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './src/database/data-source-options';
import { EmbeddedPostgres } from './src/database/embedded-postgres';

export { buildDataSourceOptions };

/**
 * The DataSource the TypeORM CLI loads (`npm run migration:*`): DATABASE_URL when set,
 * otherwise the embedded database under DATA_DIR, as the app itself would use.
 * The app builds its DataSource from the same buildDataSourceOptions.
 */
async function cliDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (url) return new DataSource(buildDataSourceOptions(url, 1));
  const embedded = await EmbeddedPostgres.start(resolve(process.env.DATA_DIR ?? 'data'));
  const dataSource = new DataSource(buildDataSourceOptions(embedded.url, 1));
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded.stop();
  };
  return dataSource;
}

export const dataSource = cliDataSource();
