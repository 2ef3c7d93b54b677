import { Injectable } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { GoogleWorkspaceConnection } from './entities/google-workspace-connection.entity';
import { GoogleApiError, GoogleFailureKind } from './google-api-error';
import { DirectorySession, GoogleDirectoryClient } from './google-directory.client';
import { directoryAccountOf } from './google-workspace-setup';
import { ServiceAccountKeyReader } from './service-account-key.reader';

export type ConnectionCheckName = 'key' | 'delegation' | 'permissions' | 'scope';

export interface ConnectionCheck {
  name: ConnectionCheckName;
  ok: boolean | null;
  detail: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** The first check that failed, null when all passed. */
  failed: ConnectionCheckName | null;
  checks: ConnectionCheck[];
}

const ORDER: ConnectionCheckName[] = ['key', 'delegation', 'permissions', 'scope'];

/**
 * Test connection: each step of a run's access, in order, until one fails: the key (decrypts, parses, Google
 * accepts its signature), the delegation (a token for the impersonated admin and the directory scopes), the
 * admin's permissions (a users page of the directory), the scope (the customer or domain, each chosen group).
 */
@Injectable()
export class GoogleConnectionTester {
  constructor(
    private readonly client: GoogleDirectoryClient,
    private readonly keys: ServiceAccountKeyReader,
  ) {}

  async test(connection: GoogleWorkspaceConnection): Promise<ConnectionTestResult> {
    const passed: ConnectionCheck[] = [];
    let session: DirectorySession;
    try {
      const key = this.keys.read(connection);
      session = this.client.open(directoryAccountOf(connection, key));
      passed.push({ name: 'key', ok: true, detail: `Service account ${key.clientEmail}, key ${key.privateKeyId}` });
      await session.authorize();
      passed.push({ name: 'delegation', ok: true, detail: `Google issued a token to act as ${connection.adminEmail}` });
      const users = await session.usersPage(null);
      passed.push({ name: 'permissions', ok: true, detail: `${connection.adminEmail} may read the directory's users and groups` });
      passed.push({ name: 'scope', ok: true, detail: await this.scopeDetail(session, connection, users.items.length > 0) });
      return { ok: true, failed: null, checks: passed };
    } catch (error) {
      const failure = failedCheck(error, passed.length);
      const checks = ORDER.map(
        (name) =>
          passed.find((check) => check.name === name && check.name !== failure.name) ??
          (name === failure.name ? failure : { name, ok: null, detail: 'Not checked: an earlier check failed' }),
      );
      return { ok: false, failed: failure.name, checks };
    }
  }

  private async scopeDetail(session: DirectorySession, connection: GoogleWorkspaceConnection, anyUser: boolean): Promise<string> {
    const directory = connection.customerId ? `customer ${connection.customerId}` : `domain ${connection.domain}`;
    if (!anyUser) throw new GoogleApiError('scope', `Google answered no users for the ${directory}`);
    if (connection.scopeKind === 'groups') {
      for (const key of connection.scopeValues) {
        try {
          await session.group(key);
        } catch (error) {
          if (error instanceof GoogleApiError && error.kind === 'scope')
            throw new GoogleApiError('scope', `The group ${key} is not in the directory`);
          throw error;
        }
      }
      return `The ${directory} and the groups ${connection.scopeValues.join(', ')}`;
    }
    if (connection.scopeKind === 'org_units') return `The ${directory}, org units ${connection.scopeValues.join(', ')}`;
    return `All users and groups of the ${directory}`;
  }
}

/** The check an error fails: the kind of Google's answer, or, for anything else, the step under way. */
function failedCheck(error: unknown, passedCount: number): ConnectionCheck {
  if (error instanceof GoogleApiError) return { name: checkOf(error.kind, passedCount), ok: false, detail: error.message };
  const detail = error instanceof DomainException ? error.message : 'An unexpected error (see the service log)';
  return { name: ORDER[Math.min(passedCount, ORDER.length - 1)], ok: false, detail };
}

function checkOf(kind: GoogleFailureKind, passedCount: number): ConnectionCheckName {
  switch (kind) {
    case 'key':
    case 'delegation':
    case 'permissions':
    case 'scope':
      return kind;
    case 'quota':
    case 'unavailable':
      return ORDER[Math.min(passedCount, ORDER.length - 1)];
  }
}
