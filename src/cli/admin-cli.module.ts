import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CompaniesModule } from '../companies/companies.module';
import { AppConfiguration } from '../config/configuration';
import { DatabaseModule } from '../database/database.module';

/** What the admin command line needs: the database and the companies module, no HTTP. */
@Module({})
export class AdminCliModule {
  static forRoot(config: AppConfiguration, databaseUrl: string): DynamicModule {
    return {
      module: AdminCliModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: 1 }),
        CompaniesModule,
      ],
    };
  }
}
