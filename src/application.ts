import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import type { Logger as PinoLogger } from 'pino';
import { recordedHeaders } from './common/http/precomputed-headers';
import { createLogger, standardOutput } from './common/http/http-logger';
import { requestEntry } from './common/http/request-entry';
import { validationException } from './common/validation/validation-exception.factory';
import { AppConfiguration, loadConfiguration } from './config/configuration';
import { DemoCompanySeeder } from './companies/demo-company.seeder';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { assertPortFree } from './startup/port-probe';
import { ADMIN_KEY_STRATEGY } from './admin-auth/admin-key.strategy';
import { PROVISIONING_API_KEY_STRATEGY } from './provisioning-api/authentication/provisioning-api-key.strategy';
import { CONNECTOR_TOKEN_STRATEGY } from './directory-connector/authentication/connector-token.strategy';
import { API_TAGS } from './common/openapi/api-tags';
import { INTERNAL_SERVICE_STRATEGY } from './internal-auth/internal-service.strategy';
import { METRICS_TOKEN_SCHEME } from './metrics/metrics-token.guard';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';

export interface RunningApplication {
  app: NestExpressApplication;
  config: AppConfiguration;
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Graceful stop: in-flight requests finish, the database connections and the embedded database close. */
  close(): Promise<void>;
}

export interface StartOptions {
  logDestination?: DestinationStream;
  /**
   * A cluster worker's port is the primary's, checked once before the workers were forked: probing it here would find
   * a sibling worker, or the primary itself, listening on it.
   */
  portCheckedByPrimary?: boolean;
}

/** Validates the environment, starts the database (embedded unless DATABASE_URL is set) and the HTTP server. */
export async function startApplication(env: Record<string, string | undefined>, options: StartOptions = {}): Promise<RunningApplication> {
  const config = loadConfiguration(env);
  // A busy port is found before the database is touched; the seeding below waits for the bound port anyway.
  if (!options.portCheckedByPrimary) await assertPortFree(config.http.host, config.http.port);
  const embedded = config.database.url ? null : await EmbeddedPostgres.start(config.database.dataDir);
  const databaseUrl = config.database.url ?? embedded!.url;
  // PGlite is one backend session: concurrent connections would interleave their protocol messages
  // (one connection's Execute running another's portal), so the embedded database gets exactly one.
  const poolSize = embedded ? 1 : config.database.poolSize;
  const logger = createLogger(config.logLevel, options.logDestination ?? standardOutput());
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl, poolSize, logger }),
      // Start-up logs wait for the JSON logger; a failed start drops them and main.ts prints one line instead.
      { bufferLogs: true, autoFlushLogs: false, bodyParser: false, abortOnError: false },
    );
    configureApplication(app, config, logger);
    await app.listen(config.http.port, config.http.host);
    await app.get(DemoCompanySeeder).seedIfEmpty();
  } catch (error) {
    await app?.close();
    await embedded?.stop();
    throw error;
  }
  const running = app;
  const address = running.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  return {
    app: running,
    config,
    url: `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}`,
    close: async () => {
      await running.close();
      await embedded?.stop();
    },
  };
}

function configureApplication(app: NestExpressApplication, config: AppConfiguration, logger: PinoLogger): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const metrics = app.get(MetricsService);
  // First, so that the time measured covers the whole stack; not installed at all when nobody scrapes.
  if (metrics.enabled) app.use(httpMetricsMiddleware(metrics));
  // Before routing, so that routing, the logs and the sync log all see the request's id and collapsed path.
  app.use(requestEntry(logger, recordedHeaders(helmet())));
  // SCIM resources carry their own versions; Express's body-hash ETags would contradict them.
  app.set('etag', false);
  // Bodies are read by route-bound middleware: JsonBodyMiddleware (AppModule) and the SCIM surface's (ScimModule).
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationException }),
  );
  // The SCIM surface binds its own filter (ScimController, ScimModule's middleware); everything else answers this one.
  app.useGlobalFilters(new HttpExceptionFilter());
  setUpOpenApi(app, config);
}

function setUpOpenApi(app: NestExpressApplication, config: AppConfiguration): void {
  const builder = new DocumentBuilder()
    .setTitle('Directory provisioning service')
    .setDescription(
      'Admin console API (`/api/admin`, admin API key), Provisioning API (`/api/v1`, Provisioning API key), directory ' +
        'connector API (`/api/connector/v1`, connector token), internal ' +
        'service API (`/api/internal`, service credential) ' +
        'and health. The SCIM 2.0 API lives under `/scim/v2` and is described by its own discovery endpoints.\n\n' +
        'Every error of these APIs answers with one JSON body (`ErrorResponseDto`): `statusCode`, `error`, a stable ' +
        '`code` to branch on, a human `message`, `details` naming each invalid field, and the `requestId` of the log ' +
        'line. JSON bodies are limited to 1 MB. Admin API keys are rate-limited per key (429 with `Retry-After`).',
    )
    .setVersion('1')
    .addServer(config.http.publicBaseUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Admin API key (dpsadm_...)' }, ADMIN_KEY_STRATEGY)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Provisioning API key (dpsprov_...)' }, PROVISIONING_API_KEY_STRATEGY)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Directory connector token (dpsconn_...)' }, CONNECTOR_TOKEN_STRATEGY)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Internal service credential' }, INTERNAL_SERVICE_STRATEGY)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' }, METRICS_TOKEN_SCHEME);
  API_TAGS.forEach(({ name, description }) => builder.addTag(name, description));
  const document = builder.build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
