import { useCallback } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { useApi } from '../common/use-api';
import { useSession } from '../session/session';

export type Tab = Pick<Schemas['DirectoryIntegrationResponseDto'], 'provider' | 'displayName'>;
export type Provider = Tab['provider'];

export const PROVIDERS: Provider[] = [
  'okta',
  'entra-id',
  'onelogin',
  'pingone',
  'google-workspace',
  'jumpcloud',
  'generic',
  'provisioning-api',
];

/** The Directory integrations tabs, to name a managing source by its tab ("Microsoft Entra ID", not "entra-id"). */
export function useTabs(): { tabs: Tab[]; nameOf: (provider: string) => string } {
  const { api } = useSession();
  const { loaded } = useApi(() => unwrap(api.GET('/api/admin/directory-integrations')), [api]);
  const tabs = loaded.data?.items ?? [];
  const nameOf = useCallback((provider: string) => tabs.find((tab) => tab.provider === provider)?.displayName ?? provider, [tabs]);
  return { tabs, nameOf };
}
