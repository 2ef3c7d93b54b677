import { DirectoryProvider } from '../common/auth/directory-provider';
import { DirectoryIntegration } from './entities/directory-integration.entity';

/** The columns of directory_integrations a reader gets; the token hash is read only where a token is checked. */
export const INTEGRATION_COLUMNS =
  'company_id, id, provider, token_prefix, token_created_at, token_created_by, last_sync_at, adopt_unmanaged_users, created_at';

export interface IntegrationRow {
  company_id: string;
  id: string;
  provider: DirectoryProvider;
  token_prefix: string | null;
  token_created_at: Date | null;
  token_created_by: string | null;
  last_sync_at: Date | null;
  adopt_unmanaged_users: boolean;
  created_at: Date;
}

export function toDirectoryIntegration(row: IntegrationRow): DirectoryIntegration {
  const integration = new DirectoryIntegration();
  integration.companyId = row.company_id;
  integration.id = row.id;
  integration.provider = row.provider;
  integration.tokenHash = null;
  integration.tokenPrefix = row.token_prefix;
  integration.tokenCreatedAt = row.token_created_at;
  integration.tokenCreatedBy = row.token_created_by;
  integration.lastSyncAt = row.last_sync_at;
  integration.adoptUnmanagedUsers = row.adopt_unmanaged_users;
  integration.createdAt = row.created_at;
  return integration;
}
