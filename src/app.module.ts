import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AdminAuthModule } from './admin-auth/admin-auth.module';
import { CompaniesModule } from './companies/companies.module';
import { ConsoleModule } from './console/console.module';
import { JsonBodyMiddleware } from './common/http/json-body.middleware';
import { AppConfiguration } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { DirectoryIntegrationsModule } from './directory-integrations/directory-integrations.module';
import { DirectoryConnectorModule } from './directory-connector/directory-connector.module';
import { DirectorySyncModule } from './directory-sync/directory-sync.module';
import { WebhooksModule } from './events/webhooks/webhooks.module';
import { KeyGrantsModule } from './events/key-grants/key-grants.module';
import { UserMembershipsModule } from './groups/user-memberships.module';
import { GoogleWorkspaceModule } from './google-workspace/google-workspace.module';
import { HealthModule } from './health/health.module';
import { InternalAuthModule } from './internal-auth/internal-auth.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProvisioningApiModule } from './provisioning-api/provisioning-api.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RetentionModule } from './retention/retention.module';
import { ScimModule } from './scim/scim.module';
import { SCIM_ROUTES } from './scim/scim-routes';

export interface AppModuleOptions {
  config: AppConfiguration;
  /** The URL of the PostgreSQL to use: DATABASE_URL or the embedded server's. */
  databaseUrl: string;
  poolSize: number;
  logger: Logger;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, databaseUrl, poolSize, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        // Injected loggers; the request's own logger is bound by the request entry (src/application.ts), not here.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        DatabaseModule.forRoot({ url: databaseUrl, listenUrl: config.database.listenUrl, poolSize }),
        HealthModule,
        CompaniesModule,
        AdminAuthModule,
        InternalAuthModule,
        DirectoryIntegrationsModule,
        UserMembershipsModule,
        ScimModule,
        ProvisioningApiModule,
        RateLimitModule,
        MetricsModule,
        RetentionModule,
        WebhooksModule,
        KeyGrantsModule,
        DirectorySyncModule,
        DirectoryConnectorModule,
        GoogleWorkspaceModule,
        ConsoleModule,
      ],
    };
  }

  /** Bodies of every route but the SCIM surface's, which reads its own (ScimModule); unknown paths included. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).exclude(SCIM_ROUTES).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
