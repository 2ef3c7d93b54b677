import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CompaniesModule } from '../companies/companies.module';
import { AppConfiguration } from '../config/configuration';
import { DatabaseModule } from '../database/database.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';

/**
 * What the admin command line needs: the database and the companies module, no HTTP; the rate limits too, which the
 * companies module's controllers declare (RateLimited), as they are built even where nothing routes to them.
 */
@Module({})
export class AdminCliModule {
  static forRoot(config: AppConfiguration, databaseUrl: string): DynamicModule {
    return {
      module: AdminCliModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: 1 }),
        RateLimitModule,
        CompaniesModule,
      ],
    };
  }
}
