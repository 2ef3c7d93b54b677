import { DirectoryProvider } from './directory-provider';

/** The caller of a SCIM route: resolved from a provisioning token, bound to one integration and so one company. */
export interface ScimPrincipal {
  companyId: string;
  integrationId: string;
  provider: DirectoryProvider;
}
