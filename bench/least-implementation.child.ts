import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Module,
  NotFoundException,
  OnApplicationShutdown,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { Pool } from 'pg';
import { fixedTokenStrategy, runReferenceApp, serveUntilStdinCloses } from './reference-app';

/**
 * The least an implementation of the SCIM hot paths can do on this machine: the framework floor's NestJS app and
 * bearer check (framework-floor.child.ts) plus a `pg` pool, sending only the SQL each shape cannot do without, on
 * copies of the service's tables in the raw baseline's scratch schema — no company scope, row-level security, SCIM
 * parsing or rendering, validation, sync log, counts, rate limit, logging, or work caused by the events — and one
 * statement per request:
 * - a lookup reads the user by its userName with its groups (the response carries them);
 * - a create writes the user and its event;
 * - a deactivation updates the user, writes its event and reads the user's groups.
 * Started by the benchmark with LEAST_TOKEN, LEAST_DATABASE_URL, LEAST_SCHEMA, LEAST_COMPANY_ID and
 * LEAST_CONNECTIONS; prints `listening <url>` and exits when its stdin closes.
 */
const token = Buffer.from(process.env.LEAST_TOKEN ?? '');
const schema = process.env.LEAST_SCHEMA ?? '';
const companyId = process.env.LEAST_COMPANY_ID ?? '';

type Json = Record<string, unknown>;

@Injectable()
class Database implements OnApplicationShutdown {
  readonly pool = new Pool({
    connectionString: process.env.LEAST_DATABASE_URL,
    max: Number(process.env.LEAST_CONNECTIONS ?? '10'),
  });

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

const USERS = `"${schema}".user_accounts`;
const EVENTS = `"${schema}".change_events`;
/** The groups of the user row `u`, as a JSON array, for the statement that reads or changes the user. */
const GROUPS_OF_U = `coalesce((SELECT json_agg(json_build_object('value', g.id, 'display', g.display_name) ORDER BY g.display_name)
  FROM "${schema}".group_members gm JOIN "${schema}".groups g ON g.company_id = gm.company_id AND g.id = gm.group_id
  WHERE gm.company_id = u.company_id AND gm.user_id = u.id), '[]') AS groups`;
const LOOK_UP = `SELECT u.*, ${GROUPS_OF_U} FROM ${USERS} u
  WHERE u.company_id = $1 AND u.user_name_key = lower($2) AND u.state <> 'deleted'`;
const CREATE_WITH_EVENT = `WITH created AS (
    INSERT INTO ${USERS} (company_id, user_name, external_id, display_name, state, attributes)
    VALUES ($1, $2, $3, $4, 'provisioned', $5) RETURNING *
  ), event AS (
    INSERT INTO ${EVENTS} (id, company_id, type, source, subject, data)
    SELECT gen_random_uuid(), company_id, 'user.provisioned', '{"kind":"scim"}', jsonb_build_object('userId', id), '{}' FROM created
  )
  SELECT * FROM created`;
const DEACTIVATE_WITH_EVENT = `WITH changed AS (
    UPDATE ${USERS} SET state = 'disabled', version = version + 1, updated_at = now()
    WHERE company_id = $1 AND id = $2 AND state <> 'deleted' RETURNING *
  ), event AS (
    INSERT INTO ${EVENTS} (id, company_id, type, source, subject, data)
    SELECT gen_random_uuid(), company_id, 'user.disabled', '{"kind":"scim"}', jsonb_build_object('userId', id), '{}' FROM changed
  )
  SELECT u.*, ${GROUPS_OF_U} FROM changed u`;

/** Each request is one statement: the fewest exchanges with the database any implementation can make. */
@Controller('users')
@UseGuards(AuthGuard('least-bearer'))
class LeastUsersController {
  constructor(private readonly database: Database) {}

  @Get()
  async lookUp(@Query('filter') filter: string): Promise<Json> {
    const userName = /^userName eq "(.*)"$/.exec(filter ?? '')?.[1] ?? '';
    const { rows } = await this.database.pool.query(LOOK_UP, [companyId, userName]);
    return { totalResults: rows.length, Resources: rows };
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: Json): Promise<Json> {
    const { userName, externalId, displayName, ...attributes } = body;
    const { rows } = await this.database.pool.query(CREATE_WITH_EVENT, [companyId, userName, externalId, displayName, attributes]);
    return { ...(rows[0] as Json), groups: [] };
  }

  @Patch(':id')
  async deactivate(@Param('id') id: string): Promise<Json> {
    const { rows } = await this.database.pool.query(DEACTIVATE_WITH_EVENT, [companyId, id]);
    if (rows.length === 0) throw new NotFoundException();
    return { ...(rows[0] as Json), active: false };
  }
}

@Module({
  imports: [PassportModule],
  controllers: [LeastUsersController],
  providers: [fixedTokenStrategy('least-bearer', token), Database],
})
class LeastImplementationModule {}

async function main(): Promise<void> {
  if (token.length === 0 || !schema || !companyId) throw new Error('LEAST_TOKEN, LEAST_SCHEMA and LEAST_COMPANY_ID must be set');
  const app = await NestFactory.create<NestExpressApplication>(LeastImplementationModule, { logger: false, bodyParser: false });
  // SCIM clients send application/scim+json.
  app.useBodyParser('json', { type: ['application/json', 'application/scim+json'] });
  await serveUntilStdinCloses(app);
}

runReferenceApp(main);
