import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { GoogleWorkspaceConnection } from './entities/google-workspace-connection.entity';
import { DirectoryAccount } from './google-directory.client';
import { ServiceAccountKey } from './service-account-key';

/** What the tab still lacks before a run or a test can reach Google; empty when it is complete. */
export function missingSetup(connection: GoogleWorkspaceConnection | null): string[] {
  const missing: string[] = [];
  if (!connection?.encryptedKey) missing.push('the service account key');
  if (!connection?.adminEmail) missing.push('the admin email to impersonate');
  if (!connection?.customerId && !connection?.domain) missing.push('the customer id or domain');
  if (connection && connection.scopeKind !== 'all' && connection.scopeValues.length === 0)
    missing.push(`the ${scopeNoun(connection)} of the scope`);
  return missing;
}

export function assertComplete(connection: GoogleWorkspaceConnection | null): asserts connection is GoogleWorkspaceConnection {
  const missing = missingSetup(connection);
  if (missing.length > 0) {
    throw new DomainException(DomainErrorCode.PreconditionFailed, `Google Workspace is not set up: ${missing.join(', ')} missing`);
  }
}

export function directoryAccountOf(connection: GoogleWorkspaceConnection, key: ServiceAccountKey): DirectoryAccount {
  assertComplete(connection);
  return { key, adminEmail: connection.adminEmail!, customerId: connection.customerId, domain: connection.domain };
}

function scopeNoun(connection: GoogleWorkspaceConnection): string {
  return connection.scopeKind === 'groups' ? 'groups' : 'org units';
}
