import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { isUUID } from 'class-validator';
import { DomainException } from '../common/errors/domain.exception';
import { AdminsService } from '../companies/admins.service';
import { loadConfiguration } from '../config/configuration';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { describeStartupFailure } from '../startup/startup-failure';
import { AdminCliModule } from './admin-cli.module';

const USAGE = `Usage: npm run admin -- issue-key --email <email> [--company <company id>] [--revoke-others]

issue-key   Prints a new admin API key for an existing admin, once. The admin's other keys keep
            working unless --revoke-others. --company is needed when the email is an admin of
            several companies. Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the
            service first: the embedded database serves one process at a time).`;

class UsageError extends Error {}

interface IssueKeyRequest {
  email: string;
  companyId?: string;
  revokeOthers: boolean;
}

function parseCommand(argv: string[]): IssueKeyRequest {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: 'string' }, company: { type: 'string' }, 'revoke-others': { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'issue-key') {
    throw new UsageError(positionals.length === 0 ? 'No command given' : `Unknown command: ${positionals.join(' ')}`);
  }
  const email = values.email;
  if (typeof email !== 'string' || !email.includes('@')) throw new UsageError('--email <email> is required');
  const companyId = values.company;
  if (companyId !== undefined && (typeof companyId !== 'string' || !isUUID(companyId))) {
    throw new UsageError('--company takes a company id (a UUID)');
  }
  return { email, companyId, revokeOthers: values['revoke-others'] === true };
}

async function issueKey(request: IssueKeyRequest): Promise<void> {
  const config = loadConfiguration(process.env);
  const embedded = config.database.url ? null : await EmbeddedPostgres.start(config.database.dataDir);
  try {
    const context = await NestFactory.createApplicationContext(AdminCliModule.forRoot(config, config.database.url ?? embedded!.url), {
      logger: false,
      abortOnError: false,
    });
    try {
      const issued = await context.get(AdminsService).issueKeyOnServer(request.email, request.companyId, request.revokeOthers);
      process.stdout.write(
        [
          `New admin API key for ${issued.admin.email} (${issued.admin.role}) of ${issued.companyName} (${issued.admin.companyId}):`,
          '',
          `  ${issued.apiKey}`,
          '',
          "Shown once: it is stored only as a hash. The issue is recorded in the company's audit log.",
          request.revokeOthers
            ? `Other keys of this admin revoked: ${issued.revokedOtherKeys}.`
            : "The admin's other keys still work (--revoke-others revokes them).",
          '',
        ].join('\n'),
      );
    } finally {
      await context.close();
    }
  } finally {
    await embedded?.stop();
  }
}

async function main(): Promise<void> {
  const request = parseCommand(process.argv.slice(2));
  await issueKey(request);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const message = error instanceof DomainException ? error.message : describeStartupFailure(error, process.env);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
