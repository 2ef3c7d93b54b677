/**
 * One tab per source on the console's Directory integrations page: the identity providers that push over SCIM, and
 * the Provisioning API (company API keys on /api/v1, never a SCIM token).
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
}

export const ALL_DIRECTORY_PROVIDERS: readonly DirectoryProvider[] = Object.values(DirectoryProvider);

/** Whether the tab takes a SCIM provisioning token; the Provisioning API's takes API keys instead. */
export function takesScimToken(provider: DirectoryProvider): boolean {
  return provider !== DirectoryProvider.ProvisioningApi;
}
