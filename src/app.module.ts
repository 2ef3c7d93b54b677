import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AdminAuthModule } from './admin-auth/admin-auth.module';
import { CompaniesModule } from './companies/companies.module';
import { AppConfiguration } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { DirectoryIntegrationsModule } from './directory-integrations/directory-integrations.module';
import { HealthModule } from './health/health.module';
import { InternalAuthModule } from './internal-auth/internal-auth.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ScimModule } from './scim/scim.module';

export interface AppModuleOptions {
  config: AppConfiguration;
  /** The URL of the PostgreSQL to use: DATABASE_URL or the embedded server's. */
  databaseUrl: string;
  poolSize: number;
  /** Where JSON logs go; stdout unless a test captures them. */
  logDestination?: DestinationStream;
}

const REQUEST_ID_HEADER = 'x-request-id';

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, poolSize, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: (request: IncomingMessage) => requestIdOf(request),
              redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
              customProps: () => ({ context: 'HTTP' }),
              // Keep request logs small: the line per request is on every SCIM call's path.
              serializers: {
                req: (request: { id: string; method: string; url: string }) => ({
                  id: request.id,
                  method: request.method,
                  url: withoutQueryCredentials(request.url),
                }),
                res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
              },
            },
            logDestination ?? process.stdout,
          ],
        }),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize }),
        HealthModule,
        CompaniesModule,
        AdminAuthModule,
        InternalAuthModule,
        DirectoryIntegrationsModule,
        ScimModule,
        RateLimitModule,
      ],
    };
  }
}

/** A caller's own request id is kept (when it is sane) so logs can be joined across services. */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/** A token put in the query string (`?access_token=`) is refused, but must not reach the log either. */
function withoutQueryCredentials(url: string): string {
  return url.replace(/([?&](?:access_token|token|api_key)=)[^&]*/gi, '$1[redacted]');
}
