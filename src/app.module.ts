import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AdminAuthModule } from './admin-auth/admin-auth.module';
import { CompaniesModule } from './companies/companies.module';
import { AppConfiguration } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { DirectoryIntegrationsModule } from './directory-integrations/directory-integrations.module';
import { UserMembershipsModule } from './groups/user-memberships.module';
import { HealthModule } from './health/health.module';
import { InternalAuthModule } from './internal-auth/internal-auth.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RetentionModule } from './retention/retention.module';
import { ScimModule } from './scim/scim.module';

export interface AppModuleOptions {
  config: AppConfiguration;
  /** The URL of the PostgreSQL to use: DATABASE_URL or the embedded server's. */
  databaseUrl: string;
  poolSize: number;
  logger: Logger;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, poolSize, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        // The request logger runs first of all (src/application.ts); this binds it for injected loggers.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize }),
        HealthModule,
        CompaniesModule,
        AdminAuthModule,
        InternalAuthModule,
        DirectoryIntegrationsModule,
        UserMembershipsModule,
        ScimModule,
        RateLimitModule,
        MetricsModule,
        RetentionModule,
      ],
    };
  }
}
