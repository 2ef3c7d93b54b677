import { SecretKind } from '../crypto/secret-token';

/**
 * One tab per source on the console's Directory integrations page: the identity providers that push over SCIM, the
 * Provisioning API (company API keys on /api/v1, never a SCIM token) and the Active Directory / LDAP connector (an
 * agent in the customer's network, with a connector token on /api/connector/v1).
 */
export enum DirectoryProvider {
  Okta = 'okta',
  EntraId = 'entra-id',
  OneLogin = 'onelogin',
  PingOne = 'pingone',
  GoogleWorkspace = 'google-workspace',
  JumpCloud = 'jumpcloud',
  Generic = 'generic',
  ProvisioningApi = 'provisioning-api',
  ActiveDirectory = 'active-directory',
}

export const ALL_DIRECTORY_PROVIDERS: readonly DirectoryProvider[] = Object.values(DirectoryProvider);

/**
 * The kind of token the tab is issued: a SCIM provisioning token, or the connector token of the Active Directory tab;
 * null for the Provisioning API's, which takes API keys instead.
 */
export function tokenKindOf(provider: DirectoryProvider): SecretKind.ProvisioningToken | SecretKind.ConnectorToken | null {
  switch (provider) {
    case DirectoryProvider.ProvisioningApi:
      return null;
    case DirectoryProvider.ActiveDirectory:
      return SecretKind.ConnectorToken;
    default:
      return SecretKind.ProvisioningToken;
  }
}
