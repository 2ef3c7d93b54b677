import { DirectoryProvider } from './directory-provider';

/** The caller of a SCIM route: resolved from a provisioning token, bound to one integration and so one company. */
export interface ScimPrincipal {
  companyId: string;
  integrationId: string;
  provider: DirectoryProvider;
}

export function isScimPrincipal(user: unknown): user is ScimPrincipal {
  const candidate = user as Partial<ScimPrincipal> | null | undefined;
  return typeof candidate?.integrationId === 'string' && typeof candidate.companyId === 'string' && typeof candidate.provider === 'string';
}
