import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertTenantRoleUsable } from './company-scoped-client';
import { DatabaseNotices } from './database-notices';
import { DatabasePoolStats } from './database-pool.stats';
import { buildDataSourceOptions } from './data-source-options';
import { runPendingMigrations } from './run-migrations';
import { TransactionHost } from './transaction-host';

export interface DatabaseConnection {
  url: string;
  /** Where LISTEN connects when the pool's URL cannot carry it (a pooler in transaction mode); else the pool's URL. */
  listenUrl?: string;
  poolSize: number;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions(connection.url, connection.poolSize),
            retryAttempts: 5,
            retryDelay: 1000,
          }),
          // Migrations run before any module can use the connection.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            try {
              await runPendingMigrations(dataSource);
              await assertTenantRoleUsable(dataSource);
            } catch (error) {
              // Nest never receives this DataSource, so nothing else would close its connections.
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
      providers: [
        TransactionHost,
        DatabasePoolStats,
        // Notices need a connection beside the pool's; a pool of one is the embedded database, which has no room for it.
        {
          provide: DatabaseNotices,
          useFactory: () => new DatabaseNotices(connection.poolSize > 1 ? (connection.listenUrl ?? connection.url) : undefined),
        },
      ],
      exports: [TransactionHost, DatabasePoolStats, DatabaseNotices],
    };
  }
}
